namespace MiniDask.Graph.Persistence;

/// <summary>
/// A scheduler that can keep a collection's results where they were computed, beyond one compute
/// (Dask's <c>persist</c> with a distributed client): the results stay on its workers, held for the
/// caller until the returned <see cref="PersistedResults"/> is released, and later graphs that read
/// those keys start from them in place.
/// </summary>
public interface IPersistingScheduler : IScheduler
{
    /// <summary>Starts computing <paramref name="keys"/> of <paramref name="graph"/> and keeps their results.</summary>
    /// <exception cref="GraphValidationException">The graph is malformed.</exception>
    Task<PersistedResults> PersistAsync(TaskGraph graph, IReadOnlyList<Key> keys, ComputeOptions? options = null, CancellationToken cancellationToken = default);
}
