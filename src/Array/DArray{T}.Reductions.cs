using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>The sum of all elements, as a lazy scalar, computed as a tree reduction.</summary>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <remarks>The sum accumulates in the element type, so an int32 sum can wrap; <c>Sum&lt;long&gt;()</c> accumulates in int64 as NumPy does.</remarks>
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
    /// <remarks>For integer element types the division truncates; <c>Mean&lt;double&gt;()</c> gives NumPy's float64 mean.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="splitEvery"/> is below 2.</exception>
    public DScalar<TElement> Mean(int? splitEvery = null) => new(Reduce("mean", null, keepDims: false, splitEvery));

    /// <summary>The mean along <paramref name="axis"/>: the sum divided by that axis' size.</summary>
    /// <param name="axis">The axis to reduce; -1 is the last.</param>
    /// <param name="keepDims">Keep the reduced axis with size 1 instead of removing it.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <remarks>For integer element types the division truncates; <c>Mean&lt;double&gt;()</c> gives NumPy's float64 mean.</remarks>
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

    /// <summary>The sum along several axes (negative count from the end), computed as a tree reduction.</summary>
    /// <param name="axes">The distinct axes to reduce.</param>
    /// <param name="keepDims">Keep the reduced axes with size 1 instead of removing them.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>, or <paramref name="splitEvery"/> is below 2.</exception>
    /// <exception cref="ArgumentException">An axis is given twice.</exception>
    /// <exception cref="NotSupportedException">The elements are booleans: count with <c>Sum&lt;long&gt;(...)</c>.</exception>
    public DArray<TElement> Sum(int[] axes, bool keepDims = false, int? splitEvery = null) => ReduceAxes("sum", NormalizeAxes(axes), keepDims, splitEvery);

    /// <summary>The mean along several axes: the sum divided by the number of elements reduced.</summary>
    /// <param name="axes">The distinct axes to reduce.</param>
    /// <param name="keepDims">Keep the reduced axes with size 1 instead of removing them.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <remarks>For integer element types the division truncates; <c>Mean&lt;double&gt;()</c> gives NumPy's float64 mean.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>, or <paramref name="splitEvery"/> is below 2.</exception>
    /// <exception cref="ArgumentException">An axis is given twice.</exception>
    /// <exception cref="NotSupportedException">The elements are booleans.</exception>
    public DArray<TElement> Mean(int[] axes, bool keepDims = false, int? splitEvery = null) => ReduceAxes("mean", NormalizeAxes(axes), keepDims, splitEvery);

    /// <summary>The largest element along several axes.</summary>
    /// <param name="axes">The distinct axes to reduce.</param>
    /// <param name="keepDims">Keep the reduced axes with size 1 instead of removing them.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>, or <paramref name="splitEvery"/> is below 2.</exception>
    /// <exception cref="ArgumentException">An axis is given twice.</exception>
    public DArray<TElement> Max(int[] axes, bool keepDims = false, int? splitEvery = null) => ReduceAxes("max", NormalizeAxes(axes), keepDims, splitEvery);

    /// <summary>The smallest element along several axes.</summary>
    /// <param name="axes">The distinct axes to reduce.</param>
    /// <param name="keepDims">Keep the reduced axes with size 1 instead of removing them.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>, or <paramref name="splitEvery"/> is below 2.</exception>
    /// <exception cref="ArgumentException">An axis is given twice.</exception>
    public DArray<TElement> Min(int[] axes, bool keepDims = false, int? splitEvery = null) => ReduceAxes("min", NormalizeAxes(axes), keepDims, splitEvery);

    private DArray<TElement> Reduce(string kind, int? axis, bool keepDims, int? splitEvery) =>
        ReduceAxes(kind, axis is { } a ? [NormalizeAxis(a)] : AllAxes, keepDims, splitEvery);

    private DArray<TElement> ReduceAxes(string kind, int[] axes, bool keepDims, int? splitEvery)
    {
        if (kind is "sum" or "mean" or "prod")
        {
            RequireNumeric(kind);
        }

        if (kind == "mean" && axes.Any(a => chunks[a].Contains(ChunkGrid.Unknown)))
        {
            // How many elements are reduced is known only when computed: count them alongside.
            var ones = DArray<long>.FromNode(ElementwiseLayer.Map("ones-like", ArrayNode.Op("ones-like", DType), "int64", [Node]));
            return ReduceAxes("sum", axes, keepDims, splitEvery) / ones.ReduceAxes("sum", axes, keepDims, splitEvery).AsType<TElement>();
        }

        var count = axes.Aggregate(1L, (n, a) => n * shape[a]);
        return FromNode(TreeReduction.Build(Node, ReductionSteps.Simple(kind, DType, axes, count), axes, keepDims, splitEvery));
    }

    private int[] AllAxes => [.. Enumerable.Range(0, Rank)];

    /// <summary>Normalizes one axis, naming the array's shape when it is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    private int NormalizeAxis(int axis) => axis >= -Rank && axis < Rank
        ? (axis < 0 ? axis + Rank : axis)
        : throw new ArgumentOutOfRangeException(
            nameof(axis), axis, $"Axis {axis} is out of range for array {Name} of shape {Shapes.Format(shape)} (rank {Rank}); expected -{Rank} <= axis < {Rank}.");

    /// <summary>Normalizes distinct axes, naming the array's shape when one is out of range or repeated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ArgumentException">An axis is given twice.</exception>
    private int[] NormalizeAxes(int[] axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        var normalized = axes.Select(NormalizeAxis).ToArray();
        if (normalized.Distinct().Count() != normalized.Length)
        {
            throw new ArgumentException(
                $"Axes [{string.Join(", ", axes)}] repeat an axis of array {Name} of shape {Shapes.Format(shape)}; each axis may be reduced once.", nameof(axes));
        }

        return [.. normalized.Order()];
    }
}
