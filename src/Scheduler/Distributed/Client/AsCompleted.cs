using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MiniDask.Graph;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Futures in the order they finish, like Dask's <c>as_completed</c>: enumerate it with
/// <c>await foreach</c> to get each future as soon as its task is done (finished or failed),
/// whatever order they were given in. More futures can be <see cref="Add"/>ed while enumerating
/// (say, follow-up work submitted for each result); the enumeration ends once every future added
/// has come out. <see cref="WithResultsAsync"/> gives each future with its value.
/// </summary>
public sealed class AsCompleted : IAsyncEnumerable<Future>
{
    private readonly Channel<Future> done = Channel.CreateUnbounded<Future>();
    private readonly object gate = new();
    private int pending;
    private bool started;

    internal AsCompleted(IEnumerable<Future> futures)
    {
        foreach (var future in futures)
        {
            Add(future);
        }

        lock (gate)
        {
            started = true;
            if (pending == 0)
            {
                done.Writer.TryComplete();
            }
        }
    }

    /// <summary>How many futures added have not come out of the enumeration's source yet (not done).</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return pending;
            }
        }
    }

    /// <summary>Adds a future: it comes out once done, even while the enumeration is running.</summary>
    /// <exception cref="InvalidOperationException">Every future added before came out and the enumeration ended.</exception>
    public void Add(Future future)
    {
        ArgumentNullException.ThrowIfNull(future);
        lock (gate)
        {
            if (started && pending == 0)
            {
                throw new InvalidOperationException($"The as-completed set has already given out all its futures; {future.Key} comes too late. Add futures before the last one is done.");
            }

            pending++;
        }

        future.AddDoneCallback(Completed);
    }

    /// <summary>Each future with its value, in the order they finish.</summary>
    /// <exception cref="TaskFailedException">A future's task failed; it ends the enumeration (as Dask's <c>raise_errors</c>).</exception>
    public async IAsyncEnumerable<(Future Future, object? Result)> WithResultsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var future in this.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return (future, await future.ResultAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerator<Future> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        done.Reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    private void Completed(Future future)
    {
        lock (gate)
        {
            done.Writer.TryWrite(future);
            if (--pending == 0 && started)
            {
                done.Writer.TryComplete();
            }
        }
    }
}
