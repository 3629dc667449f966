using static MiniDask.Worker.WorkerTaskState;

namespace MiniDask.Worker;

/// <summary>Letting go: keys the scheduler frees, and tasks it would rather run elsewhere.</summary>
public sealed partial class WorkerState
{
    private void HandleFreeKeys(FreeKeysEvent e)
    {
        foreach (var key in e.Keys)
        {
            if (tasks.TryGetValue(key, out var ts))
            {
                ts.Assigned = false;
                ts.PendingCompute = null;
                ReleaseIfUnneeded(ts);
            }
        }
    }

    /// <summary>Gives up a task that has not started and that no local task waits for; refuses otherwise.</summary>
    private void HandleStealRequest(StealRequestEvent e, string stimulusId)
    {
        if (!tasks.TryGetValue(e.Key, out var ts))
        {
            Emit(new SendStealResponse(e.Key, Accepted: true, State: null, stimulusId));
            return;
        }

        var state = ts.State;
        var accepted = state is Waiting or Ready && !ts.DependentSet.Any(d => d.State is Waiting or Ready or Executing);
        Emit(new SendStealResponse(e.Key, accepted, state, stimulusId));
        if (accepted)
        {
            ts.Assigned = false;
            ReleaseIfUnneeded(ts);
        }
    }
}
