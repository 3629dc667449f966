namespace MiniDask.Array;

public static partial class Linalg
{
    /// <summary>
    /// A vector or matrix norm (NumPy's and Dask's <c>norm</c>) over <paramref name="axis"/> (all
    /// axes when null): over one axis, the vector norm of order <paramref name="ord"/> (null or 2:
    /// Euclidean; ∞ and -∞: largest and smallest |x|; 0: count of non-zeros; any other p:
    /// <c>(Σ|x|^p)^(1/p)</c>); over two axes, the matrix norm (null: Frobenius; ∞ and -∞: largest and
    /// smallest row sum of |x|; 1 and -1: largest and smallest column sum; 2 and -2: largest and
    /// smallest singular value, by <see cref="Svd"/>). <c>"fro"</c> and <c>"nuc"</c> take the string overload.
    /// </summary>
    /// <exception cref="ArgumentException">More than two axes with an order, or an order that does not apply to vectors or to matrices.</exception>
    public static DArray<double> Norm(DArray<double> x, double? ord = null, int[]? axis = null, bool keepDims = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        var axes = NormAxes(x, axis, ord is not null);
        var r = x.Abs();
        if (ord is null)
        {
            return (r * r).Sum(axes, keepDims).Sqrt();
        }

        var p = ord.Value;
        if (axes.Length == 1)
        {
            return p switch
            {
                double.PositiveInfinity => r.Max(axes[0], keepDims),
                double.NegativeInfinity => r.Min(axes[0], keepDims),
                0 => DArray.Where(r.Ne(0.0), 1.0, 0.0).Sum(axes, keepDims),
                1 => r.Sum(axes, keepDims),
                2 => (r * r).Sum(axes, keepDims).Sqrt(),
                _ => r.Power(p).Sum(axes, keepDims).Power(1 / p),
            };
        }

        var (rows, columns) = (axes[0], axes[1]);
        return p switch
        {
            double.PositiveInfinity => Squeeze(r.Sum(columns, keepDims: true).Max(rows, keepDims: true), axes, keepDims),
            double.NegativeInfinity => Squeeze(r.Sum(columns, keepDims: true).Min(rows, keepDims: true), axes, keepDims),
            1 => Squeeze(r.Sum(rows, keepDims: true).Max(columns, keepDims: true), axes, keepDims),
            -1 => Squeeze(r.Sum(rows, keepDims: true).Min(columns, keepDims: true), axes, keepDims),
            2 => SingularValueNorm(x, s => s.Max(0, keepDims: false), keepDims),
            -2 => SingularValueNorm(x, s => s.Min(0, keepDims: false), keepDims),
            _ => throw new ArgumentException($"Invalid norm order {p} for matrices: use null (Frobenius), \"fro\", \"nuc\", ±1, ±2 or ±infinity.", nameof(ord)),
        };
    }

    /// <summary>The Frobenius (<c>"fro"</c>) or nuclear (<c>"nuc"</c>: the sum of singular values) matrix norm; see <see cref="Norm(DArray{double}, double?, int[], bool)"/>.</summary>
    /// <exception cref="ArgumentException">The order is neither, or the axes are not two.</exception>
    public static DArray<double> Norm(DArray<double> x, string ord, int[]? axis = null, bool keepDims = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ord);
        var axes = NormAxes(x, axis, checkCount: true);
        if (axes.Length != 2 || ord is not ("fro" or "nuc"))
        {
            throw new ArgumentException(
                $"Norm order \"{ord}\" {(ord is "fro" or "nuc" ? "applies to matrices only (two axes)" : "is unknown: use \"fro\" or \"nuc\", or a number")}; got {axes.Length} ax{(axes.Length == 1 ? "is" : "es")}.", nameof(ord));
        }

        return ord == "fro" ? Norm(x, (double?)null, axes, keepDims) : SingularValueNorm(x, s => s.Sum(0), keepDims);
    }

    private static int[] NormAxes(DArray<double> x, int[]? axis, bool checkCount)
    {
        var axes = axis is null ? [.. Enumerable.Range(0, x.Rank)] : axis.Select(a => a < 0 ? a + x.Rank : a).ToArray();
        if (axes.Any(a => a < 0 || a >= x.Rank) || axes.Distinct().Count() != axes.Length)
        {
            throw new ArgumentException($"Axes [{string.Join(", ", axis ?? [])}] are not distinct axes of an array of rank {x.Rank}.", nameof(axis));
        }

        if (checkCount && axes.Length is not (1 or 2))
        {
            throw new ArgumentException($"A norm with an order is over one axis (vector) or two (matrix); got {axes.Length}.", nameof(axis));
        }

        return axes;
    }

    private static DArray<double> Squeeze(DArray<double> r, int[] axes, bool keepDims) => keepDims ? r : r.Squeeze(axes);

    /// <summary>A norm from the singular values of a 2-D array; with <paramref name="keepDims"/>, shaped (1, 1).</summary>
    private static DArray<double> SingularValueNorm(DArray<double> x, Func<DArray<double>, DArray<double>> reduce, bool keepDims)
    {
        if (x.Rank != 2)
        {
            throw new NotSupportedException($"Singular-value norms need a 2-D array; got shape {ChunkGrid.FormatShape(x.ShapeArray)}.");
        }

        var value = reduce(Svd(x).S);
        return keepDims ? value.Reshape(1, 1) : value;
    }
}
