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
        if (itemSize == 8)
        {
            Bytes8(src, dst, n);
        }
        else
        {
            for (var j = 0; j < itemSize; j++)
            {
                var plane = dst.Slice(j * n, n);
                for (var i = 0; i < n; i++)
                {
                    plane[i] = src[(i * itemSize) + j];
                }
            }
        }

        src[(n * itemSize)..].CopyTo(dst[(n * itemSize)..]);
    }

    /// <summary>The inverse of <see cref="Bytes"/>.</summary>
    public static void UnBytes(int itemSize, ReadOnlySpan<byte> src, Span<byte> dst)
    {
        var n = src.Length / itemSize;
        if (itemSize == 8)
        {
            UnBytes8(src, dst, n);
        }
        else
        {
            for (var j = 0; j < itemSize; j++)
            {
                var plane = src.Slice(j * n, n);
                for (var i = 0; i < n; i++)
                {
                    dst[(i * itemSize) + j] = plane[i];
                }
            }
        }

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

    private static void Bytes8(ReadOnlySpan<byte> src, Span<byte> dst, int n)
    {
        // The common case (float64, int64): load one item once, store its 8 bytes into the 8 planes.
        var p0 = dst[..n];
        var p1 = dst.Slice(n, n);
        var p2 = dst.Slice(2 * n, n);
        var p3 = dst.Slice(3 * n, n);
        var p4 = dst.Slice(4 * n, n);
        var p5 = dst.Slice(5 * n, n);
        var p6 = dst.Slice(6 * n, n);
        var p7 = dst.Slice(7 * n, n);
        for (var i = 0; i < n; i++)
        {
            var v = BinaryPrimitives.ReadUInt64LittleEndian(src[(i * 8)..]);
            p0[i] = (byte)v;
            p1[i] = (byte)(v >> 8);
            p2[i] = (byte)(v >> 16);
            p3[i] = (byte)(v >> 24);
            p4[i] = (byte)(v >> 32);
            p5[i] = (byte)(v >> 40);
            p6[i] = (byte)(v >> 48);
            p7[i] = (byte)(v >> 56);
        }
    }

    private static void UnBytes8(ReadOnlySpan<byte> src, Span<byte> dst, int n)
    {
        // The common case (float64, int64): gather one item's 8 bytes from the 8 planes, store once.
        var p0 = src[..n];
        var p1 = src.Slice(n, n);
        var p2 = src.Slice(2 * n, n);
        var p3 = src.Slice(3 * n, n);
        var p4 = src.Slice(4 * n, n);
        var p5 = src.Slice(5 * n, n);
        var p6 = src.Slice(6 * n, n);
        var p7 = src.Slice(7 * n, n);
        for (var i = 0; i < n; i++)
        {
            var v = p0[i] | ((ulong)p1[i] << 8) | ((ulong)p2[i] << 16) | ((ulong)p3[i] << 24)
                | ((ulong)p4[i] << 32) | ((ulong)p5[i] << 40) | ((ulong)p6[i] << 48) | ((ulong)p7[i] << 56);
            BinaryPrimitives.WriteUInt64LittleEndian(dst[(i * 8)..], v);
        }
    }
}
