using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>The product of all elements, as a lazy scalar (one for an empty array).</summary>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="NotSupportedException">The elements are booleans.</exception>
    public DScalar<TElement> Prod(int? splitEvery = null) => new(ReduceAxes("prod", AllAxes, keepDims: false, splitEvery));

    /// <summary>The product along <paramref name="axis"/>.</summary>
    /// <param name="axis">The axis to reduce; -1 is the last.</param>
    /// <param name="keepDims">Keep the reduced axis with size 1 instead of removing it.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="NotSupportedException">The elements are booleans.</exception>
    public DArray<TElement> Prod(int axis, bool keepDims = false, int? splitEvery = null) => ReduceAxes("prod", [NormalizeAxis(axis)], keepDims, splitEvery);

    /// <summary>The product along several axes.</summary>
    /// <param name="axes">The distinct axes to reduce.</param>
    /// <param name="keepDims">Keep the reduced axes with size 1 instead of removing them.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ArgumentException">An axis is given twice.</exception>
    /// <exception cref="NotSupportedException">The elements are booleans.</exception>
    public DArray<TElement> Prod(int[] axes, bool keepDims = false, int? splitEvery = null) => ReduceAxes("prod", NormalizeAxes(axes), keepDims, splitEvery);

    /// <summary>
    /// The variance of all elements, <c>sum((x - mean)²) / (n - ddof)</c>, computed in float64 as a
    /// tree reduction of (count, mean, M2) partials merged with Chan's numerically stable update.
    /// As in NumPy, a single integer argument is an axis (<see cref="Var(int, bool, int, int?)"/>):
    /// name <paramref name="ddof"/> to set it here (<c>x.Var(ddof: 1)</c>).
    /// </summary>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <param name="ddof">Delta degrees of freedom: 0 for the population variance, 1 for the sample variance.</param>
    /// <exception cref="ArgumentException"><paramref name="ddof"/> is at least the number of elements.</exception>
    public DScalar<double> Var(int? splitEvery = null, int ddof = 0) => new(Variance(AllAxes, keepDims: false, ddof, sqrt: false, splitEvery));

    /// <summary>The variance along <paramref name="axis"/>, in float64 (NumPy's <c>x.var(axis)</c>).</summary>
    /// <param name="axis">The axis to reduce; negative counts from the end.</param>
    /// <param name="keepDims">Keep the reduced axis with size 1 instead of removing it.</param>
    /// <param name="ddof">Delta degrees of freedom.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ArgumentException"><paramref name="ddof"/> is at least the number of elements reduced.</exception>
    public DArray<double> Var(int axis, bool keepDims = false, int ddof = 0, int? splitEvery = null) =>
        Variance([NormalizeAxis(axis)], keepDims, ddof, sqrt: false, splitEvery);

    /// <summary>The variance along several axes, in float64.</summary>
    /// <param name="axes">The distinct axes to reduce.</param>
    /// <param name="keepDims">Keep the reduced axes with size 1 instead of removing them.</param>
    /// <param name="ddof">Delta degrees of freedom.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ArgumentException">An axis is repeated, or <paramref name="ddof"/> is at least the number of elements reduced.</exception>
    public DArray<double> Var(int[] axes, bool keepDims = false, int ddof = 0, int? splitEvery = null) =>
        Variance(NormalizeAxes(axes), keepDims, ddof, sqrt: false, splitEvery);

    /// <summary>
    /// The standard deviation of all elements, the square root of <see cref="Var(int?, int)"/>. As in
    /// NumPy, a single integer argument is an axis: name <paramref name="ddof"/> to set it here.
    /// </summary>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <param name="ddof">Delta degrees of freedom.</param>
    /// <exception cref="ArgumentException"><paramref name="ddof"/> is at least the number of elements.</exception>
    public DScalar<double> Std(int? splitEvery = null, int ddof = 0) => new(Variance(AllAxes, keepDims: false, ddof, sqrt: true, splitEvery));

    /// <summary>The standard deviation along <paramref name="axis"/>, in float64 (NumPy's <c>x.std(axis)</c>).</summary>
    /// <param name="axis">The axis to reduce; negative counts from the end.</param>
    /// <param name="keepDims">Keep the reduced axis with size 1 instead of removing it.</param>
    /// <param name="ddof">Delta degrees of freedom.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ArgumentException"><paramref name="ddof"/> is at least the number of elements reduced.</exception>
    public DArray<double> Std(int axis, bool keepDims = false, int ddof = 0, int? splitEvery = null) =>
        Variance([NormalizeAxis(axis)], keepDims, ddof, sqrt: true, splitEvery);

    /// <summary>The standard deviation along several axes, in float64.</summary>
    /// <param name="axes">The distinct axes to reduce.</param>
    /// <param name="keepDims">Keep the reduced axes with size 1 instead of removing them.</param>
    /// <param name="ddof">Delta degrees of freedom.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ArgumentException">An axis is repeated, or <paramref name="ddof"/> is at least the number of elements reduced.</exception>
    public DArray<double> Std(int[] axes, bool keepDims = false, int ddof = 0, int? splitEvery = null) =>
        Variance(NormalizeAxes(axes), keepDims, ddof, sqrt: true, splitEvery);

    /// <summary>
    /// The row-major index of the largest element (NumPy's <c>argmax()</c> over the flattened
    /// array): the first occurrence, or the first NaN if there is one.
    /// </summary>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentException">The array is empty.</exception>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown: the indices count from each block's position.</exception>
    public DScalar<long> ArgMax(int? splitEvery = null) => new(Arg(max: true, axis: null, keepDims: false, splitEvery));

    /// <summary>The index along <paramref name="axis"/> of the largest element (first occurrence; NaN wins).</summary>
    /// <param name="axis">The axis to search; -1 is the last.</param>
    /// <param name="keepDims">Keep the axis with size 1 instead of removing it.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ArgumentException">The axis is empty.</exception>
    /// <exception cref="UnknownChunkSizesException">The axis has unknown size: the indices count from each block's position.</exception>
    public DArray<long> ArgMax(int axis, bool keepDims = false, int? splitEvery = null) => Arg(max: true, NormalizeAxis(axis), keepDims, splitEvery);

    /// <summary>The row-major index of the smallest element (first occurrence; NaN wins, as in NumPy).</summary>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentException">The array is empty.</exception>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown: the indices count from each block's position.</exception>
    public DScalar<long> ArgMin(int? splitEvery = null) => new(Arg(max: false, axis: null, keepDims: false, splitEvery));

    /// <summary>The index along <paramref name="axis"/> of the smallest element (first occurrence; NaN wins).</summary>
    /// <param name="axis">The axis to search; -1 is the last.</param>
    /// <param name="keepDims">Keep the axis with size 1 instead of removing it.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ArgumentException">The axis is empty.</exception>
    /// <exception cref="UnknownChunkSizesException">The axis has unknown size: the indices count from each block's position.</exception>
    public DArray<long> ArgMin(int axis, bool keepDims = false, int? splitEvery = null) => Arg(max: false, NormalizeAxis(axis), keepDims, splitEvery);

    /// <summary>Whether any element is nonzero (true), as a lazy boolean scalar.</summary>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    public DScalar<Bool> Any(int? splitEvery = null) => new(Logical("any", AllAxes, keepDims: false, splitEvery));

    /// <summary>Whether any element along <paramref name="axis"/> is nonzero.</summary>
    /// <param name="axis">The axis to reduce; -1 is the last.</param>
    /// <param name="keepDims">Keep the reduced axis with size 1 instead of removing it.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>.</exception>
    public DArray<Bool> Any(int axis, bool keepDims = false, int? splitEvery = null) => Logical("any", [NormalizeAxis(axis)], keepDims, splitEvery);

    /// <summary>Whether any element along the axes is nonzero.</summary>
    /// <param name="axes">The distinct axes to reduce.</param>
    /// <param name="keepDims">Keep the reduced axes with size 1 instead of removing them.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ArgumentException">An axis is given twice.</exception>
    public DArray<Bool> Any(int[] axes, bool keepDims = false, int? splitEvery = null) => Logical("any", NormalizeAxes(axes), keepDims, splitEvery);

    /// <summary>Whether every element is nonzero (true), as a lazy boolean scalar; true for an empty array.</summary>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    public DScalar<Bool> All(int? splitEvery = null) => new(Logical("all", AllAxes, keepDims: false, splitEvery));

    /// <summary>Whether every element along <paramref name="axis"/> is nonzero.</summary>
    /// <param name="axis">The axis to reduce; -1 is the last.</param>
    /// <param name="keepDims">Keep the reduced axis with size 1 instead of removing it.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>.</exception>
    public DArray<Bool> All(int axis, bool keepDims = false, int? splitEvery = null) => Logical("all", [NormalizeAxis(axis)], keepDims, splitEvery);

    /// <summary>Whether every element along the axes is nonzero.</summary>
    /// <param name="axes">The distinct axes to reduce.</param>
    /// <param name="keepDims">Keep the reduced axes with size 1 instead of removing them.</param>
    /// <param name="splitEvery">Partial results merged per combine step; null for 4.</param>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ArgumentException">An axis is given twice.</exception>
    public DArray<Bool> All(int[] axes, bool keepDims = false, int? splitEvery = null) => Logical("all", NormalizeAxes(axes), keepDims, splitEvery);

    private DArray<double> Variance(int[] axes, bool keepDims, int ddof, bool sqrt, int? splitEvery)
    {
        if (typeof(TElement) == typeof(Complex128))
        {
            throw new NotSupportedException($"Var and Std of complex128 are not supported (array {Name}); compute them of Real() and Imag(), or of DArray.Abs(x).");
        }

        var count = axes.Aggregate(1L, (n, a) => n * shape[a]);
        if (!axes.Any(a => chunks[a].Contains(ChunkGrid.Unknown)) && ddof >= count)
        {
            throw new ArgumentException(
                $"ddof {ddof} must be less than the {count} elements reduced along axes [{string.Join(", ", axes)}] of array {Name} of shape {Shapes.Format(shape)}; the variance would divide by {count - ddof}.",
                nameof(ddof));
        }

        return DArray<double>.FromNode(TreeReduction.Build(Node, ReductionSteps.Variance(DType, axes, ddof, sqrt), axes, keepDims, splitEvery, ddof, sqrt));
    }

    private DArray<long> Arg(bool max, int? axis, bool keepDims, int? splitEvery)
    {
        var axes = axis is { } a ? [a] : AllAxes;
        RequireKnownChunks(max ? "ArgMax" : "ArgMin", axes);
        var count = axes.Aggregate(1L, (n, ax) => n * shape[ax]);
        if (count == 0 && (axis is null || (!HasUnknownChunks && Size > 0)))
        {
            throw new ArgumentException(
                $"attempt to get {(max ? "argmax" : "argmin")} of an empty sequence: array {Name} of shape {Shapes.Format(shape)} has no elements{(axis is null ? "" : $" along axis {axis}")}.");
        }

        var steps = ReductionSteps.Arg(max, DType, axis, shape, chunks);
        return DArray<long>.FromNode(TreeReduction.Build(Node, steps, axes, keepDims, splitEvery, axis ?? -1));
    }

    private DArray<Bool> Logical(string kind, int[] axes, bool keepDims, int? splitEvery) =>
        DArray<Bool>.FromNode(TreeReduction.Build(Node, ReductionSteps.Logical(kind, DType, axes), axes, keepDims, splitEvery));
}
