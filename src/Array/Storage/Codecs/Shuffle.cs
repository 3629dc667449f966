using System.Buffers.Binary;

namespace MiniDask.Array.Storage.Codecs;

/// <summary>
/// Blosc's filters, which group the bytes (or bits) of equal significance of consecutive items
/// so that the compressor sees long runs: byte shuffle writes byte 0 of every item, then byte 1,
/// and so on; bit shuffle (Masui's bitshuffle, as Blosc embeds it) does the same per bit, in
/// groups of eight items. Both leave the bytes past the last whole group as they are.
/// </summary>
internal static class Shuffle
{
    /// <summary>Byte shuffle of <paramref name="src"/> into <paramref name="dst"/> (same length).</summary>
    public static void Bytes(int itemSize, ReadOnlySpan<byte> src, Span<byte> dst)
    {
        var n = src.Length / itemSize;
        TransposeBytes(src, n, itemSize, dst);
        src[(n * itemSize)..].CopyTo(dst[(n * itemSize)..]);
    }

    /// <summary>The inverse of <see cref="Bytes"/>.</summary>
    public static void UnBytes(int itemSize, ReadOnlySpan<byte> src, Span<byte> dst)
    {
        var n = src.Length / itemSize;
        TransposeBytes(src, itemSize, n, dst);
        src[(n * itemSize)..].CopyTo(dst[(n * itemSize)..]);
    }

    /// <summary>
    /// Bit shuffle of <paramref name="src"/> into <paramref name="dst"/> (same length): for each
    /// byte position of the item and each bit of it, one row of <c>n / 8</c> bytes holding that bit
    /// of every item. Blocks whose item count is not a multiple of 8 are copied unchanged, as Blosc does.
    /// </summary>
    public static void Bits(int itemSize, ReadOnlySpan<byte> src, Span<byte> dst)
    {
        var n = src.Length / itemSize;
        var whole = n * itemSize;
        if (n % 8 != 0)
        {
            src.CopyTo(dst);
            return;
        }

        // Bytes by significance, then bits within each run of 8 bytes, then rows regrouped by byte.
        var planes = new byte[whole];
        Bytes(itemSize, src[..whole], planes);
        var rows = new byte[whole];
        var rowLength = whole / 8;
        for (var g = 0; g < rowLength; g++)
        {
            var x = Transpose8x8(BinaryPrimitives.ReadUInt64LittleEndian(planes.AsSpan(g * 8)));
            for (var bit = 0; bit < 8; bit++)
            {
                rows[(bit * rowLength) + g] = (byte)(x >> (8 * bit));
            }
        }

        var bytesPerRow = n / 8;
        for (var bit = 0; bit < 8; bit++)
        {
            for (var j = 0; j < itemSize; j++)
            {
                rows.AsSpan((bit * rowLength) + (j * bytesPerRow), bytesPerRow).CopyTo(dst[(((j * 8) + bit) * bytesPerRow)..]);
            }
        }

        src[whole..].CopyTo(dst[whole..]);
    }

    /// <summary>The inverse of <see cref="Bits"/>.</summary>
    public static void UnBits(int itemSize, ReadOnlySpan<byte> src, Span<byte> dst)
    {
        var n = src.Length / itemSize;
        var whole = n * itemSize;
        if (n % 8 != 0)
        {
            src.CopyTo(dst);
            return;
        }

        // Gather, for each run of 8 items, the 8 bit rows of each byte position into 8 bytes.
        var bytesPerRow = n / 8;
        var gathered = new byte[whole];
        for (var j = 0; j < itemSize; j++)
        {
            for (var g = 0; g < bytesPerRow; g++)
            {
                for (var bit = 0; bit < 8; bit++)
                {
                    gathered[(g * 8 * itemSize) + (j * 8) + bit] = src[(((j * 8) + bit) * bytesPerRow) + g];
                }
            }
        }

        // Transpose the bits of each 8-byte group back into one byte per item.
        for (var j = 0; j < itemSize; j++)
        {
            for (var g = 0; g < bytesPerRow; g++)
            {
                var x = Transpose8x8(BinaryPrimitives.ReadUInt64LittleEndian(gathered.AsSpan((g * 8 * itemSize) + (j * 8))));
                for (var k = 0; k < 8; k++)
                {
                    dst[(((g * 8) + k) * itemSize) + j] = (byte)(x >> (8 * k));
                }
            }
        }

        src[whole..].CopyTo(dst[whole..]);
    }

    /// <summary>Transposes an 8×8 bit matrix held row by row in the bytes of <paramref name="x"/>: bit c of byte r becomes bit r of byte c.</summary>
    internal static ulong Transpose8x8(ulong x)
    {
        var t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAUL;
        x = x ^ t ^ (t << 7);
        t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCUL;
        x = x ^ t ^ (t << 14);
        t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0UL;
        return x ^ t ^ (t << 28);
    }

    /// <summary>
    /// Transposes a row-major <paramref name="rows"/> × <paramref name="cols"/> byte matrix:
    /// shuffling is items × bytes to bytes × items, unshuffling the reverse.
    /// </summary>
    private static void TransposeBytes(ReadOnlySpan<byte> src, int rows, int cols, Span<byte> dst)
    {
        if (cols == 8)
        {
            // Shuffling 8-byte items (float64, int64): load each item once, store a byte per plane.
            Span<byte> p0 = dst[..rows], p1 = dst.Slice(rows, rows), p2 = dst.Slice(2 * rows, rows), p3 = dst.Slice(3 * rows, rows),
                p4 = dst.Slice(4 * rows, rows), p5 = dst.Slice(5 * rows, rows), p6 = dst.Slice(6 * rows, rows), p7 = dst.Slice(7 * rows, rows);
            for (var r = 0; r < rows; r++)
            {
                var v = BinaryPrimitives.ReadUInt64LittleEndian(src[(r * 8)..]);
                (p0[r], p1[r], p2[r], p3[r]) = ((byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24));
                (p4[r], p5[r], p6[r], p7[r]) = ((byte)(v >> 32), (byte)(v >> 40), (byte)(v >> 48), (byte)(v >> 56));
            }
        }
        else if (rows == 8)
        {
            // Unshuffling 8-byte items: gather a byte from each plane, store the item once.
            ReadOnlySpan<byte> p0 = src[..cols], p1 = src.Slice(cols, cols), p2 = src.Slice(2 * cols, cols), p3 = src.Slice(3 * cols, cols),
                p4 = src.Slice(4 * cols, cols), p5 = src.Slice(5 * cols, cols), p6 = src.Slice(6 * cols, cols), p7 = src.Slice(7 * cols, cols);
            for (var c = 0; c < cols; c++)
            {
                var v = p0[c] | ((ulong)p1[c] << 8) | ((ulong)p2[c] << 16) | ((ulong)p3[c] << 24)
                    | ((ulong)p4[c] << 32) | ((ulong)p5[c] << 40) | ((ulong)p6[c] << 48) | ((ulong)p7[c] << 56);
                BinaryPrimitives.WriteUInt64LittleEndian(dst[(c * 8)..], v);
            }
        }
        else
        {
            for (var c = 0; c < cols; c++)
            {
                for (var r = 0; r < rows; r++)
                {
                    dst[(c * rows) + r] = src[(r * cols) + c];
                }
            }
        }
    }
}
