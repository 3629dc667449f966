using System.Text;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Chunk arithmetic: normalizing and validating chunk specifications against a shape, block
/// offsets, block shapes and row-major enumeration of block indices.
/// </summary>
internal static class ChunkGrid
{
    /// <summary>
    /// Per-axis block sizes from one block size per axis; the last block of an axis holds the
    /// remainder. An axis of size 0 has one empty block.
    /// </summary>
    /// <exception cref="ArgumentException">The shape has a negative dimension, the sizes do not match the rank, or a size is &lt;= 0.</exception>
    public static int[][] FromBlockSize(ReadOnlySpan<int> shape, ReadOnlySpan<int> blockSize)
    {
        CheckShape(shape);
        if (blockSize.Length != shape.Length)
        {
            throw new ArgumentException(
                $"Chunks {Shapes.Format(blockSize)} give a block size for {blockSize.Length} axes, but shape {Shapes.Format(shape)} has {shape.Length}.");
        }

        var chunks = new int[shape.Length][];
        for (var axis = 0; axis < shape.Length; axis++)
        {
            var size = blockSize[axis];
            if (size <= 0)
            {
                throw new ArgumentException(
                    $"Chunks {Shapes.Format(blockSize)} for shape {Shapes.Format(shape)} have block size {size} on axis {axis}; block sizes must be > 0.");
            }

            var dim = shape[axis];
            if (dim == 0)
            {
                chunks[axis] = [0];
                continue;
            }

            var count = (dim + size - 1) / size;
            chunks[axis] = new int[count];
            for (var b = 0; b < count; b++)
            {
                chunks[axis][b] = Math.Min(size, dim - (b * size));
            }
        }

        return chunks;
    }

    /// <summary>Validates explicit per-axis block sizes against <paramref name="shape"/> and copies them.</summary>
    /// <exception cref="ArgumentException">
    /// The shape has a negative dimension, the chunks do not match the rank, a block size is &lt;= 0,
    /// or an axis' block sizes do not add up to its dimension.
    /// </exception>
    public static int[][] FromExplicit(ReadOnlySpan<int> shape, int[][] chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        CheckShape(shape);
        if (chunks.Length != shape.Length)
        {
            throw new ArgumentException(
                $"Chunks {Format(chunks)} cover {chunks.Length} axes, but shape {Shapes.Format(shape)} has {shape.Length}.");
        }

        var result = new int[shape.Length][];
        for (var axis = 0; axis < shape.Length; axis++)
        {
            var axisChunks = chunks[axis] ?? throw new ArgumentException($"Chunks for axis {axis} of shape {Shapes.Format(shape)} are null.");
            if (shape[axis] == 0 && axisChunks.All(c => c == 0))
            {
                result[axis] = [0];
                continue;
            }

            long total = 0;
            foreach (var c in axisChunks)
            {
                if (c <= 0)
                {
                    throw new ArgumentException(
                        $"Chunks {Format(chunks)} for shape {Shapes.Format(shape)} have block size {c} on axis {axis}; block sizes must be > 0.");
                }

                total += c;
            }

            if (total != shape[axis])
            {
                throw new ArgumentException(
                    $"Chunks {Format(chunks)} do not match shape {Shapes.Format(shape)}: the blocks of axis {axis} add up to {total}, not {shape[axis]}.");
            }

            result[axis] = (int[])axisChunks.Clone();
        }

        return result;
    }

    /// <summary>Chunks as Dask prints them: <c>((3, 3, 1), (2, 2, 1))</c>.</summary>
    public static string Format(int[][] chunks)
    {
        var sb = new StringBuilder("(");
        for (var i = 0; i < chunks.Length; i++)
        {
            sb.Append(i == 0 ? "" : ", ").Append(chunks[i] is null ? "None" : Shapes.Format(chunks[i]));
        }

        return sb.Append(chunks.Length == 1 ? ",)" : ")").ToString();
    }

    /// <summary>The number of blocks along each axis.</summary>
    public static int[] BlockCounts(int[][] chunks) => [.. chunks.Select(c => c.Length)];

    /// <summary>The start of each block along one axis.</summary>
    public static int[] Offsets(int[] axisChunks)
    {
        var offsets = new int[axisChunks.Length];
        for (var i = 1; i < offsets.Length; i++)
        {
            offsets[i] = offsets[i - 1] + axisChunks[i - 1];
        }

        return offsets;
    }

    /// <summary>The shape of the block at <paramref name="index"/>.</summary>
    public static int[] BlockShape(int[][] chunks, ReadOnlySpan<int> index)
    {
        var shape = new int[chunks.Length];
        for (var axis = 0; axis < shape.Length; axis++)
        {
            shape[axis] = chunks[axis][index[axis]];
        }

        return shape;
    }

    /// <summary>Every block index of a grid with <paramref name="counts"/> blocks per axis, in row-major order.</summary>
    public static IEnumerable<int[]> Indices(int[] counts)
    {
        if (counts.Any(c => c == 0))
        {
            yield break;
        }

        var index = new int[counts.Length];
        while (true)
        {
            yield return (int[])index.Clone();
            var axis = counts.Length - 1;
            while (axis >= 0 && ++index[axis] == counts[axis])
            {
                index[axis] = 0;
                axis--;
            }

            if (axis < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>Checks that no dimension is negative.</summary>
    /// <exception cref="ArgumentException">A dimension is negative; the message names the shape.</exception>
    public static void CheckShape(ReadOnlySpan<int> shape)
    {
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Shape {Shapes.Format(shape)} has a negative dimension; dimensions must be >= 0.");
            }
        }
    }
}
