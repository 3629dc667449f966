using static MiniDask.Worker.WorkerTaskState;

namespace MiniDask.Worker;

/// <summary>Computing: requests from the scheduler, the threads, and what the executor reports back.</summary>
public sealed partial class WorkerState
{
    /// <summary>How many threads are busy: tasks executing, including cancelled ones whose run has not returned.</summary>
    public int BusyThreads => busy.Count;

    /// <summary>The tasks ready to run, most urgent first.</summary>
    public IReadOnlyCollection<WorkerTask> ReadyTasks => ready;

    private void HandleComputeTask(ComputeTaskEvent e, string stimulusId)
    {
        var ts = GetOrCreate(e.Key, e.Priority);
        ts.Assigned = true;
        switch (ts.State)
        {
            case Memory:
                // Already here (computed, or fetched for a local task): report it rather than rerun it.
                ts.Run ??= e.Run;
                Emit(new SendTaskFinished(ts.Key, ts.NBytes, ts.StartTime, ts.StopTime, stimulusId));
                break;
            case Waiting or Ready or Executing:
                break;
            case Cancelled when ts.CancelledFrom == Executing:
                Recommend(ts, Executing);
                break;
            case Cancelled or Flight:
                ts.PendingCompute = e;
                Recommend(ts, Flight);
                break;
            default:
                ts.Run = e.Run;
                SetPriority(ts, e.Priority);
                AddDependencies(ts, e);
                Recommend(ts, Waiting);
                break;
        }
    }

    /// <summary>Links the task to its dependencies, learning who holds each, and takes over their priority when more urgent.</summary>
    private void AddDependencies(WorkerTask ts, ComputeTaskEvent e)
    {
        foreach (var (depKey, holders) in e.WhoHas)
        {
            var dep = GetOrCreate(depKey, e.Priority);
            ts.DependencySet.Add(dep);
            dep.DependentSet.Add(ts);
            if (e.Priority < dep.Priority)
            {
                SetPriority(dep, e.Priority);
            }

            if (dep.State is Memory or Waiting or Ready or Executing)
            {
                continue;
            }

            if (dep.State == Cancelled && dep.CancelledFrom == Flight)
            {
                Recommend(dep, Flight);
            }

            if (dep.NBytes == 0 && e.NBytes.TryGetValue(depKey, out var nbytes))
            {
                dep.NBytes = nbytes;
            }

            dep.WhoHasSet.UnionWith(holders.Where(h => h != Address));
            if (dep.State == Missing && dep.WhoHasSet.Count > 0)
            {
                Recommend(dep, Fetch);
            }
        }
    }

    /// <summary>Changes a task's priority, keeping the ordered queues it is in sorted.</summary>
    private void SetPriority(WorkerTask ts, long priority)
    {
        if (ts.Priority == priority)
        {
            return;
        }

        var inReady = ready.Remove(ts);
        var inFetch = fetchQueue.Remove(ts);
        ts.Priority = priority;
        if (inReady)
        {
            ready.Add(ts);
        }

        if (inFetch)
        {
            fetchQueue.Add(ts);
        }
    }

    /// <summary>Starts ready tasks, most urgent first, while a thread is free and the worker is not paused.</summary>
    private bool EnsureComputing(string stimulusId)
    {
        var started = false;
        while (!Paused && busy.Count < NThreads && ready.Count > 0)
        {
            Transition(ready.Min!, Executing, stimulusId);
            started = true;
        }

        return started;
    }

    private void HandleExecuteSuccess(ExecuteSuccessEvent e, string stimulusId)
    {
        if (!tasks.TryGetValue(e.Key, out var ts))
        {
            Emit(new ReleaseData(e.Key, stimulusId));
            return;
        }

        switch (ts.State)
        {
            case Executing:
                Transition(ts, Memory, stimulusId, e);
                break;
            case Cancelled when ts.CancelledFrom == Executing:
                Emit(new ReleaseData(ts.Key, stimulusId));
                Transition(ts, Released, stimulusId);
                break;
        }
    }

    private void HandleExecuteFailure(ExecuteFailureEvent e, string stimulusId)
    {
        if (!tasks.TryGetValue(e.Key, out var ts))
        {
            return;
        }

        switch (ts.State)
        {
            case Executing:
                Transition(ts, Error, stimulusId, e);
                break;
            case Cancelled when ts.CancelledFrom == Executing:
                Transition(ts, Released, stimulusId);
                break;
        }
    }
}
