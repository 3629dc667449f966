using MiniDask.Graph;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Persisting any graph's keys as futures, for collections that keep their values on the cluster
/// (<c>DArray.Persist</c>, <c>DBag.Persist</c>, delayed values), and reading futures in later graphs.
/// </summary>
public sealed partial class Client : IPersistingScheduler
{
    /// <inheritdoc />
    async Task<IReadOnlyList<IFuture>> IPersistingScheduler.PersistAsync(
        TaskGraph graph, IReadOnlyList<Key> keys, ComputeOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        var futures = await PersistAsync(new KeysOf(graph, keys), options).ConfigureAwait(false);
        var byKey = futures.ToDictionary(f => f.Key);
        return [.. keys.Select(k => (IFuture)byKey[k])];
    }

    /// <summary>
    /// <paramref name="graph"/> with every future placeholder that this client does not hold
    /// replaced by the future's value, fetched now (a future of another client or scheduler);
    /// placeholders of this client's live futures stay, and are dropped before sending because the
    /// scheduler already holds their keys.
    /// </summary>
    /// <exception cref="ObjectDisposedException">A placeholder stands for a future that was released.</exception>
    private TaskGraph WithForeignResultsFetched(TaskGraph graph)
    {
        Dictionary<Key, DaskTask>? replaced = null;
        foreach (var (key, task) in graph)
        {
            if (!FutureTasks.TryGetFuture(task, out var future)
                || (future is Future own && ReferenceEquals(own.Owner, this) && !own.IsReleased && IsHeld(key)))
            {
                continue;
            }

            replaced ??= new Dictionary<Key, DaskTask>(graph);
            replaced[key] = FutureTasks.Resolved(future.ResultAsync().GetAwaiter().GetResult());
        }

        return replaced is null ? graph : TaskGraph.FromTasks(replaced, "fetched");
    }

    /// <summary>Keys of a graph, as the collection that <see cref="PersistAsync(IDaskCollection, ComputeOptions?)"/> takes.</summary>
    private sealed record KeysOf(TaskGraph Graph, IReadOnlyList<Key> OutputKeys) : IDaskCollection;
}
