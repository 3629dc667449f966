using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>Futures patterns: results as they finish, waiting for some or all, and work that outlives its future.</summary>
public sealed partial class Client
{
    /// <summary>
    /// <paramref name="futures"/> in the order they finish (Dask's <c>as_completed</c>); more can be
    /// added to the result while it is enumerated.
    /// </summary>
    public AsCompleted AsCompleted(IEnumerable<Future> futures)
    {
        ArgumentNullException.ThrowIfNull(futures);
        return new AsCompleted(futures);
    }

    /// <summary>
    /// Waits until all of <paramref name="futures"/> are done, or the first of them
    /// (<paramref name="returnWhen"/>), as Dask's <c>wait</c>; failed tasks count as done.
    /// </summary>
    /// <exception cref="TimeoutException">Not enough futures were done within <paramref name="timeout"/>; the message counts them.</exception>
    public async Task<WaitResult> WaitAsync(
        IEnumerable<Future> futures, ReturnWhen returnWhen = ReturnWhen.AllCompleted, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(futures);
        var list = futures.ToList();
        var finished = list.Select(f => f.Computation.Done.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)).ToList();
        Task all = returnWhen == ReturnWhen.AllCompleted || list.Count == 0 ? Task.WhenAll(finished) : Task.WhenAny(finished);
        try
        {
            await (timeout is { } t ? all.WaitAsync(t, cancellationToken) : all.WaitAsync(cancellationToken)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var count = list.Count(f => f.Done);
            throw new TimeoutException(
                $"{count} of {list.Count} futures were done after {timeout!.Value.TotalSeconds:0.###} s, waiting for {(returnWhen == ReturnWhen.AllCompleted ? "all" : "the first")}.");
        }

        return new WaitResult([.. list.Where(f => f.Done)], [.. list.Where(f => !f.Done)]);
    }

    /// <summary>The blocking form of <see cref="WaitAsync"/>.</summary>
    /// <exception cref="TimeoutException">Not enough futures were done within <paramref name="timeout"/>.</exception>
    public WaitResult Wait(IEnumerable<Future> futures, ReturnWhen returnWhen = ReturnWhen.AllCompleted, TimeSpan? timeout = null) =>
        WaitAsync(futures, returnWhen, timeout).GetAwaiter().GetResult();

    /// <summary>
    /// Keeps the tasks of <paramref name="futures"/> running to completion even once the futures are
    /// released or this client leaves (Dask's <c>fire_and_forget</c>), for tasks run for their
    /// side effects; their results are let go when they finish.
    /// </summary>
    public async Task FireAndForgetAsync(params IEnumerable<Future> futures)
    {
        ArgumentNullException.ThrowIfNull(futures);
        var keys = futures.Select(f => f.Key).ToArray();
        await scheduler.SendAsync(new Message(new Wire.FireAndForget { Keys = keys })).ConfigureAwait(false);
    }

    /// <summary>The blocking form of <see cref="FireAndForgetAsync"/>.</summary>
    public void FireAndForget(params IEnumerable<Future> futures) => FireAndForgetAsync(futures).GetAwaiter().GetResult();
}
