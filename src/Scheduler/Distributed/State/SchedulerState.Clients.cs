using MiniDask.Graph;

namespace MiniDask.Scheduler.Distributed;

/// <summary>Clients: submitting graphs, wanting and releasing keys, going away.</summary>
public sealed partial class SchedulerState
{
    private int generation;

    private void HandleUpdateGraph(UpdateGraph s, string stimulusId)
    {
        if (RefusalOf(s) is { } reason)
        {
            Emit(new UpdateGraphRefused(s.Client, reason, stimulusId));
            return;
        }

        generation++;
        var created = new List<SchedulerTask>();
        foreach (var key in NewKeysReachableFromWanted(s))
        {
            var order = (uint)s.Priorities.GetValueOrDefault(key);
            var ts = new SchedulerTask(key, s.Tasks[key], ((long)generation << 32) | order);
            tasks.Add(key, ts);
            created.Add(ts);
        }

        foreach (var ts in created)
        {
            foreach (var depKey in s.Tasks[ts.Key].Dependencies)
            {
                var dep = tasks[depKey];
                ts.DependencySet.Add(dep);
                dep.DependentSet.Add(ts);
            }
        }

        if (!clients.TryGetValue(s.Client, out var client))
        {
            client = new SchedulerClient(s.Client);
            clients.Add(s.Client, client);
        }

        var wanted = s.Wanted.Select(k => tasks[k]).Distinct().ToList();
        foreach (var ts in wanted)
        {
            client.WantsWhatSet.Add(ts);
            ts.WhoWantsSet.Add(client);
        }

        foreach (var ts in InPriorityOrder(wanted))
        {
            switch (ts.State)
            {
                case SchedulerTaskState.Memory:
                    Emit(new KeyInMemory(client.Id, ts.Key, [.. InAddressOrder(ts.WhoHasSet).Select(w => w.Address)], ts.NBytes, stimulusId));
                    break;
                case SchedulerTaskState.Erred:
                    NotifyErred(client, ts, stimulusId);
                    break;
                case SchedulerTaskState.Released:
                    Recommend(ts, SchedulerTaskState.Waiting);
                    break;
            }
        }
    }

    /// <summary>Why an update cannot be applied (it references a key it neither brings nor the scheduler knows), or null.</summary>
    private string? RefusalOf(UpdateGraph s)
    {
        if (string.IsNullOrEmpty(s.Client))
        {
            return "An update-graph needs a client id.";
        }

        foreach (var (key, spec) in s.Tasks)
        {
            var missing = spec.Dependencies.Where(d => !s.Tasks.ContainsKey(d) && !tasks.ContainsKey(d)).ToList();
            if (missing.Count > 0)
            {
                return $"Task {key} depends on {string.Join(", ", missing)}, which is neither in the graph nor known to the scheduler.";
            }
        }

        var unknown = s.Wanted.Where(k => !s.Tasks.ContainsKey(k) && !tasks.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
        {
            return $"The client wants {string.Join(", ", unknown)}, which is neither in the graph nor known to the scheduler.";
        }

        return CycleAmongNewTasks(s) is { } cycle ? $"The graph has a cycle: {string.Join(" -> ", cycle)}." : null;
    }

    /// <summary>
    /// A cycle among the update's tasks that the scheduler does not know yet, or null. Known tasks
    /// keep their definitions and depend only on known tasks, so no cycle passes through them.
    /// </summary>
    private List<Key>? CycleAmongNewTasks(UpdateGraph s) =>
        Cycles.Find(s.Tasks.Keys, key => !tasks.ContainsKey(key) && s.Tasks.TryGetValue(key, out var spec) ? spec.Dependencies : null);

    /// <summary>The update's tasks that the scheduler does not know yet and that a wanted key needs, dependencies first.</summary>
    private List<Key> NewKeysReachableFromWanted(UpdateGraph s)
    {
        var result = new List<Key>();
        var seen = new HashSet<Key>();
        var stack = new Stack<(Key Key, bool Expanded)>();
        foreach (var key in s.Wanted.Reverse())
        {
            stack.Push((key, false));
        }

        while (stack.Count > 0)
        {
            var (key, expanded) = stack.Pop();
            if (expanded)
            {
                result.Add(key);
                continue;
            }

            if (tasks.ContainsKey(key) || !seen.Add(key))
            {
                continue;
            }

            stack.Push((key, true));
            var deps = s.Tasks[key].Dependencies;
            for (var i = deps.Count - 1; i >= 0; i--)
            {
                stack.Push((deps[i], false));
            }
        }

        return result;
    }

    private void HandleClientReleasesKeys(ClientReleasesKeys s, string stimulusId)
    {
        if (!clients.TryGetValue(s.Client, out var client))
        {
            return;
        }

        foreach (var key in s.Keys)
        {
            if (tasks.TryGetValue(key, out var ts))
            {
                ReleaseWant(client, ts);
            }
        }
    }

    private void HandleClientDisconnected(ClientDisconnected s, string stimulusId)
    {
        if (!clients.Remove(s.Client, out var client))
        {
            return;
        }

        foreach (var ts in InPriorityOrder(client.WantsWhatSet).ToList())
        {
            ReleaseWant(client, ts);
        }
    }

    private void ReleaseWant(SchedulerClient client, SchedulerTask ts)
    {
        if (client.WantsWhatSet.Remove(ts))
        {
            ts.WhoWantsSet.Remove(client);
            ReleaseIfUnneeded(ts);
        }
    }
}
