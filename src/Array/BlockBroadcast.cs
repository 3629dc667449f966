using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// NumPy broadcasting at the level of blocks: the output's shape and chunks, and for each
/// output block the block of each operand it reads. Axes align from the right; an operand
/// axis of size 1 (one block) broadcasts; aligned axes of equal size must be chunked alike.
/// </summary>
internal sealed class BlockBroadcast
{
    private readonly int[] xCounts;
    private readonly int[] yCounts;

    private BlockBroadcast(int[] shape, int[][] chunks, int[] xCounts, int[] yCounts)
    {
        Shape = shape;
        Chunks = chunks;
        this.xCounts = xCounts;
        this.yCounts = yCounts;
    }

    /// <summary>The output's shape.</summary>
    public int[] Shape { get; }

    /// <summary>The output's chunks.</summary>
    public int[][] Chunks { get; }

    /// <summary>Plans the broadcast of two chunked operands.</summary>
    /// <exception cref="ArgumentException">
    /// The shapes do not broadcast, or aligned axes are chunked differently; the message names
    /// both shapes and both chunkings.
    /// </exception>
    public static BlockBroadcast Create(int[] xShape, int[][] xChunks, int[] yShape, int[][] yChunks)
    {
        var rank = Math.Max(xShape.Length, yShape.Length);
        var shape = new int[rank];
        var chunks = new int[rank][];
        for (var i = 1; i <= rank; i++)
        {
            var axis = rank - i;
            var xd = i <= xShape.Length ? xShape[^i] : 1;
            var yd = i <= yShape.Length ? yShape[^i] : 1;
            var xc = i <= xChunks.Length ? xChunks[^i] : null;
            var yc = i <= yChunks.Length ? yChunks[^i] : null;
            if (xd == yd)
            {
                if (xc is not null && yc is not null && !xc.AsSpan().SequenceEqual(yc))
                {
                    throw Mismatch(
                        $"axis {axis} has size {xd} in both but is chunked {Shapes.Format(xc)} and {Shapes.Format(yc)}; rechunk one operand to match the other",
                        xShape, xChunks, yShape, yChunks);
                }

                shape[axis] = xd;
                chunks[axis] = xc ?? yc!;
            }
            else if (xd == 1)
            {
                shape[axis] = yd;
                chunks[axis] = yc!;
            }
            else if (yd == 1)
            {
                shape[axis] = xd;
                chunks[axis] = xc!;
            }
            else
            {
                throw Mismatch(
                    $"axis {axis} has sizes {xd} and {yd}; aligned from the right, each pair of sizes must be equal or one of them 1",
                    xShape, xChunks, yShape, yChunks);
            }
        }

        return new BlockBroadcast(shape, chunks, ChunkGrid.BlockCounts(xChunks), ChunkGrid.BlockCounts(yChunks));
    }

    /// <summary>The block of the first operand that output block <paramref name="index"/> reads.</summary>
    public int[] XBlock(int[] index) => OperandBlock(index, xCounts);

    /// <summary>The block of the second operand that output block <paramref name="index"/> reads.</summary>
    public int[] YBlock(int[] index) => OperandBlock(index, yCounts);

    private static int[] OperandBlock(int[] index, int[] counts)
    {
        var block = new int[counts.Length];
        var skip = index.Length - counts.Length;
        for (var axis = 0; axis < counts.Length; axis++)
        {
            block[axis] = counts[axis] == 1 ? 0 : index[axis + skip];
        }

        return block;
    }

    private static ArgumentException Mismatch(string reason, int[] xShape, int[][] xChunks, int[] yShape, int[][] yChunks) =>
        new($"Cannot broadcast an array of shape {Shapes.Format(xShape)} with chunks {ChunkGrid.Format(xChunks)} " +
            $"against one of shape {Shapes.Format(yShape)} with chunks {ChunkGrid.Format(yChunks)}: {reason}.");
}
