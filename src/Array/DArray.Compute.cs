using MiniDask.Graph;

namespace MiniDask.Array;

public static partial class DArray
{
    /// <summary>
    /// Computes two collections in one run (Dask's <c>dask.compute(a, b)</c>): their graphs are
    /// merged, so work they share (the same keys) runs once. The same as <see cref="Delayed.Compute{T1, T2}"/>.
    /// </summary>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public static (T1, T2) Compute<T1, T2>(
        IDaskCollection<T1> first, IDaskCollection<T2> second, IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default) =>
        Delayed.Compute(first, second, scheduler, options, cancellationToken);

    /// <summary>Computes three collections in one run, sharing common work.</summary>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public static (T1, T2, T3) Compute<T1, T2, T3>(
        IDaskCollection<T1> first,
        IDaskCollection<T2> second,
        IDaskCollection<T3> third,
        IScheduler? scheduler = null,
        ComputeOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Delayed.Compute(first, second, third, scheduler, options, cancellationToken);

    /// <summary>Computes any number of collections of one result type in one run, sharing common work; results come in the same order.</summary>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public static TResult[] Compute<TResult>(
        IReadOnlyList<IDaskCollection<TResult>> collections, IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default) =>
        Delayed.Compute(collections, scheduler, options, cancellationToken);
}
