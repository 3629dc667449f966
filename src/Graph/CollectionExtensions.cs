namespace MiniDask.Graph;

/// <summary><c>Compute()</c> for every collection.</summary>
public static class CollectionExtensions
{
    /// <summary>
    /// Computes the collection on <paramref name="scheduler"/> (the ambient default when null)
    /// and returns its value.
    /// </summary>
    public static TResult Compute<TResult>(
        this IDaskCollection<TResult> collection,
        IScheduler? scheduler = null,
        ComputeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        scheduler ??= Schedulers.Default;
        EnsureDistributable(collection, scheduler);
        var results = scheduler.Get(collection.Graph, collection.OutputKeys, options, cancellationToken);
        return collection.Finalize(results);
    }

    /// <summary>The asynchronous form of <see cref="Compute{TResult}"/>.</summary>
    public static async Task<TResult> ComputeAsync<TResult>(
        this IDaskCollection<TResult> collection,
        IScheduler? scheduler = null,
        ComputeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        scheduler ??= Schedulers.Default;
        EnsureDistributable(collection, scheduler);
        var results = await scheduler.GetAsync(collection.Graph, collection.OutputKeys, options, cancellationToken).ConfigureAwait(false);
        return collection.Finalize(results);
    }

    /// <summary>
    /// Computes several collections in one run (Dask's <c>dask.compute(a, b, ...)</c>): their graphs
    /// are merged, so work they share (the same keys) runs once. Returns each collection's results,
    /// in the order of its <see cref="IDaskCollection.OutputKeys"/>, ready for its finalizer.
    /// </summary>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public static IReadOnlyList<object?>[] ComputeMany(
        IReadOnlyList<IDaskCollection> collections, IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (graph, keys, positions) = Merge(collections);
        scheduler ??= Schedulers.Default;
        EnsureDistributable(collections, scheduler);
        return Split(collections, scheduler.Get(graph, keys, options, cancellationToken), positions);
    }

    /// <summary>The asynchronous form of <see cref="ComputeMany"/>.</summary>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public static async Task<IReadOnlyList<object?>[]> ComputeManyAsync(
        IReadOnlyList<IDaskCollection> collections, IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (graph, keys, positions) = Merge(collections);
        scheduler ??= Schedulers.Default;
        EnsureDistributable(collections, scheduler);
        var results = await scheduler.GetAsync(graph, keys, options, cancellationToken).ConfigureAwait(false);
        return Split(collections, results, positions);
    }

    /// <summary>
    /// Before a run in other processes, checks that what <paramref name="collection"/> sends or
    /// computes can cross a process boundary, so an unserializable type is refused before anything is sent.
    /// </summary>
    /// <exception cref="NotSupportedException">It cannot; the message names the type and the member at fault.</exception>
    public static void EnsureDistributable(IDaskCollection collection, IScheduler scheduler)
    {
        if (scheduler is IDistributedScheduler && collection is IDistributable distributable)
        {
            distributable.EnsureDistributable();
        }
    }

    private static void EnsureDistributable(IReadOnlyList<IDaskCollection> collections, IScheduler scheduler)
    {
        foreach (var collection in collections)
        {
            EnsureDistributable(collection, scheduler);
        }
    }

    private static (TaskGraph Graph, List<Key> Keys, Dictionary<Key, int> Positions) Merge(IReadOnlyList<IDaskCollection> collections)
    {
        ArgumentNullException.ThrowIfNull(collections);
        var keys = new List<Key>();
        var positions = new Dictionary<Key, int>();
        foreach (var key in collections.SelectMany(c => c.OutputKeys))
        {
            if (positions.TryAdd(key, keys.Count))
            {
                keys.Add(key);
            }
        }

        return (TaskGraph.Merge(collections.Select(c => c.Graph)), keys, positions);
    }

    private static IReadOnlyList<object?>[] Split(IReadOnlyList<IDaskCollection> collections, object?[] results, Dictionary<Key, int> positions) =>
        [.. collections.Select(c => (IReadOnlyList<object?>)[.. c.OutputKeys.Select(k => results[positions[k]])])];
}
