using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>Finite differences: NumPy's <c>diff</c> and <c>gradient</c>, built from shifted slices.</summary>
public static partial class DArray
{
    /// <summary>
    /// The <paramref name="n"/>-th discrete difference along <paramref name="axis"/>,
    /// <c>x[1:] - x[:-1]</c> applied n times (NumPy's <c>diff</c>); <paramref name="prepend"/> and
    /// <paramref name="append"/> are joined to the ends first. The axis shrinks by n (to 0 at least).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="n"/> is negative.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public static DArray<T> Diff<T>(this DArray<T> x, int n = 1, int axis = -1, DArray<T>? prepend = null, DArray<T>? append = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (n < 0)
        {
            throw new ArgumentException($"Diff order must be non-negative; got {n}.", nameof(n));
        }

        var a = Shapes.NormalizeAxis(axis, x.Rank);
        x.RequireKnownChunks("Diff", a);
        if (prepend is not null || append is not null)
        {
            x = Concatenate(new[] { prepend, x, append }.OfType<DArray<T>>().ToList(), a);
        }

        for (var i = 0; i < n && x.ShapeArray[a] > 0; i++)
        {
            x = Along(x, a, Slice.Of(1, null)) - Along(x, a, Slice.Of(null, -1));
        }

        return x;
    }

    /// <summary>
    /// The gradient along <paramref name="axis"/> with sample distance <paramref name="spacing"/>
    /// (NumPy's <c>gradient</c> with <c>edge_order=1</c>): central differences
    /// <c>(f[i+1] - f[i-1]) / 2h</c> inside, one-sided differences at the two ends. Integers compute in float64.
    /// </summary>
    /// <exception cref="ArgumentException">The axis has fewer than two elements, as NumPy requires.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public static DArray<double> Gradient<T>(this DArray<T> f, int axis, double spacing = 1.0)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        var a = Shapes.NormalizeAxis(axis, f.Rank);
        f.RequireKnownChunks("Gradient", a);
        var n = f.ShapeArray[a];
        if (n < 2)
        {
            throw new ArgumentException($"Gradient needs at least 2 elements along axis {a}; the array has shape {Shapes.Format(f.ShapeArray)}.", nameof(f));
        }

        var x = f.AsType<double>();
        var first = Along(x, a, Slice.Of(1, 2)) - Along(x, a, Slice.Of(0, 1));
        var last = Along(x, a, Slice.Of(n - 1, n)) - Along(x, a, Slice.Of(n - 2, n - 1));
        var parts = new List<DArray<double>> { first };
        if (n > 2)
        {
            parts.Add((Along(x, a, Slice.Of(2, null)) - Along(x, a, Slice.Of(null, -2))) / 2.0);
        }

        parts.Add(last);
        return Concatenate(parts, a) / spacing;
    }

    /// <summary>The gradient along every axis, one array per axis (NumPy's <c>gradient(f)</c>); see <see cref="Gradient{T}(DArray{T}, int, double)"/>.</summary>
    /// <exception cref="ArgumentException">An axis has fewer than two elements.</exception>
    public static DArray<double>[] Gradient<T>(this DArray<T> f)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return [.. Enumerable.Range(0, f.Rank).Select(a => f.Gradient(a))];
    }
}
