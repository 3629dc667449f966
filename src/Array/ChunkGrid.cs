using System.Text;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Chunk arithmetic: normalizing and validating chunk specifications against a shape, block
/// offsets, block shapes and row-major enumeration of block indices. A block size of
/// <see cref="Unknown"/> stands for a size known only once the block is computed (Dask's NaN
/// chunks, made by boolean masks); an axis with such a block has size <see cref="Unknown"/> too.
/// </summary>
internal static class ChunkGrid
{
    /// <summary>The size of a block or axis that is known only once the array is computed.</summary>
    public const int Unknown = -1;

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

    /// <summary>
    /// Validates explicit per-axis block sizes against <paramref name="shape"/> and copies them.
    /// Empty blocks are refused unless <paramref name="allowEmptyBlocks"/> (as for rechunking an
    /// array whose masked blocks kept nothing); an axis of size 0 is always one empty block.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The shape has a negative dimension, the chunks do not match the rank, a block size is
    /// negative (or 0 where empty blocks are refused), or an axis' block sizes do not add up to its dimension.
    /// </exception>
    public static int[][] FromExplicit(ReadOnlySpan<int> shape, int[][] chunks, bool allowEmptyBlocks = false)
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
                if (c < 0 || (c == 0 && !allowEmptyBlocks))
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

    /// <summary>Chunks as Dask prints them: <c>((3, 3, 1), (2, 2, 1))</c>, unknown sizes as <c>nan</c>.</summary>
    public static string Format(int[][] chunks)
    {
        var sb = new StringBuilder("(");
        for (var i = 0; i < chunks.Length; i++)
        {
            sb.Append(i == 0 ? "" : ", ").Append(chunks[i] is null ? "None" : FormatShape(chunks[i]));
        }

        return sb.Append(chunks.Length == 1 ? ",)" : ")").ToString();
    }

    /// <summary>A shape (or one axis' block sizes) as Dask prints it, unknown sizes as <c>nan</c>: <c>(nan, 3)</c>.</summary>
    public static string FormatShape(ReadOnlySpan<int> shape)
    {
        var sb = new StringBuilder("(");
        for (var i = 0; i < shape.Length; i++)
        {
            sb.Append(i == 0 ? "" : ", ").Append(shape[i] == Unknown ? "nan" : shape[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.Append(shape.Length == 1 ? ",)" : ")").ToString();
    }

    /// <summary>Whether any block size is <see cref="Unknown"/>.</summary>
    public static bool HasUnknown(int[][] chunks) => chunks.Any(c => c.Contains(Unknown));

    /// <summary>The axes with a block of <see cref="Unknown"/> size.</summary>
    public static int[] UnknownAxes(int[][] chunks) => [.. Enumerable.Range(0, chunks.Length).Where(a => chunks[a].Contains(Unknown))];

    /// <summary>The size of an axis: the sum of its blocks, or <see cref="Unknown"/> when a block's size is unknown.</summary>
    public static int AxisSize(int[] axisChunks) => axisChunks.Contains(Unknown) ? Unknown : axisChunks.Sum();

    /// <summary>The shape that <paramref name="chunks"/> cover, <see cref="Unknown"/> on axes with an unknown block.</summary>
    public static int[] ShapeOf(int[][] chunks) => [.. chunks.Select(AxisSize)];

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

    /// <summary>
    /// The chunks of array <paramref name="name"/> as its computed blocks have them: each unknown
    /// size is read from the blocks at that position along its axis, which must agree, and known
    /// sizes are checked against the blocks.
    /// </summary>
    /// <param name="name">The array's name, for messages.</param>
    /// <param name="chunks">The chunks as the graph states them.</param>
    /// <param name="keys">The blocks' keys.</param>
    /// <param name="blockShapes">The computed shape of each block, in the order of <paramref name="keys"/>.</param>
    /// <exception cref="InvalidOperationException">A block's rank or size disagrees with the chunks or with another block along the same axis; the message names both.</exception>
    public static int[][] Observe(string name, int[][] chunks, IReadOnlyList<Key> keys, IReadOnlyList<int[]> blockShapes)
    {
        var result = chunks.Select(c => (int[])c.Clone()).ToArray();
        var readFrom = chunks.Select(c => new Key?[c.Length]).ToArray();
        for (var b = 0; b < keys.Count; b++)
        {
            var index = keys[b].Index;
            var blockShape = blockShapes[b];
            if (blockShape.Length != result.Length)
            {
                throw new InvalidOperationException(
                    $"Block {keys[b]} of {name} has shape {Shapes.Format(blockShape)}, but the array has {result.Length} axes.");
            }

            for (var axis = 0; axis < result.Length; axis++)
            {
                var at = index[axis];
                if (result[axis][at] == Unknown)
                {
                    result[axis][at] = blockShape[axis];
                    readFrom[axis][at] = keys[b];
                }
                else if (result[axis][at] != blockShape[axis])
                {
                    var other = readFrom[axis][at] is { } first ? $"block {first} has {result[axis][at]}" : $"its chunks {Format(chunks)} say {result[axis][at]}";
                    throw new InvalidOperationException(
                        $"Block {keys[b]} of {name} has shape {Shapes.Format(blockShape)}: size {blockShape[axis]} on axis {axis}, where {other}.");
                }
            }
        }

        return result;
    }

    /// <summary>
    /// A block's shape as a task knows it at run time: <paramref name="blockShape"/> with each
    /// <see cref="Unknown"/> size read from <paramref name="actual"/> on the same axis (the two
    /// have equal rank wherever a size is unknown).
    /// </summary>
    /// <exception cref="InvalidOperationException">A size is unknown but the ranks differ.</exception>
    public static int[] Resolve(int[] blockShape, ReadOnlySpan<int> actual)
    {
        if (!blockShape.Contains(Unknown))
        {
            return blockShape;
        }

        if (blockShape.Length != actual.Length)
        {
            throw new InvalidOperationException(
                $"Block shape {FormatShape(blockShape)} has unknown sizes to read from a block of shape {Shapes.Format(actual)}, which has another rank.");
        }

        var result = (int[])blockShape.Clone();
        for (var axis = 0; axis < result.Length; axis++)
        {
            result[axis] = result[axis] == Unknown ? actual[axis] : result[axis];
        }

        return result;
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
