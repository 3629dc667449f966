using static MiniDask.Scheduler.Distributed.SchedulerTaskState;

namespace MiniDask.Scheduler.Distributed;

/// <summary>The transition table and its named handlers.</summary>
public sealed partial class SchedulerState
{
    /// <summary>The <c>(from, to)</c> pairs with a handler; any other change goes through <see cref="SchedulerTaskState.Released"/>.</summary>
    public IReadOnlyCollection<(SchedulerTaskState From, SchedulerTaskState To)> KnownTransitions => transitionTable.Keys;

    private Dictionary<(SchedulerTaskState, SchedulerTaskState), TransitionHandler> BuildTransitionTable() => new()
    {
        [(Released, Waiting)] = TransitionReleasedWaiting,
        [(Released, Erred)] = TransitionPendingErred,
        [(Released, Forgotten)] = TransitionReleasedForgotten,
        [(Waiting, Processing)] = TransitionWaitingProcessing,
        [(Waiting, Queued)] = TransitionWaitingQueued,
        [(Waiting, NoWorker)] = TransitionWaitingNoWorker,
        [(Waiting, Released)] = TransitionPendingReleased,
        [(Waiting, Erred)] = TransitionPendingErred,
        [(Queued, Processing)] = TransitionQueuedProcessing,
        [(Queued, Released)] = TransitionPendingReleased,
        [(Queued, Erred)] = TransitionPendingErred,
        [(NoWorker, Processing)] = TransitionNoWorkerProcessing,
        [(NoWorker, Queued)] = TransitionNoWorkerQueued,
        [(NoWorker, Released)] = TransitionPendingReleased,
        [(NoWorker, Erred)] = TransitionPendingErred,
        [(Processing, Memory)] = TransitionProcessingMemory,
        [(Processing, Released)] = TransitionProcessingReleased,
        [(Processing, Erred)] = TransitionProcessingErred,
        [(Memory, Released)] = TransitionMemoryReleased,
        [(Erred, Released)] = TransitionErredReleased,
    };

    /// <summary>
    /// Moves <paramref name="ts"/> to <paramref name="finish"/> through its handler, or through
    /// <c>released</c> when there is no direct one. A handler may decline (and recommend another
    /// state instead); only applied changes are logged.
    /// </summary>
    private void Transition(SchedulerTask ts, SchedulerTaskState finish, string stimulusId, object? args = null)
    {
        var start = ts.State;
        if (start == finish)
        {
            return;
        }

        if (transitionTable.TryGetValue((start, finish), out var handler))
        {
            var worker = ts.ProcessingOn;
            if (handler(ts, stimulusId, args))
            {
                ts.State = finish;
                Log(ts, start, finish, stimulusId, ts.ProcessingOn ?? (args as FinishedArgs)?.Worker ?? worker);
            }

            return;
        }

        if (start != Released && finish != Released
            && transitionTable.ContainsKey((start, Released)) && transitionTable.ContainsKey((Released, finish)))
        {
            Transition(ts, Released, stimulusId, args);
            if (ts.State == Released)
            {
                // The first leg may recommend this key onwards; the caller's target wins.
                recommendations.Remove(ts.Key);
                Transition(ts, finish, stimulusId, args);
            }

            return;
        }

        throw new InvalidOperationException($"Task {ts.Key} has no transition from {start} to {finish}.");
    }

    private bool TransitionReleasedWaiting(SchedulerTask ts, string stimulusId, object? args)
    {
        if (IsScattered(ts))
        {
            // Scattered data has no task to recompute it: losing every copy is an error of the key.
            ts.Exception = LostScatteredData(ts);
            ts.ExceptionBlame = ts;
            Recommend(ts, Erred);
            return false;
        }

        var erred = ts.DependencySet.Where(d => d.State == Erred).Order(ByPriority).FirstOrDefault();
        if (erred is not null)
        {
            InheritError(ts, erred);
            Recommend(ts, Erred);
            return false;
        }

        ts.WaitingOnSet.Clear();
        foreach (var dep in InPriorityOrder(ts.DependencySet))
        {
            dep.WaiterSet.Add(ts);
            if (dep.State != Memory)
            {
                ts.WaitingOnSet.Add(dep);
                if (dep.State == Released)
                {
                    Recommend(dep, Waiting);
                }
            }
        }

        if (ts.WaitingOnSet.Count == 0)
        {
            Recommend(ts, Processing);
        }

        return true;
    }

    private bool TransitionWaitingProcessing(SchedulerTask ts, string stimulusId, object? args)
    {
        if (ts.WaitingOnSet.Count > 0)
        {
            return false;
        }

        var ws = PlaceReadyTask(ts);
        if (ws is null)
        {
            return false;
        }

        AssignProcessing(ts, ws, stimulusId);
        return true;
    }

    private bool TransitionWaitingQueued(SchedulerTask ts, string stimulusId, object? args)
    {
        queued.Add(ts);
        return true;
    }

    private bool TransitionWaitingNoWorker(SchedulerTask ts, string stimulusId, object? args)
    {
        unrunnable.Add(ts);
        return true;
    }

    private bool TransitionQueuedProcessing(SchedulerTask ts, string stimulusId, object? args)
    {
        var ws = args as SchedulerWorker ?? DecideRootWorker(ts);
        if (ws is null)
        {
            return false;
        }

        queued.Remove(ts);
        AssignProcessing(ts, ws, stimulusId);
        return true;
    }

    private bool TransitionNoWorkerProcessing(SchedulerTask ts, string stimulusId, object? args)
    {
        var ws = PlaceReadyTask(ts);
        if (ws is null)
        {
            return false;
        }

        unrunnable.Remove(ts);
        AssignProcessing(ts, ws, stimulusId);
        return true;
    }

    private bool TransitionNoWorkerQueued(SchedulerTask ts, string stimulusId, object? args)
    {
        unrunnable.Remove(ts);
        queued.Add(ts);
        return true;
    }

    /// <summary>waiting, queued or no-worker to released: nothing ran yet, so only bookkeeping is undone.</summary>
    private bool TransitionPendingReleased(SchedulerTask ts, string stimulusId, object? args)
    {
        queued.Remove(ts);
        unrunnable.Remove(ts);
        ts.WaitingOnSet.Clear();
        PropagateReleased(ts);
        return true;
    }

    private bool TransitionProcessingMemory(SchedulerTask ts, string stimulusId, object? args)
    {
        var finished = (FinishedArgs)args!;
        var ranOn = ts.ProcessingOn;
        DetachProcessing(ts, stimulusId, cancel: false);
        if (ranOn is not null && ranOn != finished.Worker && IsAlive(ranOn))
        {
            // Another worker finished first (a steal raced the original run): stop the slower copy.
            Emit(new FreeKeys(ranOn.Address, [ts.Key], stimulusId));
        }

        RecordDuration(ts.Prefix, finished.StopTime - finished.StartTime, finished.NBytes);
        ts.NBytes = finished.NBytes;
        AddReplica(ts, finished.Worker);
        foreach (var dependent in InPriorityOrder(ts.DependentSet))
        {
            if (dependent.WaitingOnSet.Remove(ts) && dependent.State == Waiting && dependent.WaitingOnSet.Count == 0)
            {
                Recommend(dependent, Processing);
            }
        }

        ReleaseDependencies(ts);
        foreach (var client in ts.WhoWantsSet.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            Emit(new KeyInMemory(client.Id, ts.Key, [finished.Worker.Address], ts.NBytes, stimulusId));
        }

        if (!ts.IsNeeded)
        {
            Recommend(ts, Released);
        }

        return true;
    }

    private bool TransitionProcessingReleased(SchedulerTask ts, string stimulusId, object? args)
    {
        DetachProcessing(ts, stimulusId, cancel: true);
        PropagateReleased(ts);
        return true;
    }

    private bool TransitionProcessingErred(SchedulerTask ts, string stimulusId, object? args)
    {
        DetachProcessing(ts, stimulusId, cancel: false);
        if (args is ErredArgs erred)
        {
            ts.Exception = erred.Exception;
            ts.Traceback = erred.Traceback;
            ts.ExceptionBlame = ts;
        }

        PropagateErred(ts, stimulusId);
        return true;
    }

    /// <summary>waiting, queued, no-worker or released to erred: a dependency failed (the blame is already set).</summary>
    private bool TransitionPendingErred(SchedulerTask ts, string stimulusId, object? args)
    {
        if (ts.ExceptionBlame is null)
        {
            return false;
        }

        queued.Remove(ts);
        unrunnable.Remove(ts);
        ts.WaitingOnSet.Clear();
        PropagateErred(ts, stimulusId);
        return true;
    }

    private bool TransitionMemoryReleased(SchedulerTask ts, string stimulusId, object? args)
    {
        foreach (var ws in InAddressOrder(ts.WhoHasSet).Where(IsAlive))
        {
            Emit(new FreeKeys(ws.Address, [ts.Key], stimulusId));
        }

        RemoveAllReplicas(ts);
        foreach (var dependent in InPriorityOrder(ts.DependentSet))
        {
            switch (dependent.State)
            {
                case Waiting:
                    dependent.WaitingOnSet.Add(ts);
                    break;
                case Processing or Queued or NoWorker:
                    // It was sent, or about to be sent, with this key as an input that no longer exists.
                    Recommend(dependent, Waiting);
                    break;
            }
        }

        PropagateReleased(ts);
        return true;
    }

    private bool TransitionErredReleased(SchedulerTask ts, string stimulusId, object? args)
    {
        ts.Exception = null;
        ts.Traceback = null;
        ts.ExceptionBlame = null;
        ts.KilledWorker = false;
        PropagateReleased(ts);
        return true;
    }

    private bool TransitionReleasedForgotten(SchedulerTask ts, string stimulusId, object? args)
    {
        if (ts.DependentSet.Count > 0 || ts.WhoWantsSet.Count > 0)
        {
            return false;
        }

        foreach (var dep in InPriorityOrder(ts.DependencySet))
        {
            dep.DependentSet.Remove(ts);
            dep.WaiterSet.Remove(ts);
            ReleaseIfUnneeded(dep);
        }

        tasks.Remove(ts.Key);
        return true;
    }

    /// <summary>After a task leaves a state with a result or a run: recompute it if needed, else let go of its inputs.</summary>
    private void PropagateReleased(SchedulerTask ts)
    {
        if (ts.IsNeeded)
        {
            // It goes straight back to waiting, so its inputs stay pinned for it.
            Recommend(ts, Waiting);
            return;
        }

        ReleaseDependencies(ts);
        if (ts.DependentSet.Count == 0)
        {
            Recommend(ts, Forgotten);
        }
    }

    private void ReleaseDependencies(SchedulerTask ts)
    {
        foreach (var dep in InPriorityOrder(ts.DependencySet))
        {
            if (dep.WaiterSet.Remove(ts))
            {
                ReleaseIfUnneeded(dep);
            }
        }
    }

    /// <summary>
    /// Recommends letting go of a task nothing needs: its data, its run, or the task itself. An erred
    /// task stays while dependents remain, since they name it as the blame for their error.
    /// </summary>
    private void ReleaseIfUnneeded(SchedulerTask ts)
    {
        if (ts.IsNeeded || (ts.State == Erred && ts.DependentSet.Count > 0))
        {
            return;
        }

        if (ts.State != Released)
        {
            Recommend(ts, Released);
        }
        else if (ts.DependentSet.Count == 0)
        {
            Recommend(ts, Forgotten);
        }
    }

    private void PropagateErred(SchedulerTask ts, string stimulusId)
    {
        ReleaseDependencies(ts);
        foreach (var dependent in InPriorityOrder(ts.DependentSet))
        {
            if (dependent.State is Waiting or Queued or NoWorker or Processing || (dependent.State == Released && dependent.IsNeeded))
            {
                InheritError(dependent, ts);
                Recommend(dependent, Erred);
            }
        }

        foreach (var client in ts.WhoWantsSet.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            NotifyErred(client, ts, stimulusId);
        }
    }

    private static void InheritError(SchedulerTask ts, SchedulerTask erredDependency)
    {
        ts.ExceptionBlame = erredDependency.ExceptionBlame ?? erredDependency;
        ts.Exception = erredDependency.Exception;
        ts.Traceback = erredDependency.Traceback;
        ts.KilledWorker = erredDependency.KilledWorker;
    }

    private void NotifyErred(SchedulerClient client, SchedulerTask ts, string stimulusId)
    {
        var blame = ts.ExceptionBlame ?? ts;
        Emit(ts.KilledWorker
            ? new TaskKilledWorker(client.Id, ts.Key, blame.Key, [.. blame.KilledOnList], stimulusId)
            : new KeyErred(client.Id, ts.Key, blame.Key, ts.Exception ?? "", ts.Traceback ?? "", stimulusId));
    }

    private sealed record FinishedArgs(SchedulerWorker Worker, long NBytes, double StartTime, double StopTime);

    private sealed record ErredArgs(string Exception, string Traceback);
}
