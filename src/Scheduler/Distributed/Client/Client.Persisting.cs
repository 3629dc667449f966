using MiniDask.Graph;

namespace MiniDask.Scheduler.Distributed;

/// <summary>Persisting any graph's keys as futures, for collections that keep their values on the cluster (such as delayed values).</summary>
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

    /// <summary>Keys of a graph, as the collection that <see cref="PersistAsync(IDaskCollection, ComputeOptions?)"/> takes.</summary>
    private sealed record KeysOf(TaskGraph Graph, IReadOnlyList<Key> OutputKeys) : IDaskCollection;
}
