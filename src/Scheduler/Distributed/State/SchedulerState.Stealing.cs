using MiniDask.Graph;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Work stealing: on each <see cref="Tick"/>, workers with nothing to do ask saturated workers
/// (more processing tasks than threads) for tasks that have not started. Deterministic: thieves in
/// address order, victims most saturated first, and from each victim the task it would run last.
/// </summary>
public sealed partial class SchedulerState
{
    private readonly Dictionary<Key, InFlightSteal> steals = [];

    /// <summary>The steals asked for and not yet answered, by key: the victim and the worker that will get the task.</summary>
    public IReadOnlyDictionary<Key, (string Victim, string Thief)> StealsInFlight =>
        steals.ToDictionary(kv => kv.Key, kv => (kv.Value.Victim.Address, kv.Value.Thief.Address));

    private void BalanceWork(string stimulusId)
    {
        if (!Options.WorkStealing)
        {
            return;
        }

        var thieves = InAddressOrder(workers.Values)
            .Where(ws => ws.TakesWork && ws.ProcessingMap.Count == 0 && !steals.Values.Any(st => st.Thief == ws))
            .ToList();
        if (thieves.Count == 0)
        {
            return;
        }

        var victims = workers.Values
            .Select(ws => new Victim(ws, Surplus(ws), StealCandidates(ws)))
            .Where(v => v.Surplus > 0 && v.Candidates.Count > 0)
            .OrderByDescending(v => v.Surplus)
            .ThenBy(v => v.Worker.Address, StringComparer.Ordinal)
            .ToList();
        foreach (var thief in thieves)
        {
            var capacity = thief.NThreads;
            var progress = true;
            while (capacity > 0 && progress)
            {
                progress = false;
                foreach (var victim in victims.Where(v => v.Surplus > 0))
                {
                    var ts = victim.Candidates.FirstOrDefault(t => WorthMoving(t, thief));
                    if (ts is null || capacity == 0)
                    {
                        continue;
                    }

                    victim.Candidates.Remove(ts);
                    victim.Surplus--;
                    capacity--;
                    progress = true;
                    steals[ts.Key] = new InFlightSteal(ts, victim.Worker, thief);
                    Emit(new StealRequest(victim.Worker.Address, ts.Key, stimulusId));
                }
            }
        }
    }

    private void HandleStealResponse(StealResponse s, string stimulusId)
    {
        if (!steals.TryGetValue(s.Key, out var steal) || steal.Victim.Address != s.Worker)
        {
            return;
        }

        steals.Remove(s.Key);
        var ts = steal.Task;
        if (!s.Accepted || ts.State != SchedulerTaskState.Processing || ts.ProcessingOn != steal.Victim)
        {
            return;
        }

        if (!IsAlive(steal.Thief))
        {
            // The victim already dropped it; with the thief gone, it is placed afresh.
            Recommend(ts, SchedulerTaskState.Released);
            return;
        }

        DetachProcessing(ts, stimulusId, cancel: false);
        AssignProcessing(ts, steal.Thief, stimulusId);
        Log(ts, SchedulerTaskState.Processing, SchedulerTaskState.Processing, stimulusId, steal.Thief);
    }

    /// <summary>How many of a worker's tasks wait beyond what its threads run; on a paused worker, every one not already running.</summary>
    private int Surplus(SchedulerWorker ws) =>
        BusySlots(ws) - (!ws.TakesWork ? ws.ExecutingSet.Count - ws.LongRunningSet.Count : ws.NThreads) - steals.Values.Count(st => st.Victim == ws);

    /// <summary>The victim's tasks that have surely not started: those it would run last, never those it reports executing.</summary>
    private List<SchedulerTask> StealCandidates(SchedulerWorker ws) =>
        [.. ws.ProcessingMap.Keys
            .Where(ts => !ws.ExecutingSet.Contains(ts) && !steals.ContainsKey(ts.Key))
            .OrderDescending(ByPriority)];

    private bool WorthMoving(SchedulerTask ts, SchedulerWorker thief) =>
        CanRunNow(ts, thief) && MissingBytes(ts, thief) / bandwidth <= ExpectedDuration(ts.Prefix) * Options.StealTransferRatio;

    private sealed record InFlightSteal(SchedulerTask Task, SchedulerWorker Victim, SchedulerWorker Thief);

    private sealed class Victim(SchedulerWorker worker, int surplus, List<SchedulerTask> candidates)
    {
        public SchedulerWorker Worker { get; } = worker;

        public int Surplus { get; set; } = surplus;

        public List<SchedulerTask> Candidates { get; } = candidates;
    }
}
