using System.Numerics;
using System.Runtime.CompilerServices;

namespace MiniDask.Kernels;

public static partial class BlockMath
{
    /// <summary>Tile edge of the cache-blocked 2-D transpose: a tile of source and destination fits in L1.</summary>
    private const int TransposeTile = 32;

    /// <summary>The array with its axes reversed (a matrix transpose for 2-D arrays).</summary>
    public static NDArray<T> Transpose<T>(NDArray<T> x)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var axes = new int[x.Rank];
        for (var i = 0; i < axes.Length; i++)
        {
            axes[i] = x.Rank - 1 - i;
        }

        return Transpose(x, axes);
    }

    /// <summary>
    /// The array with its axes permuted: axis <c>i</c> of the result is axis <c>axes[i]</c> of
    /// <paramref name="x"/> (NumPy's <c>transpose(axes)</c>). Negative axes count from the end.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="axes"/> is not a permutation of the array's axes.</exception>
    public static NDArray<T> Transpose<T>(NDArray<T> x, ReadOnlySpan<int> axes)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var perm = NormalizePermutation(axes, x.Rank);
        var srcStrides = Shapes.RowMajorStrides(x.Shape);
        var shape = new int[perm.Length];
        var strides = new int[perm.Length];
        for (var i = 0; i < perm.Length; i++)
        {
            shape[i] = x.Shape[perm[i]];
            strides[i] = srcStrides[perm[i]];
        }

        var result = NDArray<T>.CreateUninitialized(shape);
        if (result.Length == 0)
        {
            return result;
        }

        if (perm.Length == 2 && perm[0] == 1)
        {
            Transpose2D(x.Span, result.Span, x.Shape[0], x.Shape[1]);
        }
        else
        {
            Gather(x.Span, result.Span, shape, strides);
        }

        return result;
    }

    /// <summary>Checks that <paramref name="axes"/> is a permutation of <c>0..rank-1</c> and normalizes negative entries.</summary>
    /// <exception cref="ArgumentException"><paramref name="axes"/> is not a permutation of the axes.</exception>
    public static int[] NormalizePermutation(ReadOnlySpan<int> axes, int rank)
    {
        var perm = new int[rank];
        var seen = new bool[rank];
        var valid = axes.Length == rank;
        for (var i = 0; valid && i < rank; i++)
        {
            var a = axes[i] < 0 ? axes[i] + rank : axes[i];
            valid = a >= 0 && a < rank && !seen[a];
            if (valid)
            {
                seen[a] = true;
                perm[i] = a;
            }
        }

        return valid
            ? perm
            : throw new ArgumentException(
                $"Axes [{string.Join(", ", axes.ToArray())}] are not a permutation of the {rank} axes of the array.", nameof(axes));
    }

    private static void Transpose2D<T>(ReadOnlySpan<T> src, Span<T> dest, int rows, int cols)
        where T : unmanaged
    {
        ref var s = ref Unsafe.AsRef(in src[0]);
        ref var d = ref dest[0];
        for (var i0 = 0; i0 < rows; i0 += TransposeTile)
        {
            var i1 = Math.Min(i0 + TransposeTile, rows);
            for (var j0 = 0; j0 < cols; j0 += TransposeTile)
            {
                var j1 = Math.Min(j0 + TransposeTile, cols);
                for (var i = i0; i < i1; i++)
                {
                    ref var row = ref Unsafe.Add(ref s, (nint)i * cols);
                    for (var j = j0; j < j1; j++)
                    {
                        Unsafe.Add(ref d, ((nint)j * rows) + i) = Unsafe.Add(ref row, j);
                    }
                }
            }
        }
    }

    /// <summary>Writes <paramref name="dest"/> in row-major order, reading the source at <paramref name="strides"/> per axis.</summary>
    private static void Gather<T>(ReadOnlySpan<T> src, Span<T> dest, int[] shape, int[] strides)
        where T : unmanaged
    {
        var rank = shape.Length;
        if (rank == 0)
        {
            dest[0] = src[0];
            return;
        }

        var n = shape[rank - 1];
        var step = strides[rank - 1];
        Span<int> counter = stackalloc int[rank];
        var offset = 0;
        for (var o = 0; o < dest.Length; o += n)
        {
            var row = dest.Slice(o, n);
            if (step == 1)
            {
                src.Slice(offset, n).CopyTo(row);
            }
            else
            {
                for (var j = 0; j < n; j++)
                {
                    row[j] = src[offset + (j * step)];
                }
            }

            for (var axis = rank - 2; axis >= 0; axis--)
            {
                offset += strides[axis];
                if (++counter[axis] < shape[axis])
                {
                    break;
                }

                offset -= strides[axis] * shape[axis];
                counter[axis] = 0;
            }
        }
    }
}
