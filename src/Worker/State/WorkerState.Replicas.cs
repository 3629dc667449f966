using MiniDask.Graph;
using static MiniDask.Worker.WorkerTaskState;

namespace MiniDask.Worker;

/// <summary>
/// Results the scheduler placed here without a task to compute them: replicas it asked this
/// worker to fetch (replicate, rebalance, retiring a peer), and what the worker still holds when
/// it registers again after losing its scheduler.
/// </summary>
public sealed partial class WorkerState
{
    /// <summary>
    /// Keeps fetched replicas as results the scheduler holds here (until it frees them), and
    /// answers the scheduler's request with the keys now held and those that could not be fetched.
    /// A key already on its way here for a local task is left to that transfer.
    /// </summary>
    private void HandleReplicasFetched(ReplicasFetchedEvent e, string stimulusId)
    {
        var held = new List<Key>();
        var sizes = new List<long>();
        var missing = new List<Key>(e.Missing);
        foreach (var (key, nbytes) in e.Received)
        {
            var ts = GetOrCreate(key, priority: 0);
            if (ts.State is Released or Memory)
            {
                var start = ts.State;
                ts.State = Memory;
                ts.NBytes = nbytes;
                ts.Assigned = true;
                Log(ts, start, Memory, stimulusId);
                held.Add(key);
                sizes.Add(nbytes);
            }
            else
            {
                missing.Add(key);
            }
        }

        Emit(new SendReplicasAcquired(e.RequestId, held, sizes, missing, stimulusId));
    }

    /// <summary>
    /// After registering with a scheduler again: tasks the lost scheduler assigned and that are
    /// not done are dropped (the scheduler assigns again what it still wants), and the results
    /// held are reported so that it keeps the ones it knows.
    /// </summary>
    private void HandleSchedulerReconnected(string stimulusId)
    {
        var held = new List<Key>();
        var sizes = new List<long>();
        foreach (var ts in InPriorityOrder(tasks.Values).ToList())
        {
            if (ts.State == Memory)
            {
                held.Add(ts.Key);
                sizes.Add(ts.NBytes);
                continue;
            }

            ts.Assigned = false;
            ts.PendingCompute = null;
            ReleaseIfUnneeded(ts);
        }

        Emit(new SendReplicasAcquired(0, held, sizes, [], stimulusId));
    }
}
