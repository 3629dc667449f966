using System.Numerics;

namespace MiniDask.Kernels;

public static partial class BlockMath
{
    /// <summary>
    /// A copy of the region of <paramref name="x"/> starting at <paramref name="start"/> with
    /// <paramref name="shape"/>: how a dense array is cut into blocks.
    /// </summary>
    /// <exception cref="ArgumentException">The region does not lie within the array.</exception>
    public static NDArray<T> Slice<T>(NDArray<T> x, ReadOnlySpan<int> start, ReadOnlySpan<int> shape)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckRegion(x.Shape, start, shape, "slice");
        var result = NDArray<T>.CreateUninitialized(shape);
        CopyRegion(x.Span, x.Shape, start, result.Span, shape, toRegion: false);
        return result;
    }

    /// <summary>
    /// Copies <paramref name="block"/> into <paramref name="destination"/> at <paramref name="offset"/>:
    /// how computed blocks are assembled into one dense array.
    /// </summary>
    /// <exception cref="ArgumentException">The block does not fit in the destination at that offset.</exception>
    public static void CopyInto<T>(NDArray<T> block, NDArray<T> destination, ReadOnlySpan<int> offset)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(destination);
        CheckRegion(destination.Shape, offset, block.Shape, "block");
        CopyRegion(destination.Span, destination.Shape, offset, block.Span, block.Shape, toRegion: true);
    }

    private static void CheckRegion(ReadOnlySpan<int> outer, ReadOnlySpan<int> start, ReadOnlySpan<int> shape, string what)
    {
        var fits = start.Length == outer.Length && shape.Length == outer.Length;
        for (var i = 0; fits && i < outer.Length; i++)
        {
            fits = start[i] >= 0 && shape[i] >= 0 && start[i] + shape[i] <= outer[i];
        }

        if (!fits)
        {
            throw new ArgumentException(
                $"A {what} of shape {Shapes.Format(shape)} at offset [{string.Join(", ", start.ToArray())}] does not fit in an array of shape {Shapes.Format(outer)}.");
        }
    }

    /// <summary>Copies between a region of a large array and a compact one, one innermost row at a time.</summary>
    private static void CopyRegion<T>(Span<T> big, ReadOnlySpan<int> bigShape, ReadOnlySpan<int> start, Span<T> small, ReadOnlySpan<int> shape, bool toRegion)
    {
        var rank = shape.Length;
        if (small.IsEmpty)
        {
            return;
        }

        if (rank == 0)
        {
            (toRegion ? small : big)[..1].CopyTo(toRegion ? big : small);
            return;
        }

        var strides = Shapes.RowMajorStrides(bigShape);
        var offset = 0;
        for (var i = 0; i < rank; i++)
        {
            offset += start[i] * strides[i];
        }

        var n = shape[rank - 1];
        Span<int> counter = stackalloc int[rank];
        for (var o = 0; o < small.Length; o += n)
        {
            if (toRegion)
            {
                small.Slice(o, n).CopyTo(big.Slice(offset, n));
            }
            else
            {
                big.Slice(offset, n).CopyTo(small.Slice(o, n));
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
