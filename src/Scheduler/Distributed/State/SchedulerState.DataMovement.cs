using MiniDask.Graph;
using MiniDask.Protocol;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Moving results between workers (Dask's replicate, rebalance and retire_workers) and restarting
/// the cluster. Plans are pure reads of the state; the shell carries them out (workers fetch the
/// copies) and reports back through <see cref="ReplicasAdded"/>, <see cref="DropReplicas"/> and
/// <see cref="RetireWorkers"/>, so a key is freed on its old holder only once a copy exists.
/// </summary>
public sealed partial class SchedulerState
{
    /// <summary>The exception text of keys a client wanted when the cluster restarted.</summary>
    public static readonly string RestartedException =
        RemoteErrorText.Join(SchedulerServer.RestartedType, "the cluster was restarted, and every task was forgotten; compute the key again");

    /// <summary>The copies that give each of <paramref name="keys"/> <paramref name="count"/> holders (or every worker, when fewer).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    /// <exception cref="ArgumentException">A key is unknown or not in memory; the message names it.</exception>
    public IReadOnlyList<ReplicaMove> PlanReplicate(IReadOnlyList<Key> keys, int count)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var moves = new List<ReplicaMove>();
        var planned = workers.Values.ToDictionary(w => w, w => w.NBytes);
        foreach (var ts in keys.Distinct().Select(InMemory))
        {
            var targets = planned.Keys
                .Where(w => w.TakesWork && !ts.WhoHasSet.Contains(w))
                .OrderBy(w => planned[w]).ThenBy(w => w.Address, StringComparer.Ordinal)
                .Take(Math.Max(0, count - ts.WhoHasSet.Count));
            foreach (var target in targets)
            {
                planned[target] += ts.NBytes;
                moves.Add(new ReplicaMove(ts.Key, Holders(ts), target.Address, ts.NBytes));
            }
        }

        return moves;
    }

    /// <summary>
    /// The moves that bring every running worker's held bytes towards the mean (Dask's rebalance):
    /// from workers above it, largest results first, to the worker furthest below it, each move only
    /// while it leaves the receiver at most at the mean. Keys that a task processing on the sender
    /// reads stay. With <paramref name="keys"/>, only those keys move.
    /// </summary>
    public IReadOnlyList<ReplicaMove> PlanRebalance(IReadOnlyCollection<Key>? keys = null)
    {
        var running = workers.Values.Where(w => w.TakesWork).ToList();
        if (running.Count < 2)
        {
            return [];
        }

        var planned = running.ToDictionary(w => w, w => w.NBytes);
        var mean = planned.Values.Sum() / (double)running.Count;
        var moves = new List<ReplicaMove>();
        foreach (var sender in InAddressOrder(running).OrderByDescending(w => planned[w]).ToList())
        {
            var movable = sender.HasWhatSet
                .Where(ts => ts.State == SchedulerTaskState.Memory && (keys is null || keys.Contains(ts.Key))
                    && !ts.WaiterSet.Any(d => d.ProcessingOn == sender))
                .OrderByDescending(ts => ts.NBytes).ThenBy(ts => ts.Key);
            foreach (var ts in movable)
            {
                if (planned[sender] - ts.NBytes < mean)
                {
                    continue;
                }

                var target = running.Where(w => w != sender && !ts.WhoHasSet.Contains(w) && planned[w] + ts.NBytes <= mean)
                    .OrderBy(w => planned[w]).ThenBy(w => w.Address, StringComparer.Ordinal).FirstOrDefault();
                if (target is null)
                {
                    continue;
                }

                planned[sender] -= ts.NBytes;
                planned[target] += ts.NBytes;
                moves.Add(new ReplicaMove(ts.Key, [sender.Address], target.Address, ts.NBytes, DropFrom: sender.Address));
            }
        }

        return moves;
    }

    /// <summary>
    /// The copies that save every result held only by <paramref name="retiring"/> workers: each goes
    /// to the worker that will hold the least, among those that stay and take work.
    /// </summary>
    /// <exception cref="ArgumentException">A worker is unknown, or results would be lost because no worker stays.</exception>
    public IReadOnlyList<ReplicaMove> PlanRetire(IReadOnlyCollection<string> retiring)
    {
        ArgumentNullException.ThrowIfNull(retiring);
        foreach (var address in retiring.Where(a => !workers.ContainsKey(a)))
        {
            throw new ArgumentException($"No worker {address} to retire; the workers are {string.Join(", ", workers.Keys.Order(StringComparer.Ordinal))}.", nameof(retiring));
        }

        var staying = workers.Values.Where(w => !retiring.Contains(w.Address) && w.TakesWork).ToDictionary(w => w, w => w.NBytes);
        var unique = retiring.Select(a => workers[a]).SelectMany(w => w.HasWhatSet)
            .Where(ts => ts.State == SchedulerTaskState.Memory && ts.WhoHasSet.All(h => retiring.Contains(h.Address)))
            .Distinct().OrderByDescending(ts => ts.NBytes).ThenBy(ts => ts.Key).ToList();
        if (unique.Count > 0 && staying.Count == 0)
        {
            throw new ArgumentException(
                $"Retiring {string.Join(", ", retiring)} would lose {unique.Count} result(s) such as {unique[0].Key}: no other worker stays to take them.", nameof(retiring));
        }

        var moves = new List<ReplicaMove>();
        foreach (var ts in unique)
        {
            var target = staying.Keys.OrderBy(w => staying[w]).ThenBy(w => w.Address, StringComparer.Ordinal).First();
            staying[target] += ts.NBytes;
            moves.Add(new ReplicaMove(ts.Key, Holders(ts), target.Address, ts.NBytes));
        }

        return moves;
    }

    private SchedulerTask InMemory(Key key) =>
        tasks.TryGetValue(key, out var ts) && ts.State == SchedulerTaskState.Memory
            ? ts
            : throw new ArgumentException($"Key {key} is {StateOf(key)} on the scheduler, not in memory on a worker, so it cannot be copied.", nameof(key));

    private static List<string> Holders(SchedulerTask ts) => [.. InAddressOrder(ts.WhoHasSet).Select(w => w.Address)];

    /// <summary>Tells every client that wants <paramref name="ts"/> where it is held now, so their gathers go there.</summary>
    private void ReportHolders(SchedulerTask ts, string stimulusId)
    {
        foreach (var client in ts.WhoWantsSet.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            Emit(new KeyInMemory(client.Id, ts.Key, Holders(ts), ts.NBytes, stimulusId));
        }
    }

    private void HandleReplicasAdded(ReplicasAdded s, string stimulusId)
    {
        if (!workers.TryGetValue(s.Worker, out var ws))
        {
            return;
        }

        ws.LastSeen = Clock.MonotonicSeconds;
        var refused = new List<Key>();
        for (var i = 0; i < s.Keys.Count; i++)
        {
            if (tasks.TryGetValue(s.Keys[i], out var ts) && ts.State == SchedulerTaskState.Memory && !ws.Retiring)
            {
                if (!ts.WhoHasSet.Contains(ws))
                {
                    AddReplica(ts, ws);
                    ReportHolders(ts, stimulusId);
                }
            }
            else
            {
                refused.Add(s.Keys[i]);
            }
        }

        if (refused.Count > 0)
        {
            Emit(new FreeKeys(ws.Address, refused, stimulusId));
        }
    }

    private void HandleDropReplicas(DropReplicas s, string stimulusId)
    {
        if (!workers.TryGetValue(s.Worker, out var ws))
        {
            return;
        }

        var dropped = new List<Key>();
        foreach (var key in s.Keys)
        {
            if (tasks.TryGetValue(key, out var ts) && ts.WhoHasSet.Contains(ws) && ts.WhoHasSet.Count > 1
                && !ts.WaiterSet.Any(d => d.ProcessingOn == ws))
            {
                RemoveReplica(ts, ws);
                ReportHolders(ts, stimulusId);
                dropped.Add(key);
            }
        }

        if (dropped.Count > 0)
        {
            Emit(new FreeKeys(ws.Address, dropped, stimulusId));
        }
    }

    private void HandleRetiring(IReadOnlyList<string> addresses, bool retiring)
    {
        foreach (var address in addresses)
        {
            if (workers.TryGetValue(address, out var ws))
            {
                ws.Retiring = retiring;
            }
        }

        if (!retiring)
        {
            PlaceUnrunnable();
        }
    }

    private void HandleRetireWorkers(RetireWorkers s, string stimulusId)
    {
        foreach (var address in s.Workers.Order(StringComparer.Ordinal))
        {
            if (workers.TryGetValue(address, out var ws))
            {
                Emit(new RetireWorkerInstruction(address, "retired; its results moved to other workers", stimulusId));
                RemoveWorkerCore(ws, lost: false);
            }
        }
    }

    private void HandleRestartCluster(string stimulusId)
    {
        foreach (var client in clients.Values.OrderBy(c => c.Id, StringComparer.Ordinal).ToList())
        {
            foreach (var ts in InPriorityOrder(client.WantsWhatSet))
            {
                Emit(new KeyErred(client.Id, ts.Key, ts.Key, RestartedException, "", stimulusId));
            }

            HandleClientDisconnected(new ClientDisconnected(client.Id), stimulusId);
        }

        foreach (var ws in InAddressOrder(workers.Values).ToList())
        {
            Emit(new RestartWorkerInstruction(ws.Address, stimulusId));
            RemoveWorkerCore(ws, lost: false);
        }
    }
}
