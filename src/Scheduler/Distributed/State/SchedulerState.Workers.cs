namespace MiniDask.Scheduler.Distributed;

/// <summary>Workers joining, leaving, heartbeating and timing out.</summary>
public sealed partial class SchedulerState
{
    private void HandleAddWorker(AddWorker s, string stimulusId)
    {
        if (s.NThreads < 1)
        {
            Emit(new CloseWorker(s.Address, $"a worker needs at least one thread, and {s.Address} registered with {s.NThreads}", stimulusId));
            return;
        }

        if (workers.TryGetValue(s.Address, out var known))
        {
            known.LastSeen = Clock.MonotonicSeconds;
            return;
        }

        workers.Add(s.Address, new SchedulerWorker(s.Address, s.NThreads, s.MemoryLimit, Clock.MonotonicSeconds, s.Name, s.Resources));
        PlaceUnrunnable();
    }

    /// <summary>A worker became available (joined, or resumed): what found no running worker is placed again.</summary>
    private void PlaceUnrunnable()
    {
        foreach (var ts in unrunnable.ToList())
        {
            Recommend(ts, SchedulerTaskState.Processing);
        }
    }

    private void HandleRemoveWorker(RemoveWorker s, string stimulusId)
    {
        if (workers.TryGetValue(s.Address, out var ws))
        {
            RemoveWorkerCore(ws, s.Reason == WorkerRemovalReason.Lost);
        }
    }

    private void HandleHeartbeat(Heartbeat s, string stimulusId)
    {
        if (!workers.TryGetValue(s.Worker, out var ws))
        {
            // A worker the scheduler already removed (it missed its heartbeats) must not come back with stale data.
            Emit(new CloseWorker(s.Worker, "the scheduler does not know this worker (it was removed)", stimulusId));
            return;
        }

        ws.LastSeen = Clock.MonotonicSeconds;
        ws.ReportedMemory = s.Memory;
        // Executing tasks leave the set when they leave processing; a heartbeat only adds what it reports,
        // so one sent just before a TaskStarted cannot hide that start.
        foreach (var key in s.Executing)
        {
            if (tasks.TryGetValue(key, out var ts) && ts.ProcessingOn == ws)
            {
                ws.ExecutingSet.Add(ts);
            }
        }

        if (s.Bandwidth is { } measured)
        {
            RecordBandwidth(measured);
        }

        if (ws.Paused != s.Paused)
        {
            ws.Paused = s.Paused;
            if (!ws.Paused)
            {
                // Queued roots need nothing here: they are released after every stimulus.
                PlaceUnrunnable();
            }
        }
    }

    /// <summary>Removes every worker silent for longer than the TTL, as lost, and tells the shell to close it.</summary>
    private void RemoveSilentWorkers(string stimulusId)
    {
        var now = Clock.MonotonicSeconds;
        var silent = InAddressOrder(workers.Values).Where(ws => now - ws.LastSeen > Options.WorkerTtlSeconds).ToList();
        foreach (var ws in silent)
        {
            Emit(new CloseWorker(ws.Address, $"no heartbeat for {now - ws.LastSeen:0.###}s (worker TTL {Options.WorkerTtlSeconds}s)", stimulusId));
            RemoveWorkerCore(ws, lost: true);
        }
    }

    private void HandleTaskStarted(TaskStarted s)
    {
        if (workers.TryGetValue(s.Worker, out var ws) && tasks.TryGetValue(s.Key, out var ts) && ts.ProcessingOn == ws)
        {
            ws.ExecutingSet.Add(ts);
        }
    }

    /// <summary>
    /// A seceded task stays processing on its worker (it still runs there, and its worker is not
    /// idle) but frees its slot: its expected duration leaves the worker's occupancy, as Dask's
    /// <c>handle_long_running</c> does, and it no longer counts in <see cref="BusySlots"/>.
    /// </summary>
    private void HandleTaskLongRunning(TaskLongRunning s)
    {
        if (workers.TryGetValue(s.Worker, out var ws) && tasks.TryGetValue(s.Key, out var ts) && ts.ProcessingOn == ws
            && ws.LongRunningSet.Add(ts))
        {
            ws.ExecutingSet.Add(ts);
            var cost = ws.ProcessingMap[ts];
            ws.ProcessingMap[ts] = 0;
            ws.Occupancy = Math.Max(0, ws.Occupancy - cost);
            steals.Remove(ts.Key);
        }
    }

    /// <summary>How many of <paramref name="ws"/>'s threads its processing tasks take: all but the seceded ones.</summary>
    private static int BusySlots(SchedulerWorker ws) => ws.ProcessingMap.Count - ws.LongRunningSet.Count;

    /// <summary>
    /// Forgets a worker and recommends what follows: its processing tasks are rescheduled, and results
    /// held only there are released, which recomputes the ones still needed. When it was lost, the
    /// tasks executing on it (not those merely queued there) count a suspicious death, and one past
    /// <see cref="SchedulerOptions.AllowedFailures"/> deaths fails with KilledWorker, as in Dask.
    /// </summary>
    private void RemoveWorkerCore(SchedulerWorker ws, bool lost)
    {
        // Steals towards this worker stay in flight: a victim that already dropped the task still answers,
        // and the answer then places the task afresh.
        workers.Remove(ws.Address);
        foreach (var ts in InPriorityOrder(ws.ProcessingMap.Keys).ToList())
        {
            if (lost && ws.ExecutingSet.Contains(ts))
            {
                ts.Suspicious++;
                ts.KilledOnList.Add(ws.Address);
                if (ts.Suspicious > Options.AllowedFailures)
                {
                    ts.KilledWorker = true;
                    ts.ExceptionBlame = ts;
                    ts.Exception = $"KilledWorker: attempted to run task {ts.Key} on {ts.Suspicious} different workers, " +
                        $"but all those workers died while running it; the last was {ws.Address}.";
                    ts.Traceback = "";
                    Recommend(ts, SchedulerTaskState.Erred);
                    continue;
                }
            }

            Recommend(ts, SchedulerTaskState.Released);
        }

        foreach (var ts in InPriorityOrder(ws.HasWhatSet).ToList())
        {
            RemoveReplica(ts, ws);
            if (ts.WhoHasSet.Count == 0)
            {
                Recommend(ts, SchedulerTaskState.Released);
            }
        }
    }
}
