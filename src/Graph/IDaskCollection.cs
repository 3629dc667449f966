namespace MiniDask.Graph;

/// <summary>
/// The collection protocol (Dask's <c>__dask_graph__</c>, <c>__dask_keys__</c>,
/// <c>__dask_postcompute__</c>): a lazy collection is a graph, the keys of its outputs, and a
/// finalizer that assembles their results. Any <see cref="IScheduler"/> computes any collection.
/// </summary>
public interface IDaskCollection
{
    /// <summary>The task graph that computes the collection.</summary>
    TaskGraph Graph { get; }

    /// <summary>The keys whose results make up the collection, in the order the finalizer expects.</summary>
    IReadOnlyList<Key> OutputKeys { get; }
}

/// <summary>A collection whose computed value is a <typeparamref name="TResult"/>.</summary>
public interface IDaskCollection<out TResult> : IDaskCollection
{
    /// <summary>Assembles the computed results of <see cref="IDaskCollection.OutputKeys"/> into the value.</summary>
    TResult Finalize(IReadOnlyList<object?> results);
}
