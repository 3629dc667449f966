using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// The Blockwise steps around an overlap: cutting the margins off again (Dask's
/// <c>trim_internal</c>) and the windows of <c>sliding_window_view</c>. Both read one block at
/// the output block's own position, so they are Blockwise specs that fuse with the function
/// mapped over the overlapped blocks.
/// </summary>
internal static class OverlapLayers
{
    /// <summary>Every block of <paramref name="x"/> less the margins an overlap of <paramref name="depth"/> under <paramref name="boundary"/> gives it.</summary>
    /// <exception cref="ArgumentException">A block is smaller than its margins.</exception>
    public static ArrayNode Trim(ArrayNode x, (int Before, int After)[] depth, Boundary boundary)
    {
        x.RequireKnown("Trim");
        var margins = Enumerable.Range(0, x.Rank).Select(a => OverlapPlan.Margins(x.Chunks[a], depth[a], boundary)).ToArray();
        var chunks = new int[x.Rank][];
        for (var axis = 0; axis < x.Rank; axis++)
        {
            chunks[axis] = [.. x.Chunks[axis].Select((size, b) => size - margins[axis][b].Left - margins[axis][b].Right)];
            if (chunks[axis].Any(size => size < 0))
            {
                throw new ArgumentException(
                    $"Cannot trim {depth[axis]} from the blocks of axis {axis} of array {x.Name} with chunks {ChunkGrid.Format(x.Chunks)}: a block is smaller than its margins.",
                    nameof(depth));
            }
        }

        var counts = ChunkGrid.BlockCounts(chunks);
        var starts = ChunkGrid.Indices(counts).Select(index => (object?)index.Select((b, axis) => margins[axis][b].Left).ToArray()).ToArray();
        var letters = ArrayBlockwise.Letters(x.Rank);
        var name = Tokenize.Name("trim", x.Name, depth.Select(d => new[] { d.Before, d.After }).ToArray(), boundary.ToString());
        var task = new BlockwiseTask(
            ArrayNode.Op("trim", x.DType),
            [ArrayBlockwise.Blocks(x, letters), BlockwiseArg.PerBlock(new BlockValues(counts, starts), letters), ArrayBlockwise.BlockShape(chunks)]);
        return ArrayBlockwise.Build(name, letters, chunks, x.DType, task, [x]);
    }

    /// <summary>The windows of <paramref name="window"/> along <paramref name="axes"/> of <paramref name="x"/>, the window axes last.</summary>
    public static ArrayNode SlidingWindow(ArrayNode x, int[] axes, int[] window)
    {
        x.RequireKnown("SlidingWindowView");
        var depth = x.Shape.Select(_ => (0, 0)).ToArray();
        var chunks = x.Chunks.Select(c => (int[])c.Clone()).ToArray();
        for (var w = 0; w < axes.Length; w++)
        {
            var axis = axes[w];
            depth[axis] = (0, window[w] - 1);
            var offsets = ChunkGrid.Offsets(x.Chunks[axis]);
            var windows = x.Shape[axis] - window[w] + 1;
            chunks[axis] = [.. x.Chunks[axis].Select((size, b) => Math.Clamp(windows - offsets[b], 0, size))];
        }

        var grown = OverlapPlan.Build(x, depth, Boundary.None);
        var letters = ArrayBlockwise.Letters(x.Rank);
        var windowLetters = new string([.. window.Select((_, w) => (char)('A' + w))]);
        var name = Tokenize.Name("sliding-window", x.Name, axes, window);
        var task = new BlockwiseTask(
            ArrayNode.Op("sliding-window", x.DType),
            [ArrayBlockwise.Blocks(grown, letters), BlockwiseArg.Literal(axes), BlockwiseArg.Literal(window), ArrayBlockwise.BlockShape(chunks)]);
        return ArrayBlockwise.Build(name, letters + windowLetters, [.. chunks, .. window.Select(w => new[] { w })], x.DType, task, [grown]);
    }
}
