using MiniDask.Graph;

namespace MiniDask.Scheduler.Distributed;

/// <summary>Placement: duration estimates, bandwidth, and the choice of a worker for a ready task.</summary>
public sealed partial class SchedulerState
{
    /// <summary>Families are the dependents of a root with at most this many dependencies; larger ones gather from everywhere anyway.</summary>
    private const int MaxFamilySize = 64;

    /// <summary>A root with more dependents than this belongs to no family: it feeds too many tasks for one of them to say where it goes.</summary>
    private const int MaxFamiliesPerRoot = 4;

    /// <summary>How many queued roots the search for a family no worker has started looks at before taking the next in priority order.</summary>
    private const int FamilySearchLimit = 64;

    private readonly Dictionary<string, double> durations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> resultBytes = new(StringComparer.Ordinal);
    private double bandwidth;

    /// <summary>The network bandwidth used for transfer estimates, in bytes per second: measured by workers, or the default.</summary>
    public double Bandwidth => bandwidth;

    /// <summary>Whether root tasks are held at the scheduler under worker saturation.</summary>
    public bool QueuingEnabled => !double.IsPositiveInfinity(Options.WorkerSaturation);

    /// <summary>
    /// The expected duration of a task of op <paramref name="prefix"/>, in seconds: a running average
    /// of the durations observed so far, or <see cref="SchedulerOptions.DefaultTaskDuration"/>.
    /// </summary>
    public double ExpectedDuration(string prefix) =>
        durations.TryGetValue(prefix, out var seconds) ? seconds : Options.DefaultTaskDuration;

    /// <summary>How many tasks a worker may process before no more root tasks are released to it: <c>ceil(saturation × nthreads)</c>.</summary>
    public int RootSlots(SchedulerWorker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        if (!QueuingEnabled)
        {
            return int.MaxValue;
        }

        // The small slack keeps 1.1 × 10 = 11.000000000000002 from rounding up to 12.
        return Math.Max(1, (int)Math.Ceiling(worker.NThreads * Options.WorkerSaturation - 1e-9));
    }

    /// <summary>
    /// Whether <paramref name="worker"/> may receive <paramref name="task"/>, a queued root task: it processes
    /// fewer than <see cref="RootSlots"/> tasks, or the work it holds is expected to last under
    /// <see cref="SchedulerOptions.MinRootBacklogSeconds"/> per thread (short tasks, measured) and the
    /// results of the tasks past the count stay under <see cref="SchedulerOptions.MaxRootBacklogBytes"/>.
    /// </summary>
    public bool HasRootSlot(SchedulerWorker worker, SchedulerTask task)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(task);
        var count = BusySlots(worker);
        var slots = RootSlots(worker);
        if (count < slots)
        {
            return true;
        }

        if (count >= worker.NThreads * Options.MaxRootBacklogPerThread || !(worker.Occupancy / worker.NThreads < Options.MinRootBacklogSeconds))
        {
            return false;
        }

        return resultBytes.TryGetValue(task.Prefix, out var bytes) && (count + 1 - slots) * bytes <= Options.MaxRootBacklogBytes;
    }

    /// <summary>
    /// When <paramref name="task"/> could start on <paramref name="worker"/>, in seconds from now: the
    /// worker's occupancy per thread plus the time to transfer the dependencies it does not hold.
    /// </summary>
    public double EstimatedStartTime(SchedulerTask task, SchedulerWorker worker)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(worker);
        return worker.Occupancy / worker.NThreads + MissingBytes(task, worker) / bandwidth;
    }

    private static long MissingBytes(SchedulerTask ts, SchedulerWorker ws)
    {
        long bytes = 0;
        foreach (var dep in ts.DependencySet)
        {
            if (!dep.WhoHasSet.Contains(ws))
            {
                bytes += dep.NBytes;
            }
        }

        return bytes;
    }

    /// <summary>The worker for a ready task, or null after recommending where it waits instead (queued or no-worker).</summary>
    private SchedulerWorker? PlaceReadyTask(SchedulerTask ts)
    {
        // Restricted tasks skip the root queue, whose workers are chosen without looking at the task.
        if (QueuingEnabled && ts.IsRoot && !ts.IsRestricted)
        {
            var root = DecideRootWorker(ts);
            if (root is null)
            {
                Recommend(ts, workers.Values.All(w => !w.TakesWork) ? SchedulerTaskState.NoWorker : SchedulerTaskState.Queued);
            }

            return root;
        }

        var ws = DecideWorker(ts);
        if (ws is null)
        {
            Recommend(ts, SchedulerTaskState.NoWorker);
        }

        return ws;
    }

    /// <summary>
    /// The running (not paused) worker where <paramref name="ts"/> would start soonest; ties go to the one
    /// holding less data, then by address. As Dask's <c>decide_worker</c>, a task with dependencies looks
    /// only at the workers holding some of them, and at every worker only when none of those can take it.
    /// </summary>
    private SchedulerWorker? DecideWorker(SchedulerTask ts) =>
        (ts.DependencySet.Count > 0 ? SoonestStart(ts, holdersOnly: true) : null) ?? SoonestStart(ts, holdersOnly: false);

    private SchedulerWorker? SoonestStart(SchedulerTask ts, bool holdersOnly)
    {
        SchedulerWorker? best = null;
        var bestStart = double.PositiveInfinity;
        foreach (var ws in workers.Values)
        {
            if (!ws.TakesWork || !CanRunNow(ts, ws) || (holdersOnly && !HoldsAnyDependency(ws, ts)))
            {
                continue;
            }

            var start = EstimatedStartTime(ts, ws);
            if (best is null || start < bestStart
                || (start == bestStart && (ws.NBytes < best.NBytes || (ws.NBytes == best.NBytes && string.CompareOrdinal(ws.Address, best.Address) < 0))))
            {
                best = ws;
                bestStart = start;
            }
        }

        return best;
    }

    private static bool HoldsAnyDependency(SchedulerWorker ws, SchedulerTask ts)
    {
        foreach (var dep in ts.DependencySet)
        {
            if (dep.WhoHasSet.Contains(ws))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The running worker with a root slot for <paramref name="task"/> that got a root of the task's family
    /// last, else the least busy one with a slot; null when every worker is saturated or paused.
    /// </summary>
    private SchedulerWorker? DecideRootWorker(SchedulerTask task)
    {
        SchedulerWorker? best = null;
        foreach (var ws in workers.Values)
        {
            if (!ws.TakesWork || !HasRootSlot(ws, task))
            {
                continue;
            }

            // A worker that got the task's sibling last takes the task too, to keep its family together.
            if (ws.LastRoot is { } last && SameFamily(task, last))
            {
                return ws;
            }

            if (best is null || CompareRootLoad(ws, best) < 0)
            {
                best = ws;
            }
        }

        return best;
    }

    /// <summary>Whether roots <paramref name="a"/> and <paramref name="b"/> feed one small task.</summary>
    private static bool SameFamily(SchedulerTask a, SchedulerTask b)
    {
        if (a == b)
        {
            return false;
        }

        foreach (var family in Families(a))
        {
            if (family.DependencySet.Contains(b))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The families of <paramref name="root"/>: its dependents with at most <see cref="MaxFamilySize"/>
    /// dependencies, or none when it has more than <see cref="MaxFamiliesPerRoot"/> dependents.
    /// </summary>
    private static IEnumerable<SchedulerTask> Families(SchedulerTask root)
    {
        if (root.DependentSet.Count > MaxFamiliesPerRoot)
        {
            yield break;
        }

        foreach (var dependent in root.DependentSet)
        {
            if (dependent.DependencySet.Count <= MaxFamilySize)
            {
                yield return dependent;
            }
        }
    }

    private static int CompareRootLoad(SchedulerWorker a, SchedulerWorker b)
    {
        var c = ((double)BusySlots(a) / a.NThreads).CompareTo((double)BusySlots(b) / b.NThreads);
        if (c == 0)
        {
            c = (a.Occupancy / a.NThreads).CompareTo(b.Occupancy / b.NThreads);
        }

        return c != 0 ? c : string.CompareOrdinal(a.Address, b.Address);
    }

    /// <summary>
    /// The queued root that <paramref name="ws"/>, which has a root slot, runs next. Roots that feed the
    /// same small task (a family, such as the blocks one step of a tree reduction combines) go to one
    /// worker, as Dask's root-task co-assignment did: first the rest of the family of the last root the
    /// worker got, then the first queued root whose family no other worker has started. The step that
    /// combines a family then finds its inputs in place instead of fetching them from peers, and its
    /// inputs are released a transfer sooner. Between families, priority order holds.
    /// </summary>
    private SchedulerTask NextRootFor(SchedulerWorker ws)
    {
        if (ws.LastRoot is { } last && QueuedSibling(last) is { } sibling)
        {
            return sibling;
        }

        var looked = 0;
        foreach (var ts in queued)
        {
            if (!FamilyStartedElsewhere(ts, ws) || ++looked >= FamilySearchLimit)
            {
                return ts;
            }
        }

        return queued.Min!;
    }

    /// <summary>The first queued root of a family of <paramref name="root"/>, or null when none is left.</summary>
    private static SchedulerTask? QueuedSibling(SchedulerTask root)
    {
        SchedulerTask? best = null;
        foreach (var family in Families(root))
        {
            foreach (var sibling in family.DependencySet)
            {
                if (sibling.State == SchedulerTaskState.Queued && (best is null || ByPriority.Compare(sibling, best) < 0))
                {
                    best = sibling;
                }
            }
        }

        return best;
    }

    /// <summary>Whether a family of <paramref name="root"/> has a member running or held on a worker other than <paramref name="ws"/>.</summary>
    private static bool FamilyStartedElsewhere(SchedulerTask root, SchedulerWorker ws)
    {
        foreach (var family in Families(root))
        {
            foreach (var sibling in family.DependencySet)
            {
                if ((sibling.ProcessingOn is { } on && on != ws) || (sibling.State == SchedulerTaskState.Memory && !sibling.WhoHasSet.Contains(ws)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void AssignProcessing(SchedulerTask ts, SchedulerWorker ws, string stimulusId)
    {
        if (ts.IsRoot)
        {
            ws.LastRoot = ts;
        }

        var cost = ExpectedDuration(ts.Prefix);
        ws.ProcessingMap[ts] = cost;
        ws.Occupancy += cost;
        ts.ProcessingOn = ws;
        ts.RunCount++;
        HoldResources(ts, ws, +1);
        var whoHas = new Dictionary<Key, IReadOnlyList<string>>(ts.DependencySet.Count);
        var nbytes = new Dictionary<Key, long>(ts.DependencySet.Count);
        foreach (var dep in InPriorityOrder(ts.DependencySet))
        {
            whoHas[dep.Key] = [.. InAddressOrder(dep.WhoHasSet).Select(w => w.Address)];
            nbytes[dep.Key] = dep.NBytes;
        }

        Emit(new ComputeTask(ws.Address, ts.Key, ts.Prefix, ts.Run, ts.Priority, whoHas, nbytes, stimulusId));
    }

    /// <summary>Takes a task off its worker's processing list; with <paramref name="cancel"/>, tells a live worker to drop it.</summary>
    private void DetachProcessing(SchedulerTask ts, string stimulusId, bool cancel)
    {
        var ws = ts.ProcessingOn;
        if (ws is null)
        {
            return;
        }

        if (ws.ProcessingMap.Remove(ts, out var cost))
        {
            // Summing and subtracting floats drifts; an empty worker is exactly idle.
            ws.Occupancy = ws.ProcessingMap.Count == 0 ? 0 : Math.Max(0, ws.Occupancy - cost);
        }

        ws.ExecutingSet.Remove(ts);
        ws.LongRunningSet.Remove(ts);
        ts.ProcessingOn = null;
        if (ts.Resources is not null)
        {
            HoldResources(ts, ws, -1);

            // Freed resources may let a task that waits for them run.
            PlaceUnrunnable();
        }

        steals.Remove(ts.Key);
        if (cancel && IsAlive(ws))
        {
            Emit(new FreeKeys(ws.Address, [ts.Key], stimulusId));
        }
    }

    private void RecordDuration(string prefix, double seconds, long nbytes)
    {
        // A zero duration is no measurement: the result came from elsewhere (a transfer), not from a run.
        if (!double.IsFinite(seconds) || seconds <= 0)
        {
            return;
        }

        durations[prefix] = durations.TryGetValue(prefix, out var old) ? 0.5 * old + 0.5 * seconds : seconds;

        // Result sizes are read only by the root backlog; without one, nothing is kept per finished task.
        if (Options.MinRootBacklogSeconds <= 0)
        {
            return;
        }

        var size = Math.Max(0, nbytes);
        resultBytes[prefix] = resultBytes.TryGetValue(prefix, out var oldSize) ? 0.5 * oldSize + 0.5 * size : size;
    }

    private void RecordBandwidth(double measured)
    {
        if (double.IsFinite(measured) && measured > 0)
        {
            bandwidth = 0.5 * bandwidth + 0.5 * measured;
        }
    }

    private static void AddReplica(SchedulerTask ts, SchedulerWorker ws)
    {
        if (ts.WhoHasSet.Add(ws))
        {
            ws.HasWhatSet.Add(ts);
            ws.NBytes += ts.NBytes;
        }
    }

    private static void RemoveReplica(SchedulerTask ts, SchedulerWorker ws)
    {
        if (ts.WhoHasSet.Remove(ws))
        {
            ws.HasWhatSet.Remove(ts);
            ws.NBytes -= ts.NBytes;
        }
    }

    private static void RemoveAllReplicas(SchedulerTask ts)
    {
        foreach (var ws in ts.WhoHasSet.ToList())
        {
            RemoveReplica(ts, ws);
        }
    }
}
