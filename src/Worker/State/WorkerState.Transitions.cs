using static MiniDask.Worker.WorkerTaskState;

namespace MiniDask.Worker;

/// <summary>The transition table and its named handlers.</summary>
public sealed partial class WorkerState
{
    private readonly SortedSet<WorkerTask> ready = new(ByPriority);
    private readonly HashSet<WorkerTask> busy = [];
    private readonly List<WorkerTask> releaseChecks = [];

    /// <summary>The <c>(from, to)</c> pairs with a handler; any other change goes through <see cref="WorkerTaskState.Released"/>.</summary>
    public IReadOnlyCollection<(WorkerTaskState From, WorkerTaskState To)> KnownTransitions => transitionTable.Keys;

    private Dictionary<(WorkerTaskState, WorkerTaskState), TransitionHandler> BuildTransitionTable() => new()
    {
        [(Released, Waiting)] = TransitionReleasedWaiting,
        [(Released, Fetch)] = TransitionReleasedFetch,
        [(Released, Missing)] = TransitionReleasedMissing,
        [(Released, Forgotten)] = TransitionReleasedForgotten,
        [(Released, Memory)] = TransitionReleasedMemory,
        [(Waiting, Ready)] = TransitionWaitingReady,
        [(Waiting, Released)] = TransitionToReleased,
        [(Ready, Executing)] = TransitionReadyExecuting,
        [(Ready, Released)] = TransitionToReleased,
        [(Executing, Memory)] = TransitionExecutingMemory,
        [(Executing, Error)] = TransitionExecutingError,
        [(Executing, Cancelled)] = TransitionToCancelled,
        [(Fetch, Flight)] = TransitionFetchFlight,
        [(Fetch, Missing)] = TransitionFetchMissing,
        [(Fetch, Released)] = TransitionToReleased,
        [(Missing, Fetch)] = TransitionMissingFetch,
        [(Missing, Released)] = TransitionToReleased,
        [(Flight, Memory)] = TransitionFlightMemory,
        [(Flight, Fetch)] = TransitionFlightFetch,
        [(Flight, Missing)] = TransitionFlightMissing,
        [(Flight, Cancelled)] = TransitionToCancelled,
        [(Flight, Released)] = TransitionToReleased,
        [(Cancelled, Executing)] = TransitionCancelledExecuting,
        [(Cancelled, Flight)] = TransitionCancelledFlight,
        [(Cancelled, Released)] = TransitionToReleased,
        [(Memory, Released)] = TransitionToReleased,
        [(Error, Released)] = TransitionToReleased,
    };

    /// <summary>
    /// Moves <paramref name="ts"/> to <paramref name="finish"/> through its handler, or through
    /// <c>released</c> when there is no direct one. A handler may decline; only applied changes are logged.
    /// </summary>
    private void Transition(WorkerTask ts, WorkerTaskState finish, string stimulusId, object? args = null)
    {
        var start = ts.State;
        if (start == finish)
        {
            return;
        }

        if (transitionTable.TryGetValue((start, finish), out var handler))
        {
            if (handler(ts, stimulusId, args))
            {
                ts.State = finish;
                Log(ts, start, finish, stimulusId);
                FlushReleaseChecks();
            }

            return;
        }

        if (start != Released && finish != Released
            && transitionTable.ContainsKey((start, Released)) && transitionTable.ContainsKey((Released, finish)))
        {
            Transition(ts, Released, stimulusId);
            if (ts.State == Released)
            {
                // The first leg may recommend this key onwards; the caller's target wins.
                recommendations.Remove(ts.Key);
                Transition(ts, finish, stimulusId, args);
            }

            return;
        }

        throw new InvalidOperationException($"Task {ts.Key} on worker {Address} has no transition from {start} to {finish}.");
    }

    private bool TransitionReleasedWaiting(WorkerTask ts, string stimulusId, object? args)
    {
        if (ts.Run is null)
        {
            return false;
        }

        ts.WaitingForDataSet.Clear();
        foreach (var dep in InPriorityOrder(ts.DependencySet))
        {
            if (dep.State == Memory)
            {
                continue;
            }

            ts.WaitingForDataSet.Add(dep);
            if (dep.State == Released)
            {
                Recommend(dep, dep.WhoHasSet.Count > 0 ? Fetch : Missing);
            }
        }

        if (ts.WaitingForDataSet.Count == 0)
        {
            Recommend(ts, Ready);
        }

        return true;
    }

    private bool TransitionWaitingReady(WorkerTask ts, string stimulusId, object? args)
    {
        if (ts.WaitingForDataSet.Count > 0)
        {
            return false;
        }

        ready.Add(ts);
        return true;
    }

    private bool TransitionReadyExecuting(WorkerTask ts, string stimulusId, object? args)
    {
        ready.Remove(ts);
        busy.Add(ts);
        Emit(new Execute(ts.Key, ts.Run!, stimulusId)
        {
            Inputs = [.. ts.Dependencies.Select(d => d.Key)],
            InputBytes = ts.Dependencies.Sum(d => d.NBytes),
        });
        return true;
    }

    private bool TransitionExecutingMemory(WorkerTask ts, string stimulusId, object? args)
    {
        var done = (ExecuteSuccessEvent)args!;
        busy.Remove(ts);
        ts.NBytes = done.NBytes;
        ts.StartTime = done.StartTime;
        ts.StopTime = done.StopTime;
        Emit(new SendTaskFinished(ts.Key, ts.NBytes, ts.StartTime, ts.StopTime, stimulusId));
        ArrivedInMemory(ts);
        return true;
    }

    private bool TransitionExecutingError(WorkerTask ts, string stimulusId, object? args)
    {
        var failed = (ExecuteFailureEvent)args!;
        busy.Remove(ts);
        ts.Exception = failed.Exception;
        ts.Traceback = failed.Traceback;
        ts.StartTime = failed.StartTime;
        ts.StopTime = failed.StopTime;
        Emit(new SendTaskErred(ts.Key, failed.Exception, failed.Traceback, stimulusId));
        ReleaseDependencies(ts);
        return true;
    }

    /// <summary>executing or flight to cancelled: the thread or transfer carries on; its result will be dropped.</summary>
    private bool TransitionToCancelled(WorkerTask ts, string stimulusId, object? args)
    {
        ts.CancelledFrom = ts.State;
        return true;
    }

    /// <summary>cancelled back to executing: the key is wanted again while its thread still runs it.</summary>
    private bool TransitionCancelledExecuting(WorkerTask ts, string stimulusId, object? args) => Resume(ts, Executing);

    /// <summary>cancelled back to flight: the key is wanted again while its transfer is still under way.</summary>
    private bool TransitionCancelledFlight(WorkerTask ts, string stimulusId, object? args) => Resume(ts, Flight);

    private static bool Resume(WorkerTask ts, WorkerTaskState cancelledFrom)
    {
        if (ts.CancelledFrom != cancelledFrom)
        {
            return false;
        }

        ts.CancelledFrom = null;
        return true;
    }

    private bool TransitionReleasedFetch(WorkerTask ts, string stimulusId, object? args) => EnterFetch(ts);

    private bool TransitionMissingFetch(WorkerTask ts, string stimulusId, object? args) => EnterFetch(ts);

    private bool TransitionFlightFetch(WorkerTask ts, string stimulusId, object? args)
    {
        ts.ComingFrom = null;
        return EnterFetch(ts);
    }

    private bool EnterFetch(WorkerTask ts)
    {
        if (ts.WhoHasSet.Count == 0)
        {
            Recommend(ts, Missing);
            return false;
        }

        fetchQueue.Add(ts);
        return true;
    }

    private bool TransitionReleasedMissing(WorkerTask ts, string stimulusId, object? args) => true;

    private bool TransitionFetchMissing(WorkerTask ts, string stimulusId, object? args)
    {
        fetchQueue.Remove(ts);
        return true;
    }

    private bool TransitionFlightMissing(WorkerTask ts, string stimulusId, object? args)
    {
        ts.ComingFrom = null;
        return true;
    }

    private bool TransitionFetchFlight(WorkerTask ts, string stimulusId, object? args)
    {
        fetchQueue.Remove(ts);
        ts.ComingFrom = (string)args!;
        return true;
    }

    private bool TransitionFlightMemory(WorkerTask ts, string stimulusId, object? args)
    {
        ts.NBytes = (long)args!;
        ts.ComingFrom = null;
        if (ts.PendingCompute is not null)
        {
            // The scheduler asked for this key while it was on its way: the transfer computed it for us.
            ts.PendingCompute = null;
            Emit(new SendTaskFinished(ts.Key, ts.NBytes, 0, 0, stimulusId));
        }

        ArrivedInMemory(ts);
        return true;
    }

    /// <summary>Any state to released: leave the queues, drop a held value, let go of inputs nothing else needs.</summary>
    private bool TransitionToReleased(WorkerTask ts, string stimulusId, object? args)
    {
        ready.Remove(ts);
        fetchQueue.Remove(ts);
        busy.Remove(ts);
        ts.WaitingForDataSet.Clear();
        ts.ComingFrom = null;
        ts.CancelledFrom = null;
        ts.Seceded = false;
        ts.Exception = null;
        ts.Traceback = null;
        if (ts.State == Memory)
        {
            Emit(new ReleaseData(ts.Key, stimulusId));
        }

        ReleaseDependencies(ts);
        if (!ts.Assigned && ts.PendingCompute is null && ts.DependentSet.Any(d => d.State == Waiting))
        {
            // A local task still waits for this key (its own run was cancelled): get it from a peer instead.
            Recommend(ts, ts.WhoHasSet.Count > 0 ? Fetch : Missing);
        }
        else if (!ts.IsNeeded && ts.DependentSet.Count == 0)
        {
            Recommend(ts, Forgotten);
        }

        return true;
    }

    private bool TransitionReleasedForgotten(WorkerTask ts, string stimulusId, object? args)
    {
        if (ts.IsNeeded || ts.DependentSet.Count > 0)
        {
            return false;
        }

        foreach (var dep in InPriorityOrder(ts.DependencySet))
        {
            dep.DependentSet.Remove(ts);
            releaseChecks.Add(dep);
        }

        tasks.Remove(ts.Key);
        return true;
    }

    /// <summary>A result reached local memory: wake the dependents waiting for it, let go of inputs nothing needs.</summary>
    private void ArrivedInMemory(WorkerTask ts)
    {
        foreach (var dependent in InPriorityOrder(ts.DependentSet))
        {
            if (dependent.WaitingForDataSet.Remove(ts) && dependent.State == Waiting && dependent.WaitingForDataSet.Count == 0)
            {
                Recommend(dependent, Ready);
            }
        }

        ReleaseDependencies(ts);
        releaseChecks.Add(ts);
    }

    /// <summary>Queues the inputs of <paramref name="ts"/> for a release check once its transition is applied.</summary>
    private void ReleaseDependencies(WorkerTask ts) => releaseChecks.AddRange(InPriorityOrder(ts.DependencySet));

    /// <summary>
    /// Runs the release checks a handler queued. They wait until the transition is applied, because
    /// whether an input is still needed depends on the new state of the task that read it.
    /// </summary>
    private void FlushReleaseChecks()
    {
        var checks = releaseChecks.ToList();
        releaseChecks.Clear();
        foreach (var ts in checks)
        {
            ReleaseIfUnneeded(ts);
        }
    }

    /// <summary>Recommends letting go of a task no local task and not the scheduler needs any more.</summary>
    private void ReleaseIfUnneeded(WorkerTask ts)
    {
        if (ts.IsNeeded)
        {
            return;
        }

        switch (ts.State)
        {
            case Executing or Flight:
                Recommend(ts, Cancelled);
                break;
            case Cancelled:
                break;
            case Released:
                if (ts.DependentSet.Count == 0)
                {
                    Recommend(ts, Forgotten);
                }

                break;
            default:
                Recommend(ts, Released);
                break;
        }
    }
}
