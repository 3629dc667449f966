using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using MiniDask.Kernels;

namespace MiniDask.Array.Storage;

/// <summary>
/// Reads and writes regions of a Zarr v2 array through its chunk files: a region touches only
/// the chunks it overlaps; a chunk that exactly matches the region is decoded straight into (or
/// encoded straight from) the block's buffer.
/// </summary>
internal static class ZarrChunks
{
    /// <summary>The region of <paramref name="shape"/> at <paramref name="start"/> of the array in <paramref name="root"/>.</summary>
    /// <exception cref="ArgumentException">The region is outside the array.</exception>
    /// <exception cref="InvalidDataException">A chunk is malformed; the message names its file.</exception>
    public static INDArray ReadRegion(string root, ZarrMetadata m, ReadOnlySpan<int> start, ReadOnlySpan<int> shape)
    {
        CheckRegion(root, m, start, shape, "read");
        var block = m.DType.Create(shape.ToArray());
        var bytes = block.AsBytes();
        if (bytes.IsEmpty)
        {
            return block;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)m.ChunkBytes);
        try
        {
            var chunk = buffer.AsSpan(0, (int)m.ChunkBytes);
            foreach (var (index, chunkStart, lo, box) in Overlapping(m, start, shape))
            {
                if (IsWholeChunk(m, start, shape, chunkStart))
                {
                    if (!TryReadChunk(root, m, index, bytes))
                    {
                        Regions.Repeat(bytes, m.FillBytes);
                    }
                }
                else if (TryReadChunk(root, m, index, chunk))
                {
                    Regions.Copy(chunk, m.Chunks, Minus(lo, chunkStart), bytes, shape, Minus(lo, start), box, m.DType.ItemSize);
                }
                else
                {
                    Regions.Fill(bytes, shape, Minus(lo, start), box, m.FillBytes);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return block;
    }

    /// <summary>
    /// Writes <paramref name="block"/> at <paramref name="start"/>: a chunk the block covers (up to
    /// the array's edge) is encoded from it, padded with the fill value; one it covers in part is
    /// read, changed and rewritten.
    /// </summary>
    /// <exception cref="ArgumentException">The block does not fit at <paramref name="start"/>.</exception>
    /// <exception cref="NotSupportedException">The array is stored in F order.</exception>
    public static void WriteRegion(string root, ZarrMetadata m, INDArray block, ReadOnlySpan<int> start)
    {
        var shape = block.Shape;
        CheckRegion(root, m, start, shape, "write");
        if (m.FortranOrder)
        {
            throw new NotSupportedException($"{root}: the array is stored in F order; blocks are written only to C-order arrays.");
        }

        var bytes = block.AsBytes();
        if (bytes.IsEmpty)
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)m.ChunkBytes);
        try
        {
            var chunk = buffer.AsSpan(0, (int)m.ChunkBytes);
            foreach (var (index, chunkStart, lo, box) in Overlapping(m, start, shape))
            {
                ReadOnlySpan<byte> raw;
                if (IsWholeChunk(m, start, shape, chunkStart) && !m.BigEndian)
                {
                    raw = bytes;
                }
                else
                {
                    var covered = CoversChunk(m, chunkStart, lo, box);
                    if (covered || !TryReadChunk(root, m, index, chunk))
                    {
                        Regions.Repeat(chunk, m.FillBytes);
                    }

                    Regions.Copy(bytes, shape, Minus(lo, start), chunk, m.Chunks, Minus(lo, chunkStart), box, m.DType.ItemSize);
                    SwapIfBigEndian(m, chunk);
                    raw = chunk;
                }

                WriteChunk(ChunkFile(root, m, index), m, raw);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The file of chunk <paramref name="index"/>.</summary>
    public static string ChunkFile(string root, ZarrMetadata m, ReadOnlySpan<int> index) => Path.Combine(root, m.ChunkKey(index));

    /// <summary>Each chunk the region overlaps: its index, its first element, and the overlap's start and extent.</summary>
    private static List<(int[] Index, int[] ChunkStart, int[] Lo, int[] Box)> Overlapping(ZarrMetadata m, ReadOnlySpan<int> start, ReadOnlySpan<int> shape)
    {
        var rank = shape.Length;
        var first = new int[rank];
        var counts = new int[rank];
        for (var axis = 0; axis < rank; axis++)
        {
            first[axis] = start[axis] / m.Chunks[axis];
            counts[axis] = ((start[axis] + shape[axis] - 1) / m.Chunks[axis]) - first[axis] + 1;
        }

        var result = new List<(int[], int[], int[], int[])>();
        foreach (var relative in ChunkGrid.Indices(counts))
        {
            var index = new int[rank];
            var chunkStart = new int[rank];
            var lo = new int[rank];
            var box = new int[rank];
            for (var axis = 0; axis < rank; axis++)
            {
                index[axis] = first[axis] + relative[axis];
                chunkStart[axis] = index[axis] * m.Chunks[axis];
                lo[axis] = Math.Max(start[axis], chunkStart[axis]);
                box[axis] = Math.Min(start[axis] + shape[axis], chunkStart[axis] + m.Chunks[axis]) - lo[axis];
            }

            result.Add((index, chunkStart, lo, box));
        }

        return result;
    }

    private static bool IsWholeChunk(ZarrMetadata m, ReadOnlySpan<int> start, ReadOnlySpan<int> shape, int[] chunkStart)
    {
        for (var axis = 0; axis < shape.Length; axis++)
        {
            if (start[axis] != chunkStart[axis] || shape[axis] != m.Chunks[axis])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the overlap covers the chunk's part inside the array, so nothing of the old chunk survives.</summary>
    private static bool CoversChunk(ZarrMetadata m, int[] chunkStart, int[] lo, int[] box)
    {
        for (var axis = 0; axis < lo.Length; axis++)
        {
            if (lo[axis] != chunkStart[axis] || lo[axis] + box[axis] != Math.Min(chunkStart[axis] + m.Chunks[axis], m.Shape[axis]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Decodes chunk <paramref name="index"/> into <paramref name="decoded"/> in native byte order and C order; false when the chunk was never written.</summary>
    private static bool TryReadChunk(string root, ZarrMetadata m, int[] index, Span<byte> decoded)
    {
        var file = ChunkFile(root, m, index);
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }

        // The compressed bytes in a pooled buffer: large chunks leave no garbage behind.
        byte[] encoded;
        int length;
        using (handle)
        {
            length = checked((int)RandomAccess.GetLength(handle));
            encoded = ArrayPool<byte>.Shared.Rent(length);
            var read = 0;
            while (read < length)
            {
                var n = RandomAccess.Read(handle, encoded.AsSpan(read, length - read), read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            length = read;
        }

        try
        {
            m.Compressor.Codec.Decode(encoded.AsSpan(0, length), decoded);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{file}: {e.Message}", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(encoded);
        }

        SwapIfBigEndian(m, decoded);
        if (m.FortranOrder)
        {
            var columnMajor = decoded.ToArray();
            FromColumnMajor(columnMajor, m.Chunks, decoded, m.DType.ItemSize);
        }

        return true;
    }

    private static void WriteChunk(string file, ZarrMetadata m, ReadOnlySpan<byte> raw)
    {
        // A temporary file renamed over the chunk, so that a reader never sees half of it.
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = $"{file}.{Guid.NewGuid():N}.partial";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                m.Compressor.Codec.Encode(raw, m.DType.ItemSize, stream);
            }

            File.Move(temporary, file, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static void SwapIfBigEndian(ZarrMetadata m, Span<byte> bytes)
    {
        if (!m.BigEndian)
        {
            return;
        }

        switch (m.DType.SwapUnit)
        {
            case 2:
                var shorts = MemoryMarshal.Cast<byte, ushort>(bytes);
                BinaryPrimitives.ReverseEndianness(shorts, shorts);
                break;
            case 4:
                var ints = MemoryMarshal.Cast<byte, uint>(bytes);
                BinaryPrimitives.ReverseEndianness(ints, ints);
                break;
            case 8:
                var longs = MemoryMarshal.Cast<byte, ulong>(bytes);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
        }
    }

    /// <summary>Rearranges a column-major (F-order) chunk into row-major order.</summary>
    private static void FromColumnMajor(ReadOnlySpan<byte> src, int[] shape, Span<byte> dst, int itemSize)
    {
        var rank = shape.Length;
        var fStrides = new long[rank];
        long stride = itemSize;
        for (var axis = 0; axis < rank; axis++)
        {
            fStrides[axis] = stride;
            stride *= shape[axis];
        }

        var index = new int[rank];
        var count = dst.Length / itemSize;
        for (var i = 0; i < count; i++)
        {
            long offset = 0;
            for (var axis = 0; axis < rank; axis++)
            {
                offset += index[axis] * fStrides[axis];
            }

            src.Slice((int)offset, itemSize).CopyTo(dst[(i * itemSize)..]);
            for (var axis = rank - 1; axis >= 0 && ++index[axis] == shape[axis]; axis--)
            {
                index[axis] = 0;
            }
        }
    }

    private static void CheckRegion(string root, ZarrMetadata m, ReadOnlySpan<int> start, ReadOnlySpan<int> shape, string verb)
    {
        if (!Regions.Fits(m.Shape, start, shape))
        {
            throw new ArgumentException(
                $"{root}: cannot {verb} a region of shape {Shapes.Format(shape)} at [{string.Join(", ", start.ToArray())}] of an array of shape {Shapes.Format(m.Shape)}.");
        }
    }

    private static int[] Minus(int[] a, ReadOnlySpan<int> b)
    {
        var result = new int[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            result[i] = a[i] - b[i];
        }

        return result;
    }
}
