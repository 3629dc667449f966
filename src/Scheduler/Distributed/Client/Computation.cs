using MiniDask.Graph;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// One <see cref="Client.GetAsync"/> in flight: the keys it waits for, where each landed, and the
/// first error. It completes when every key is in memory or one has failed.
/// </summary>
internal sealed class Computation(string clientId, TaskGraph graph, IReadOnlyCollection<Key> wanted, ProgressReporter? progress)
{
    private TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<Key> pending = [.. wanted];
    private readonly Dictionary<Key, IReadOnlyList<string>> holders = [];
    private int finished;

    public string ClientId { get; } = clientId;

    public TaskGraph Graph { get; } = graph;

    public IReadOnlyCollection<Key> Wanted { get; } = wanted;

    public Task Done => done.Task;

    /// <summary>The workers holding each wanted key, once <see cref="Done"/> succeeded.</summary>
    public IReadOnlyDictionary<Key, IReadOnlyList<string>> Holders => holders;

    public void KeyInMemory(Key key, IReadOnlyList<string> workers)
    {
        lock (pending)
        {
            holders[key] = workers;
            if (pending.Remove(key) && pending.Count == 0)
            {
                done.TrySetResult();
            }
        }
    }

    public void Fail(Exception error) => done.TrySetException(error);

    /// <summary>Fails the computation even if it had finished: its results are gone from the cluster (it restarted).</summary>
    public void Lose(Exception error)
    {
        lock (pending)
        {
            if (!done.TrySetException(error))
            {
                var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                lost.SetException(error);
                done = lost;
            }
        }
    }

    /// <summary>Delivers the progress of the compute, all of it before it returns.</summary>
    public ProgressReporter? Progress => progress;

    /// <summary>Reports one more task finished; called by the client's receive loop, one message at a time.</summary>
    public void TaskFinished(int inMemory) =>
        progress?.Report(new ComputeProgress(Interlocked.Increment(ref finished), Graph.Count, inMemory));
}
