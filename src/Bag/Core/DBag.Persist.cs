using MiniDask.Graph;
using MiniDask.Graph.Persistence;

namespace MiniDask.Bag;

public sealed partial class DBag<T>
{
    /// <summary>
    /// Computes every partition now and returns a bag with the same name and partitions whose
    /// partitions are the computed ones (Dask's <c>persist</c>): later operations on it start from
    /// them instead of recomputing. On a cluster (a scheduler that keeps results, such as a
    /// distributed client) the partitions stay on the workers, held until the bag is released with
    /// <see cref="PersistedCollections.Release"/>; with a local scheduler they are kept in this process.
    /// </summary>
    /// <param name="scheduler">The scheduler; null for the ambient default.</param>
    /// <param name="options">Options of the compute.</param>
    /// <param name="cancellationToken">Cancels the compute.</param>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public DBag<T> Persist(IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        scheduler ??= Schedulers.Default;
        if (scheduler is IPersistingScheduler cluster)
        {
            MiniDask.Graph.CollectionExtensions.EnsureDistributable(this, scheduler);
            var futures = cluster.PersistAsync(Graph, OutputKeys, options, cancellationToken).GetAwaiter().GetResult();
            var kept = futures.DistinctBy(f => f.Key).ToDictionary(f => f.Key, FutureTasks.Held);
            return new DBag<T>(TaskGraph.FromTasks(kept, Name), Name, PartitionCount, [typeof(T)]);
        }

        var partitions = scheduler.Get(Graph, OutputKeys, options, cancellationToken);
        return DBag.Create<T>(Name, PartitionCount, i => new DaskTask(OpNames.Literal, TaskArg.Literal(partitions[i])), [], [typeof(T)]);
    }
}
