using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>
    /// The median along <paramref name="axis"/>, in float64 (NumPy's <c>median</c>: the mean of
    /// the two middle elements of an even count; NaN where a slice holds a NaN or is empty). Exact:
    /// the axis must be one block, as in Dask, so that each task sees whole slices.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ArgumentException">The axis has several blocks; the message names the <c>Rechunk</c> that joins them.</exception>
    public DArray<double> Median(int axis, bool keepDims = false)
    {
        var median = Quantiles("median", [0.5], NormalizeAxis(axis), scalar: true);
        return keepDims ? median.ExpandDims(NormalizeAxis(axis)) : median;
    }

    /// <summary>
    /// The <paramref name="q"/>-th quantile (0 to 1) along <paramref name="axis"/>, in float64, by
    /// NumPy's default linear interpolation between the two nearest ranks; exact, along an axis
    /// that is one block (as in Dask).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>, or <paramref name="q"/> outside [0, 1].</exception>
    /// <exception cref="ArgumentException">The axis has several blocks; the message names the <c>Rechunk</c> that joins them.</exception>
    /// <exception cref="NotSupportedException">The elements are booleans (NumPy refuses their quantiles).</exception>
    public DArray<double> Quantile(double q, int axis) => Quantiles("quantile", [CheckQuantile(q, 1)], NormalizeAxis(axis), scalar: true);

    /// <summary>Several quantiles along <paramref name="axis"/>: the result's first axis runs over <paramref name="q"/> (as NumPy's).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>, or a quantile outside [0, 1].</exception>
    /// <exception cref="ArgumentException">The axis has several blocks; the message names the <c>Rechunk</c> that joins them.</exception>
    public DArray<double> Quantile(double[] q, int axis) =>
        Quantiles("quantile", [.. (q ?? throw new ArgumentNullException(nameof(q))).Select(v => CheckQuantile(v, 1))], NormalizeAxis(axis), scalar: false);

    /// <summary>The <paramref name="q"/>-th percentile (0 to 100) along <paramref name="axis"/>: <see cref="Quantile(double, int)"/> of <c>q / 100</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>, or <paramref name="q"/> outside [0, 100].</exception>
    /// <exception cref="ArgumentException">The axis has several blocks; the message names the <c>Rechunk</c> that joins them.</exception>
    public DArray<double> Percentile(double q, int axis) => Quantiles("percentile", [CheckQuantile(q, 100) / 100], NormalizeAxis(axis), scalar: true);

    /// <summary>Several percentiles along <paramref name="axis"/>, the first axis running over <paramref name="q"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>, or a percentile outside [0, 100].</exception>
    /// <exception cref="ArgumentException">The axis has several blocks; the message names the <c>Rechunk</c> that joins them.</exception>
    public DArray<double> Percentile(double[] q, int axis) =>
        Quantiles("percentile", [.. (q ?? throw new ArgumentNullException(nameof(q))).Select(v => CheckQuantile(v, 100) / 100)], NormalizeAxis(axis), scalar: false);

    /// <summary>
    /// The percentiles <paramref name="q"/> (0 to 100) of a one-dimensional array, as Dask's
    /// <c>da.percentile</c>: exact when the array is one block; otherwise approximate: each block's
    /// percentiles at <paramref name="q"/> and at 0 and 100 are computed exactly, weighted by the
    /// share of the block's elements they stand for, and merged by interpolating the combined
    /// weighted distribution (Dask's <c>merge_percentiles</c> with linear interpolation). The error
    /// shrinks as blocks grow or <paramref name="q"/> gets denser.
    /// </summary>
    /// <exception cref="ArgumentException">The array is not one-dimensional.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A percentile lies outside [0, 100].</exception>
    public DArray<double> Percentile(double[] q)
    {
        ArgumentNullException.ThrowIfNull(q);
        RequireNumeric("percentile");
        if (Rank != 1)
        {
            throw new ArgumentException(
                $"Percentile without an axis takes a one-dimensional array (as Dask's da.percentile); array {Name} has shape {Shapes.Format(shape)}: flatten it with Reshape(-1) or give an axis.");
        }

        RequireKnownChunks("Percentile");
        var fractions = q.Select(v => CheckQuantile(v, 100) / 100).ToArray();
        if (chunks[0].Length == 1)
        {
            return Quantiles("percentile", fractions, 0, scalar: false);
        }

        return DArray<double>.FromNode(QuantileLayers.MergedPercentiles(Node, fractions));
    }

    private DArray<double> Quantiles(string op, double[] q, int axis, bool scalar)
    {
        // NumPy takes the median of booleans (the mean of the middle ones) but refuses their
        // quantiles and percentiles, whose interpolation subtracts booleans.
        if (op != "median")
        {
            RequireNumeric(op);
        }

        RequireKnownChunks("Quantile", axis);
        if (chunks[axis].Length > 1)
        {
            var target = string.Join(", ", Enumerable.Range(0, Rank).Select(a => a == axis ? "-1" : $"{chunks[a][0]}"));
            throw new ArgumentException(
                $"Quantile, percentile and median along axis {axis} need that axis in one block, but array {Name} has {chunks[axis].Length} blocks there (chunks {ChunkGrid.Format(chunks)}); "
                + $"join them first with x.Rechunk([{target}]) (Dask asks the same: x.rechunk({{{axis}: -1}})).",
                nameof(axis));
        }

        return DArray<double>.FromNode(QuantileLayers.AlongAxis(Node, q, axis, scalar));
    }

    private static double CheckQuantile(double q, double top) =>
        q is >= 0 && q <= top ? q : throw new ArgumentOutOfRangeException(nameof(q), q, $"Quantiles must lie in [0, {top}].");
}
