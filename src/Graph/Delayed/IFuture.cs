namespace MiniDask.Graph;

/// <summary>
/// A result that a scheduler holds where it was computed (a distributed cluster's future). A
/// delayed call that takes one reads it in place when computed by the scheduler that holds it,
/// and fetches its value first when computed anywhere else.
/// </summary>
public interface IFuture : IAsyncDisposable
{
    /// <summary>The key of the held result.</summary>
    Key Key { get; }

    /// <summary>The value, fetched from where it is held.</summary>
    /// <exception cref="TaskFailedException">The task that computes it failed.</exception>
    Task<object?> ResultAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// A scheduler that can keep computed results where it computed them and hand out futures for
/// them (Dask's <c>client.persist</c>), instead of returning the values.
/// </summary>
public interface IPersistingScheduler : IScheduler
{
    /// <summary>
    /// Starts computing <paramref name="keys"/> of <paramref name="graph"/> and returns one future
    /// per key, in the same order; the results stay held until the futures are disposed.
    /// </summary>
    Task<IReadOnlyList<IFuture>> PersistAsync(TaskGraph graph, IReadOnlyList<Key> keys, ComputeOptions? options = null, CancellationToken cancellationToken = default);
}

/// <summary>
/// A collection that can stand for its computed value inside another graph (an argument of
/// <see cref="Delayed.Call{TResult}(Delegate, object?[])"/>): it names the task that assembles
/// its output keys into the value that <c>Compute()</c> would return, as Dask's delayed
/// finalizes a collection passed to it.
/// </summary>
public interface IFinalizable : IDaskCollection
{
    /// <summary>The task that reads <see cref="IDaskCollection.OutputKeys"/> and returns the collection's value.</summary>
    DaskTask FinalizeTask();
}
