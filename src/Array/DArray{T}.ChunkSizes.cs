using MiniDask.Graph;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>
    /// This array with every block size known (Dask's <c>compute_chunk_sizes</c>): the blocks are
    /// computed, keeping only their shapes, and the result has the same name and graph with the
    /// sizes filled in, so slicing, rechunking, reshaping and the rest work on it. A later
    /// <c>Compute()</c> computes the blocks again; <see cref="Persist"/> keeps them and learns the
    /// sizes too. An array whose sizes are all known is returned as it is, without computing.
    /// </summary>
    /// <param name="scheduler">The scheduler; null for the ambient default.</param>
    /// <param name="options">Options of the compute.</param>
    /// <param name="cancellationToken">Cancels the compute.</param>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    /// <exception cref="InvalidOperationException">Blocks in one row along an axis disagree in size there; the message names them.</exception>
    public DArray<TElement> ComputeChunkSizes(IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!HasUnknownChunks)
        {
            return this;
        }

        var (graph, keys) = BlockShapeGraph();
        return WithObservedChunks((scheduler ?? Schedulers.Default).Get(graph, keys, options, cancellationToken));
    }

    /// <summary>The asynchronous form of <see cref="ComputeChunkSizes"/>.</summary>
    /// <param name="scheduler">The scheduler; null for the ambient default.</param>
    /// <param name="options">Options of the compute.</param>
    /// <param name="cancellationToken">Cancels the compute.</param>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    /// <exception cref="InvalidOperationException">Blocks in one row along an axis disagree in size there; the message names them.</exception>
    public async Task<DArray<TElement>> ComputeChunkSizesAsync(IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!HasUnknownChunks)
        {
            return this;
        }

        var (graph, keys) = BlockShapeGraph();
        return WithObservedChunks(await (scheduler ?? Schedulers.Default).GetAsync(graph, keys, options, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The graph with one task per block that reads the block's shape, and those tasks' keys in block order.</summary>
    private (TaskGraph Graph, Key[] Keys) BlockShapeGraph()
    {
        var name = Tokenize.Name("chunk-sizes", Name);
        var letters = ArrayBlockwise.Letters(Rank);
        var shapes = ArrayBlockwise.Build(name, letters, chunks, DType, new BlockwiseTask(MaskingOps.BlockShapeOp, ArrayBlockwise.Blocks(Node, letters)), [Node], shape);
        return (shapes.Graph, [.. OutputKeys.Select(k => shapes.BlockKey(k.Index.ToArray()))]);
    }

    private DArray<TElement> WithObservedChunks(object?[] shapes)
    {
        var blockShapes = shapes.Select((s, b) => s as int[] ?? throw new InvalidOperationException(
            $"The shape of block {OutputKeys[b]} should be an int[] but is {Describe(s)}.")).ToArray();
        var grid = ChunkGrid.Observe(Name, chunks, OutputKeys, blockShapes);
        return new DArray<TElement>(Name, ChunkGrid.ShapeOf(grid), grid, Graph);
    }
}
