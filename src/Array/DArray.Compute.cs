using MiniDask.Graph;

namespace MiniDask.Array;

public static partial class DArray
{
    /// <summary>
    /// Computes two collections in one run (Dask's <c>dask.compute(a, b)</c>): their graphs are
    /// merged, so work they share (the same keys) runs once.
    /// </summary>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public static (T1, T2) Compute<T1, T2>(
        IDaskCollection<T1> first, IDaskCollection<T2> second, IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var results = ComputeShared([first, second], scheduler, options, cancellationToken);
        return (first.Finalize(results[0]), second.Finalize(results[1]));
    }

    /// <summary>Computes three collections in one run, sharing common work.</summary>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public static (T1, T2, T3) Compute<T1, T2, T3>(
        IDaskCollection<T1> first,
        IDaskCollection<T2> second,
        IDaskCollection<T3> third,
        IScheduler? scheduler = null,
        ComputeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(third);
        var results = ComputeShared([first, second, third], scheduler, options, cancellationToken);
        return (first.Finalize(results[0]), second.Finalize(results[1]), third.Finalize(results[2]));
    }

    /// <summary>Computes any number of collections of one result type in one run, sharing common work; results come in the same order.</summary>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public static TResult[] Compute<TResult>(
        IReadOnlyList<IDaskCollection<TResult>> collections, IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collections);
        var results = ComputeShared([.. collections], scheduler, options, cancellationToken);
        return [.. collections.Select((c, i) => c.Finalize(results[i]))];
    }

    private static IReadOnlyList<object?>[] ComputeShared(
        IDaskCollection[] collections, IScheduler? scheduler, ComputeOptions? options, CancellationToken cancellationToken) =>
        MiniDask.Graph.CollectionExtensions.ComputeMany(collections, scheduler, options, cancellationToken);
}
