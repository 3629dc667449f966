using MiniDask.Graph;
using MiniDask.Graph.Persistence;
using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>
    /// Computes every block now and returns an array with the same name, shape and chunks whose
    /// blocks are the computed ones (Dask's <c>persist</c>): later expressions on it start from these
    /// blocks instead of recomputing them. On a cluster (a scheduler that keeps results, such as a
    /// distributed client) the blocks stay on the workers, held until the array is released with
    /// <see cref="PersistedCollections.Release"/>, and later graphs read them where they are; with a
    /// local scheduler they are kept in this process. Block sizes that were unknown are read from
    /// the computed blocks, so the persisted array's chunks are all known.
    /// </summary>
    /// <param name="scheduler">The scheduler; null for the ambient default.</param>
    /// <param name="options">Options of the compute.</param>
    /// <param name="cancellationToken">Cancels the compute.</param>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public DArray<TElement> Persist(IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        scheduler ??= Schedulers.Default;
        var keys = OutputKeys;
        if (scheduler is IPersistingScheduler cluster)
        {
            var futures = cluster.PersistAsync(Graph, keys, options, cancellationToken).GetAwaiter().GetResult();
            var kept = futures.DistinctBy(f => f.Key).ToDictionary(f => f.Key, FutureTasks.Held);
            var persisted = new DArray<TElement>(Name, shape, chunks, TaskGraph.FromTasks(kept, Name));
            return HasUnknownChunks ? persisted.ComputeChunkSizes(scheduler, options, cancellationToken) : persisted;
        }

        var results = scheduler.Get(Graph, keys, options, cancellationToken);
        var grid = HasUnknownChunks ? ObservedChunks(results) : chunks;
        var op = ArrayOps.Name<TElement>("block");
        var tasks = new Dictionary<Key, DaskTask>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            var expected = ChunkGrid.BlockShape(grid, keys[i].Index);
            if (results[i] is not NDArray<TElement> block || !block.Shape.SequenceEqual(expected))
            {
                throw new InvalidOperationException(
                    $"Block {keys[i]} should be an NDArray<{DType}> of shape {Shapes.Format(expected)} but is {Describe(results[i])}.");
            }

            tasks[keys[i]] = new DaskTask(op, TaskArg.Literal(block));
        }

        return FromLayer(Name, ChunkGrid.ShapeOf(grid), grid, tasks);
    }
}
