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
        var results = (scheduler ?? Schedulers.Default).Get(collection.Graph, collection.OutputKeys, options, cancellationToken);
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
        var results = await (scheduler ?? Schedulers.Default)
            .GetAsync(collection.Graph, collection.OutputKeys, options, cancellationToken).ConfigureAwait(false);
        return collection.Finalize(results);
    }
}
