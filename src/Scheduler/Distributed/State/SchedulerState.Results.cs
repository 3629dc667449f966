using MiniDask.Graph;

namespace MiniDask.Scheduler.Distributed;

/// <summary>What workers report about tasks: finished, erred, or a dependency missing on a peer.</summary>
public sealed partial class SchedulerState
{
    private void HandleTaskFinished(TaskFinished s, string stimulusId)
    {
        if (!workers.TryGetValue(s.Worker, out var ws))
        {
            return;
        }

        ws.LastSeen = Clock.MonotonicSeconds;
        if (tasks.TryGetValue(s.Key, out var ts) && ts.State == SchedulerTaskState.Processing)
        {
            Transition(ts, SchedulerTaskState.Memory, stimulusId, new FinishedArgs(ws, s.NBytes, s.StartTime, s.StopTime));
            if (fireAndForget is not null && fireAndForget.WantsWhatSet.Contains(ts))
            {
                ReleaseWant(fireAndForget, ts);
            }
        }
        else if (ts is null || !ts.WhoHasSet.Contains(ws))
        {
            // A result nobody expects from this worker (released, stolen away, or already held elsewhere): drop it.
            Emit(new FreeKeys(ws.Address, [s.Key], stimulusId));
        }
    }

    private void HandleTaskErred(TaskErred s, string stimulusId)
    {
        if (!workers.TryGetValue(s.Worker, out var ws))
        {
            return;
        }

        ws.LastSeen = Clock.MonotonicSeconds;
        if (tasks.TryGetValue(s.Key, out var ts) && ts.State == SchedulerTaskState.Processing && ts.ProcessingOn == ws)
        {
            if (ts.RetriesLeft > 0)
            {
                // Released while still wanted, it goes back to waiting and runs again (Dask's retries).
                ts.RetriesLeft--;
                Transition(ts, SchedulerTaskState.Released, stimulusId);
                return;
            }

            Transition(ts, SchedulerTaskState.Erred, stimulusId, new ErredArgs(s.Exception, s.Traceback));
            ForgetFiredAndForgotten(stimulusId);
        }
    }

    private void HandleMissingData(WorkerReportsMissingData s, string stimulusId)
    {
        if (!tasks.TryGetValue(s.Key, out var ts) || ts.State != SchedulerTaskState.Memory)
        {
            return;
        }

        if (workers.TryGetValue(s.Peer, out var peer))
        {
            RemoveReplica(ts, peer);
        }

        if (ts.WhoHasSet.Count == 0)
        {
            // The last copy is gone: releasing it recomputes it for the dependents that wait for it.
            Recommend(ts, SchedulerTaskState.Released);
        }
        else if (workers.ContainsKey(s.Worker))
        {
            var whoHas = new Dictionary<Key, IReadOnlyList<string>>
            {
                [ts.Key] = [.. InAddressOrder(ts.WhoHasSet).Select(w => w.Address)],
            };
            Emit(new RefreshWhoHas(s.Worker, whoHas, stimulusId));
        }
    }
}
