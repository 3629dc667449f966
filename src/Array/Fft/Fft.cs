using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Dask's <c>da.fft</c>: the transforms (in <c>Fft.Transforms.cs</c>), the sample frequencies of
/// a transform (<c>fftfreq</c>, <c>rfftfreq</c>) and the shifts that move the zero frequency to
/// the centre and back (<c>fftshift</c>, <c>ifftshift</c>).
/// </summary>
public static partial class Fft
{
    /// <summary>
    /// The sample frequencies of an <paramref name="n"/>-point transform with sample spacing
    /// <paramref name="d"/>: <c>[0, 1, ..., ceil(n/2) - 1, -floor(n/2), ..., -1] / (d·n)</c> (NumPy's <c>fftfreq</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is not positive.</exception>
    public static DArray<double> FftFreq(int n, double d = 1.0, Chunks? chunks = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        var i = DArray.Arange(0.0, n, 1.0, chunks);
        var signed = DArray.Where(i.Less((n + 1) / 2), i, i - n);
        return signed / (d * n);
    }

    /// <summary>The sample frequencies of a real <paramref name="n"/>-point transform: <c>[0, 1, ..., floor(n/2)] / (d·n)</c> (NumPy's <c>rfftfreq</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is not positive.</exception>
    public static DArray<double> RfftFreq(int n, double d = 1.0, Chunks? chunks = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return DArray.Arange(0.0, (n / 2) + 1, 1.0, chunks) / (d * n);
    }

    /// <summary>
    /// <paramref name="x"/> rolled by half its length along <paramref name="axes"/> (every axis by
    /// default), so the zero frequency moves to the centre (NumPy's <c>fftshift</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    public static DArray<T> FftShift<T>(DArray<T> x, params int[]? axes)
        where T : unmanaged, INumber<T> => Shift(x, axes, inverse: false);

    /// <summary>The inverse of <see cref="FftShift{T}"/>: the centre moves back to the start (NumPy's <c>ifftshift</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    public static DArray<T> IfftShift<T>(DArray<T> x, params int[]? axes)
        where T : unmanaged, INumber<T> => Shift(x, axes, inverse: true);

    private static DArray<T> Shift<T>(DArray<T> x, int[]? axes, bool inverse)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var result = x;
        foreach (var axis in axes is null || axes.Length == 0 ? Enumerable.Range(0, x.Rank) : axes.Select(a => Shapes.NormalizeAxis(a, x.Rank)))
        {
            var n = x.Shape[axis];

            // Rolling by floor(n/2) forward equals starting the axis at n - floor(n/2); the inverse starts it at floor(n/2).
            var start = inverse ? n / 2 : n - (n / 2);
            if (start == 0 || start == n)
            {
                continue;
            }

            var head = Enumerable.Range(0, x.Rank).Select(a => a == axis ? Slice.Of(start, null) : Slice.All).ToArray();
            var tail = Enumerable.Range(0, x.Rank).Select(a => a == axis ? Slice.Of(0, start) : Slice.All).ToArray();
            result = DArray.Concatenate([result[head], result[tail]], axis);
        }

        return result;
    }
}
