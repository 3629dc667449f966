namespace MiniDask.Graph.Persistence;

/// <summary>Releasing a collection persisted on a cluster (Dask's <c>del x</c> of a persisted collection).</summary>
public static class PersistedCollections
{
    /// <summary>
    /// The results a scheduler keeps for <paramref name="collection"/>'s outputs: those of a
    /// collection returned by <c>Persist</c> on a cluster; empty for any other.
    /// </summary>
    public static IReadOnlyList<PersistedResults> KeptResults(this IDaskCollection collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var kept = new List<PersistedResults>();
        foreach (var key in collection.OutputKeys)
        {
            if (collection.Graph.TryGetValue(key, out var task) && task is { Op: PersistedResults.Op, Args: [LiteralArg { Value: PersistedBlock block }] }
                && !kept.Contains(block.Results))
            {
                kept.Add(block.Results);
            }
        }

        return kept;
    }

    /// <summary>
    /// Releases the results kept for <paramref name="collection"/> (a collection returned by
    /// <c>Persist</c> on a cluster): the cluster drops them unless something else holds them, and
    /// computing the collection afterwards fails naming a released key. Nothing happens for any
    /// other collection.
    /// </summary>
    public static async ValueTask ReleaseAsync(this IDaskCollection collection)
    {
        foreach (var results in collection.KeptResults())
        {
            await results.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The blocking form of <see cref="ReleaseAsync"/>.</summary>
    public static void Release(this IDaskCollection collection) => collection.ReleaseAsync().AsTask().GetAwaiter().GetResult();
}
