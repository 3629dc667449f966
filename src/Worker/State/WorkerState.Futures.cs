using static MiniDask.Worker.WorkerTaskState;

namespace MiniDask.Worker;

/// <summary>Scattered data arriving from a client, and tasks that secede from the thread pool.</summary>
public sealed partial class WorkerState
{
    private void HandleUpdateData(UpdateDataEvent e, string stimulusId)
    {
        foreach (var (key, nbytes) in e.NBytes)
        {
            var ts = GetOrCreate(key, long.MinValue);
            ts.Assigned = true;
            if (ts.State is Memory or Executing or Cancelled or Flight)
            {
                // Already here, or being made here: the value in the store is the one the scheduler hears of.
                continue;
            }

            recommendations.Remove(ts.Key);
            Transition(ts, Memory, stimulusId, nbytes);
        }
    }

    /// <summary>released to memory: a value placed here by a client, with no run of its own.</summary>
    private bool TransitionReleasedMemory(WorkerTask ts, string stimulusId, object? args)
    {
        ts.NBytes = (long)args!;
        ArrivedInMemory(ts);
        return true;
    }

    /// <summary>
    /// An executing task gave its thread back: another may start, and the scheduler hears of it so
    /// that it stops counting the task against this worker's slots (else a task waiting on tasks it
    /// submitted would keep them queued at the scheduler behind itself).
    /// </summary>
    private void HandleSecede(SecedeEvent e, string stimulusId)
    {
        if (tasks.TryGetValue(e.Key, out var ts) && ts.State == Executing && busy.Remove(ts))
        {
            ts.Seceded = true;
            Emit(new SendLongRunning(ts.Key, stimulusId));
        }
    }
}
