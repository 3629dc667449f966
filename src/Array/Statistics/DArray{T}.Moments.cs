using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// NumPy's descriptive statistics built from the tree reductions: weighted average, central
/// moments, peak-to-peak, nonzero counts, trace, covariance and correlation. Each is a few lazy
/// array steps, so its blocks fuse and reduce as the reductions they are made of.
/// </summary>
public sealed partial class DArray<TElement>
{
    /// <summary>The mean of all elements weighted by <paramref name="weights"/> of the same shape: <c>sum(x·w) / sum(w)</c> in float64 (NumPy's <c>average</c>).</summary>
    /// <exception cref="ArgumentException">The weights' shape differs from the array's.</exception>
    public DScalar<double> Average(DArray<TElement> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (!weights.shape.SequenceEqual(shape))
        {
            throw new ArgumentException(
                $"Average without an axis takes weights of the array's shape {Shapes.Format(shape)}; got {Shapes.Format(weights.shape)}.", nameof(weights));
        }

        var w = weights.AsType<double>();
        return new((AsType<double>() * w).Sum(AllAxes) / w.Sum(AllAxes));
    }

    /// <summary>
    /// The mean along <paramref name="axis"/> weighted by <paramref name="weights"/>, which have
    /// either the array's shape or one dimension of the axis' length (NumPy's
    /// <c>average(x, axis, weights)</c>); the plain mean without weights. A zero sum of weights gives NaN or infinity.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ArgumentException">The weights fit neither shape.</exception>
    public DArray<double> Average(int axis, DArray<TElement>? weights = null, bool keepDims = false)
    {
        var a = NormalizeAxis(axis);
        var x = AsType<double>();
        if (weights is null)
        {
            return x.Mean([a], keepDims);
        }

        var w = weights.AsType<double>();
        if (weights.Rank == 1 && Rank > 1 && weights.shape[0] == shape[a])
        {
            w = w.Reshape([.. shape.Select((size, i) => i == a ? size : 1)]);
        }
        else if (!weights.shape.SequenceEqual(shape))
        {
            throw new ArgumentException(
                $"Average along axis {a} takes weights of shape {Shapes.Format(shape)} or ({shape[a]},); got {Shapes.Format(weights.shape)}.", nameof(weights));
        }

        // One-dimensional weights were reshaped to broadcast along the axis, so their sum there broadcasts too.
        return (x * w).Sum([a], keepDims) / w.Sum([a], keepDims);
    }

    /// <summary>The range of all elements, <c>max - min</c> (NumPy's <c>ptp</c>).</summary>
    /// <exception cref="ArgumentException">The array is empty.</exception>
    public DScalar<TElement> Ptp() => new(Max(AllAxes) - Min(AllAxes));

    /// <summary>The range <c>max - min</c> along <paramref name="axis"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public DArray<TElement> Ptp(int axis, bool keepDims = false) => Max(axis, keepDims) - Min(axis, keepDims);

    /// <summary>The number of nonzero elements (NumPy's <c>count_nonzero</c>); NaN counts as nonzero.</summary>
    public DScalar<long> CountNonzero() => new(Nonzeros().Sum(AllAxes));

    /// <summary>The number of nonzero elements along <paramref name="axis"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public DArray<long> CountNonzero(int axis, bool keepDims = false) => Nonzeros().Sum([NormalizeAxis(axis)], keepDims);

    /// <summary>
    /// The <paramref name="order"/>-th central moment of all elements,
    /// <c>sum((x - mean)^order) / (n - ddof)</c> in float64 (Dask's <c>da.moment</c>). A second
    /// integer argument is <paramref name="ddof"/>: name <c>axis:</c> to reduce along an axis.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is negative.</exception>
    public DScalar<double> Moment(int order, int ddof = 0) => new(CentralMoment(order, AllAxes, keepDims: false, ddof));

    /// <summary>The <paramref name="order"/>-th central moment along <paramref name="axis"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>, or <paramref name="order"/> is negative.</exception>
    public DArray<double> Moment(int order, int axis, bool keepDims = false, int ddof = 0) => CentralMoment(order, [NormalizeAxis(axis)], keepDims, ddof);

    /// <summary>
    /// The sum along the diagonal <paramref name="offset"/> of a two-dimensional array (NumPy's
    /// <c>trace</c>): above the main diagonal for a positive offset, below for a negative one.
    /// </summary>
    /// <exception cref="ArgumentException">The array is not two-dimensional.</exception>
    public DScalar<TElement> Trace(int offset = 0)
    {
        if (Rank != 2)
        {
            throw new ArgumentException($"Trace takes a two-dimensional array; array {Name} has shape {Shapes.Format(shape)}.");
        }

        RequireKnownChunks("Trace");
        var diagonal = DArray.Eye<TElement>(shape[0], shape[1], offset, chunks);
        return new((this * diagonal).Sum(AllAxes));
    }

    /// <summary>
    /// The covariance matrix of the variables in the rows (or with <paramref name="rowVar"/> false,
    /// the columns) of a two-dimensional array, in float64 (NumPy's <c>cov</c>): centred rows
    /// multiplied by their transpose over <c>n - ddof</c> observations, <paramref name="ddof"/> 1
    /// by default. A one-dimensional array is one variable, and gives a zero-dimensional result.
    /// </summary>
    /// <exception cref="ArgumentException">The array has more than two dimensions.</exception>
    public DArray<double> Cov(bool rowVar = true, int ddof = 1)
    {
        var (centred, scalar) = Centred(rowVar);
        var observations = centred.shape[1];
        var cov = centred.MatMul(centred.Transpose()) / (double)(observations - ddof);
        return scalar ? cov.Reshape() : cov;
    }

    /// <summary>
    /// The Pearson correlation coefficients of the variables in the rows (or columns) (NumPy's
    /// <c>corrcoef</c>): the covariance divided by the outer product of the standard deviations.
    /// </summary>
    /// <exception cref="ArgumentException">The array has more than two dimensions.</exception>
    public DArray<double> Corrcoef(bool rowVar = true)
    {
        var (centred, scalar) = Centred(rowVar);
        var cov = centred.MatMul(centred.Transpose());
        var std = (centred * centred).Sum([1]).Sqrt();
        var corr = cov / (std.Reshape(std.shape[0], 1) * std.Reshape(1, std.shape[0]));
        return scalar ? corr.Reshape() : corr;
    }

    private DArray<long> Nonzeros() => Ne(TElement.Zero).AsType<long>();

    private DArray<double> CentralMoment(int order, int[] axes, bool keepDims, int ddof)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        var x = AsType<double>();
        var deviation = x - x.Mean(axes, keepDims: true);
        var count = axes.Aggregate(1L, (n, a) => n * shape[a]);
        var powered = order switch
        {
            0 => deviation * 0.0 + 1.0,
            1 => deviation,
            _ => deviation.Power((double)order),
        };
        return powered.Sum(axes, keepDims) / (double)(count - ddof);
    }

    private (DArray<double> Centred, bool Scalar) Centred(bool rowVar)
    {
        if (Rank > 2)
        {
            throw new ArgumentException($"Cov and Corrcoef take a one- or two-dimensional array; array {Name} has shape {Shapes.Format(shape)}.");
        }

        var x = AsType<double>();
        var scalar = Rank == 1;
        var rows = scalar ? x.Reshape(1, shape[0]) : rowVar ? x : x.Transpose();
        return (rows - rows.Mean([1], keepDims: true), scalar);
    }
}
