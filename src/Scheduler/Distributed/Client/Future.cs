using System.Runtime.CompilerServices;
using MiniDask.Graph;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// A result on the cluster, like Dask's <c>Future</c>: the key stays in memory on a worker until the
/// future is released (or its client disposed). Await it, or call <see cref="Result"/>, for the
/// value; pass it to <see cref="Client.Submit(string, object?[])"/> as an argument to use it in a further task
/// without bringing it back. A typed submit gives a <see cref="Future{T}"/>, whose value is typed.
/// </summary>
public class Future : IFuture
{
    private readonly Client client;
    private readonly Computation computation;
    private readonly ulong requestId;
    private readonly Lazy<Task<object?>> value;
    private int released;

    internal Future(Client client, Computation computation, ulong requestId)
    {
        this.client = client;
        this.computation = computation;
        this.requestId = requestId;
        Key = computation.Wanted.Single();
        value = new Lazy<Task<object?>>(() => client.GatherOneAsync(computation, CancellationToken.None));
    }

    /// <summary>The key of the result.</summary>
    public Key Key { get; }

    /// <summary>Whether the result is in memory or its task failed.</summary>
    public bool Done => computation.Done.IsCompleted;

    /// <summary>Pending, finished, error or cancelled (released), as Dask's <c>future.status</c>.</summary>
    public FutureStatus Status =>
        IsReleased ? FutureStatus.Cancelled
        : !computation.Done.IsCompleted ? FutureStatus.Pending
        : computation.Done.IsCompletedSuccessfully ? FutureStatus.Finished
        : FutureStatus.Error;

    /// <summary>
    /// Why the task failed (a <see cref="TaskFailedException"/> naming the key and op, with the
    /// worker's exception inside, or a <see cref="KilledWorkerException"/>); null while pending or when it finished.
    /// </summary>
    public Exception? Exception => computation.Done.IsFaulted ? computation.Done.Exception!.InnerException : null;

    /// <summary>
    /// Calls <paramref name="callback"/> with this future once it is done (finished or failed), on a
    /// thread-pool thread; at once (on one) when it is done already. An exception the callback
    /// throws is not observed by anyone: handle errors inside it.
    /// </summary>
    public void AddDoneCallback(Action<Future> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        computation.Done.ContinueWith((_, state) => callback((Future)state!), this, CancellationToken.None, TaskContinuationOptions.RunContinuationsAsynchronously, TaskScheduler.Default);
    }

    internal Computation Computation => computation;

    /// <summary>The client holding the result.</summary>
    internal Client Owner => client;

    /// <summary>Whether the future was released; its value can no longer be read.</summary>
    internal bool IsReleased => Volatile.Read(ref released) != 0;

    /// <summary>The value, fetched from the worker holding it once it is computed.</summary>
    /// <exception cref="TaskFailedException">The task or one it depends on failed.</exception>
    /// <exception cref="KilledWorkerException">The task kept killing its workers.</exception>
    /// <exception cref="ObjectDisposedException">The future was released; the message names its key.</exception>
    public Task<object?> ResultAsync(CancellationToken cancellationToken = default) =>
        IsReleased
            ? Task.FromException<object?>(new ObjectDisposedException(nameof(Future), $"The future {Key} was released; its result is gone from the cluster."))
            : computation.Done is { IsFaulted: true } lost
                // A result gathered before the cluster restarted is gone with it, as in Dask.
                ? Task.FromException<object?>(lost.Exception!.InnerException!)
                : value.Value.WaitAsync(cancellationToken);

    /// <summary>The blocking form of <see cref="ResultAsync"/>.</summary>
    public object? Result(TimeSpan? timeout = null) =>
        (timeout is { } t ? ResultAsync().WaitAsync(t) : ResultAsync()).GetAwaiter().GetResult();

    /// <summary>Lets <c>await future</c> give the value.</summary>
    public TaskAwaiter<object?> GetAwaiter() => ResultAsync().GetAwaiter();

    /// <summary>Releases the key on the scheduler: its result is dropped unless something else wants it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            await client.ReleaseFutureAsync(this, requestId).ConfigureAwait(false);
        }
    }

    /// <summary>The key, for logs.</summary>
    public override string ToString() => $"<Future {Key}{(Done ? " done" : "")}>";
}
