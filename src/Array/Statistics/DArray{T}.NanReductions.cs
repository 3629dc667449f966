using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// NumPy's NaN-aware reductions (Dask's <c>nansum</c>, <c>nanmean</c>, ...): NaN elements are left
/// out. Each is the plain tree reduction over the array with NaNs replaced by the reduction's
/// identity (a fused elementwise <c>where</c> before the chunk step), so it costs what the plain
/// reduction costs. On integer arrays, which hold no NaN, each equals its plain counterpart.
/// </summary>
public sealed partial class DArray<TElement>
{
    /// <summary>The sum of the non-NaN elements (zero when there are none).</summary>
    public DScalar<TElement> NanSum() => new(NanSum(AllAxes, keepDims: false));

    /// <summary>The sum of the non-NaN elements along <paramref name="axis"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public DArray<TElement> NanSum(int axis, bool keepDims = false) => NanSum([NormalizeAxis(axis)], keepDims);

    /// <summary>The product of the non-NaN elements (one when there are none).</summary>
    public DScalar<TElement> NanProd() => new(NanProd(AllAxes, keepDims: false));

    /// <summary>The product of the non-NaN elements along <paramref name="axis"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public DArray<TElement> NanProd(int axis, bool keepDims = false) => NanProd([NormalizeAxis(axis)], keepDims);

    /// <summary>The smallest non-NaN element; NaN when every element is NaN (NumPy warns and gives NaN).</summary>
    /// <exception cref="ArgumentException">The array is empty.</exception>
    public DScalar<TElement> NanMin() => new(NanExtreme(AllAxes, keepDims: false, max: false));

    /// <summary>The smallest non-NaN element along <paramref name="axis"/>; NaN where a slice is all NaN.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public DArray<TElement> NanMin(int axis, bool keepDims = false) => NanExtreme([NormalizeAxis(axis)], keepDims, max: false);

    /// <summary>The largest non-NaN element; NaN when every element is NaN.</summary>
    /// <exception cref="ArgumentException">The array is empty.</exception>
    public DScalar<TElement> NanMax() => new(NanExtreme(AllAxes, keepDims: false, max: true));

    /// <summary>The largest non-NaN element along <paramref name="axis"/>; NaN where a slice is all NaN.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public DArray<TElement> NanMax(int axis, bool keepDims = false) => NanExtreme([NormalizeAxis(axis)], keepDims, max: true);

    /// <summary>The mean of the non-NaN elements, in float64; NaN when there are none.</summary>
    public DScalar<double> NanMean() => new(NanMean(AllAxes, keepDims: false));

    /// <summary>The mean of the non-NaN elements along <paramref name="axis"/>, in float64.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public DArray<double> NanMean(int axis, bool keepDims = false) => NanMean([NormalizeAxis(axis)], keepDims);

    /// <summary>The variance of the non-NaN elements, <c>sum((x - mean)²) / (n - ddof)</c> over them; NaN where <c>n - ddof</c> is not positive.</summary>
    /// <param name="ddof">Delta degrees of freedom.</param>
    public DScalar<double> NanVar(int ddof = 0) => new(NanVariance(AllAxes, keepDims: false, ddof, sqrt: false));

    /// <summary>The variance of the non-NaN elements along <paramref name="axis"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public DArray<double> NanVar(int axis, bool keepDims = false, int ddof = 0) => NanVariance([NormalizeAxis(axis)], keepDims, ddof, sqrt: false);

    /// <summary>The standard deviation of the non-NaN elements (the square root of <see cref="NanVar(int)"/>).</summary>
    /// <param name="ddof">Delta degrees of freedom.</param>
    public DScalar<double> NanStd(int ddof = 0) => new(NanVariance(AllAxes, keepDims: false, ddof, sqrt: true));

    /// <summary>The standard deviation of the non-NaN elements along <paramref name="axis"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public DArray<double> NanStd(int axis, bool keepDims = false, int ddof = 0) => NanVariance([NormalizeAxis(axis)], keepDims, ddof, sqrt: true);

    /// <summary>The row-major index of the smallest non-NaN element.</summary>
    /// <exception cref="ArgumentException">The array is empty.</exception>
    /// <remarks>Computing it fails with "All-NaN slice encountered" when every element is NaN, as NumPy's <c>nanargmin</c>.</remarks>
    public DScalar<long> NanArgMin() => new(NanArg(null, max: false));

    /// <summary>The index along <paramref name="axis"/> of the smallest non-NaN element; computing fails on an all-NaN slice.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public DArray<long> NanArgMin(int axis) => NanArg(NormalizeAxis(axis), max: false);

    /// <summary>The row-major index of the largest non-NaN element; computing fails when every element is NaN.</summary>
    /// <exception cref="ArgumentException">The array is empty.</exception>
    public DScalar<long> NanArgMax() => new(NanArg(null, max: true));

    /// <summary>The index along <paramref name="axis"/> of the largest non-NaN element; computing fails on an all-NaN slice.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public DArray<long> NanArgMax(int axis) => NanArg(NormalizeAxis(axis), max: true);

    /// <summary>The running sum along <paramref name="axis"/> with NaNs counted as zero (NumPy's <c>nancumsum</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public DArray<TElement> NanCumSum(int axis) => NanReplaced(TElement.Zero).CumSum(axis);

    /// <summary>The running product along <paramref name="axis"/> with NaNs counted as one (NumPy's <c>nancumprod</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public DArray<TElement> NanCumProd(int axis) => NanReplaced(TElement.One).CumProd(axis);

    /// <summary>Where the elements are NaN (an element differs from itself only when it is NaN).</summary>
    internal DArray<Bool> NanMask() => Ne(this);

    /// <summary>This array with every NaN replaced by <paramref name="value"/>.</summary>
    internal DArray<TElement> NanReplaced(TElement value) => DArray.Where(NanMask(), value, this);

    /// <summary>The number of non-NaN elements along <paramref name="axes"/>, as float64.</summary>
    internal DArray<double> NonNanCount(int[] axes, bool keepDims) => DArray.Where(NanMask(), 0.0, 1.0).Sum(axes, keepDims);

    private DArray<TElement> NanSum(int[] axes, bool keepDims) => NanReplaced(TElement.Zero).Sum(axes, keepDims);

    private DArray<TElement> NanProd(int[] axes, bool keepDims) => NanReplaced(TElement.One).Prod(axes, keepDims);

    private DArray<TElement> NanExtreme(int[] axes, bool keepDims, bool max)
    {
        var identity = TElement.CreateSaturating(max ? double.NegativeInfinity : double.PositiveInfinity);
        var replaced = NanReplaced(identity);
        var extreme = max ? replaced.Max(axes, keepDims) : replaced.Min(axes, keepDims);
        return DArray.Where(NonNanCount(axes, keepDims).Eq(0.0), TElement.CreateSaturating(double.NaN), extreme);
    }

    private DArray<double> NanMean(int[] axes, bool keepDims)
    {
        var values = AsType<double>();
        return DArray.Where(NanMask(), 0.0, values).Sum(axes, keepDims) / NonNanCount(axes, keepDims);
    }

    private DArray<double> NanVariance(int[] axes, bool keepDims, int ddof, bool sqrt)
    {
        var mask = NanMask();
        var deviation = DArray.Where(mask, 0.0, AsType<double>() - NanMean(axes, keepDims: true));
        var dof = NonNanCount(axes, keepDims) - ddof;
        var variance = DArray.Where(dof.LessEqual(0.0), double.NaN, (deviation * deviation).Sum(axes, keepDims) / dof);
        return sqrt ? variance.Sqrt() : variance;
    }

    private DArray<long> NanArg(int? axis, bool max)
    {
        var axes = axis is { } a ? new[] { a } : AllAxes;
        var replaced = NanReplaced(TElement.CreateSaturating(max ? double.NegativeInfinity : double.PositiveInfinity));
        var index = axis is { } ax
            ? (max ? replaced.ArgMax(ax) : replaced.ArgMin(ax))
            : (max ? replaced.ArgMax() : replaced.ArgMin()).AsArray();
        return index.MapBlocks(NonNanCount(axes, keepDims: false), StatisticsChecks.RefuseAllNaN);
    }
}
