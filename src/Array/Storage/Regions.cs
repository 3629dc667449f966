namespace MiniDask.Array.Storage;

/// <summary>
/// Byte-level copies between boxes of C-order arrays of any element size: how a block is cut
/// from or pasted into the stored chunks it overlaps, without caring for the element type.
/// </summary>
internal static class Regions
{
    /// <summary>Whether the box of <paramref name="shape"/> at <paramref name="start"/> lies within an array of shape <paramref name="outer"/>.</summary>
    public static bool Fits(ReadOnlySpan<int> outer, ReadOnlySpan<int> start, ReadOnlySpan<int> shape)
    {
        if (start.Length != outer.Length || shape.Length != outer.Length)
        {
            return false;
        }

        for (var axis = 0; axis < outer.Length; axis++)
        {
            if (start[axis] < 0 || shape[axis] < 0 || start[axis] + shape[axis] > outer[axis])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Copies the box of <paramref name="box"/> elements at <paramref name="srcStart"/> in
    /// <paramref name="src"/> (shape <paramref name="srcShape"/>) to <paramref name="dstStart"/> in
    /// <paramref name="dst"/> (shape <paramref name="dstShape"/>), one innermost row at a time.
    /// </summary>
    public static void Copy(
        ReadOnlySpan<byte> src, ReadOnlySpan<int> srcShape, ReadOnlySpan<int> srcStart,
        Span<byte> dst, ReadOnlySpan<int> dstShape, ReadOnlySpan<int> dstStart,
        ReadOnlySpan<int> box, int itemSize)
    {
        var rank = box.Length;
        if (rank == 0)
        {
            src[..itemSize].CopyTo(dst);
            return;
        }

        foreach (var n in box)
        {
            if (n == 0)
            {
                return;
            }
        }

        Span<long> srcStrides = stackalloc long[rank];
        Span<long> dstStrides = stackalloc long[rank];
        long srcOffset = 0, dstOffset = 0;
        long s = itemSize, d = itemSize;
        for (var axis = rank - 1; axis >= 0; axis--)
        {
            srcStrides[axis] = s;
            dstStrides[axis] = d;
            srcOffset += srcStart[axis] * s;
            dstOffset += dstStart[axis] * d;
            s *= srcShape[axis];
            d *= dstShape[axis];
        }

        var row = box[rank - 1] * itemSize;
        Span<int> counter = stackalloc int[rank];
        while (true)
        {
            src.Slice((int)srcOffset, row).CopyTo(dst.Slice((int)dstOffset, row));
            var axis = rank - 2;
            for (; axis >= 0; axis--)
            {
                srcOffset += srcStrides[axis];
                dstOffset += dstStrides[axis];
                if (++counter[axis] < box[axis])
                {
                    break;
                }

                srcOffset -= srcStrides[axis] * box[axis];
                dstOffset -= dstStrides[axis] * box[axis];
                counter[axis] = 0;
            }

            if (axis < 0)
            {
                return;
            }
        }
    }

    /// <summary>Fills the box of <paramref name="box"/> elements at <paramref name="start"/> in <paramref name="dst"/> with the element <paramref name="item"/>.</summary>
    public static void Fill(Span<byte> dst, ReadOnlySpan<int> shape, ReadOnlySpan<int> start, ReadOnlySpan<int> box, ReadOnlySpan<byte> item)
    {
        var count = 1;
        foreach (var n in box)
        {
            count *= n;
        }

        if (count == 0)
        {
            return;
        }

        var compact = new byte[count * item.Length];
        Repeat(compact, item);
        Copy(compact, box, new int[box.Length], dst, shape, start, box, item.Length);
    }

    /// <summary>Fills <paramref name="dst"/> with copies of <paramref name="item"/>.</summary>
    public static void Repeat(Span<byte> dst, ReadOnlySpan<byte> item)
    {
        if (dst.IsEmpty)
        {
            return;
        }

        item.CopyTo(dst);
        for (var filled = item.Length; filled < dst.Length; filled *= 2)
        {
            dst[..Math.Min(filled, dst.Length - filled)].CopyTo(dst[filled..]);
        }
    }
}
