namespace MiniDask.Graph.Persistence;

/// <summary>Releasing a collection persisted on a cluster (Dask's <c>del x</c> of a persisted collection).</summary>
public static class PersistedCollections
{
    /// <summary>
    /// The futures a scheduler holds for <paramref name="collection"/>'s outputs: those of a
    /// collection returned by <c>Persist</c> on a cluster, whose graph is made of
    /// <see cref="FutureTasks.Held"/> placeholders; empty for any other.
    /// </summary>
    public static IReadOnlyList<IFuture> KeptFutures(this IDaskCollection collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var kept = new List<IFuture>();
        foreach (var key in collection.OutputKeys)
        {
            if (collection.Graph.TryGetValue(key, out var task) && task is { Op: FutureTasks.Op, Args: [LiteralArg { Value: IFuture future }] }
                && !kept.Contains(future))
            {
                kept.Add(future);
            }
        }

        return kept;
    }

    /// <summary>
    /// Releases the futures kept for <paramref name="collection"/> (a collection returned by
    /// <c>Persist</c> on a cluster): the cluster drops the results unless something else holds
    /// them, and computing the collection afterwards fails naming a released key. Nothing happens
    /// for any other collection.
    /// </summary>
    public static async ValueTask ReleaseAsync(this IDaskCollection collection)
    {
        foreach (var future in collection.KeptFutures())
        {
            await future.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The blocking form of <see cref="ReleaseAsync"/>.</summary>
    public static void Release(this IDaskCollection collection) => collection.ReleaseAsync().AsTask().GetAwaiter().GetResult();
}
