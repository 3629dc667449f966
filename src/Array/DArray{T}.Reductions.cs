using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>The sum of all elements, as a lazy scalar, computed as a tree reduction.</summary>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="splitEvery"/> is below 2.</exception>
    public DScalar<TElement> Sum(int? splitEvery = null) => new(Reduce("sum", null, keepDims: false, splitEvery));

    /// <summary>The sum along <paramref name="axis"/> (negative counts from the end), computed as a tree reduction.</summary>
    /// <param name="axis">The axis to reduce; -1 is the last.</param>
    /// <param name="keepDims">Keep the reduced axis with size 1 instead of removing it.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="axis"/> is outside <c>[-rank, rank)</c> (the message names the axis and rank), or <paramref name="splitEvery"/> is below 2.
    /// </exception>
    public DArray<TElement> Sum(int axis, bool keepDims = false, int? splitEvery = null) => Reduce("sum", axis, keepDims, splitEvery);

    /// <summary>The mean of all elements (the sum divided by the element count), as a lazy scalar.</summary>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <remarks>For integer element types the division truncates.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="splitEvery"/> is below 2.</exception>
    public DScalar<TElement> Mean(int? splitEvery = null) => new(Reduce("mean", null, keepDims: false, splitEvery));

    /// <summary>The mean along <paramref name="axis"/>: the sum divided by that axis' size.</summary>
    /// <param name="axis">The axis to reduce; -1 is the last.</param>
    /// <param name="keepDims">Keep the reduced axis with size 1 instead of removing it.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <remarks>For integer element types the division truncates.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="axis"/> is outside <c>[-rank, rank)</c>, or <paramref name="splitEvery"/> is below 2.
    /// </exception>
    public DArray<TElement> Mean(int axis, bool keepDims = false, int? splitEvery = null) => Reduce("mean", axis, keepDims, splitEvery);

    /// <summary>The largest element, as a lazy scalar; NaN if any element is NaN.</summary>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="splitEvery"/> is below 2.</exception>
    public DScalar<TElement> Max(int? splitEvery = null) => new(Reduce("max", null, keepDims: false, splitEvery));

    /// <summary>The largest element along <paramref name="axis"/>.</summary>
    /// <param name="axis">The axis to reduce; -1 is the last.</param>
    /// <param name="keepDims">Keep the reduced axis with size 1 instead of removing it.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="axis"/> is outside <c>[-rank, rank)</c>, or <paramref name="splitEvery"/> is below 2.
    /// </exception>
    public DArray<TElement> Max(int axis, bool keepDims = false, int? splitEvery = null) => Reduce("max", axis, keepDims, splitEvery);

    /// <summary>The smallest element, as a lazy scalar; NaN if any element is NaN.</summary>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="splitEvery"/> is below 2.</exception>
    public DScalar<TElement> Min(int? splitEvery = null) => new(Reduce("min", null, keepDims: false, splitEvery));

    /// <summary>The smallest element along <paramref name="axis"/>.</summary>
    /// <param name="axis">The axis to reduce; -1 is the last.</param>
    /// <param name="keepDims">Keep the reduced axis with size 1 instead of removing it.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="axis"/> is outside <c>[-rank, rank)</c>, or <paramref name="splitEvery"/> is below 2.
    /// </exception>
    public DArray<TElement> Min(int axis, bool keepDims = false, int? splitEvery = null) => Reduce("min", axis, keepDims, splitEvery);

    private DArray<TElement> Reduce(string kind, int? axis, bool keepDims, int? splitEvery)
    {
        int[] axes = axis is { } a ? [Shapes.NormalizeAxis(a, Rank)] : [.. Enumerable.Range(0, Rank)];
        return TreeReduction.Build(this, kind, axes, keepDims, splitEvery);
    }
}
