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
}
