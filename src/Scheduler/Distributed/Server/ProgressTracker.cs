using MiniDask.Graph;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Counts, for graphs submitted with progress reporting, which of their results are held in
/// cluster memory: a finishing task adds its key and drops those of its dependencies that the
/// state machine has released, so each report costs the task's dependency count.
/// </summary>
internal sealed class ProgressTracker
{
    private readonly Dictionary<Key, List<Tracked>> byKey = [];
    private readonly Dictionary<string, Tracked> byClient = new(StringComparer.Ordinal);

    public void Track(string client, IReadOnlyDictionary<Key, TaskSpec> graph)
    {
        Untrack(client);
        var tracked = new Tracked(client, graph);
        byClient[client] = tracked;
        foreach (var key in graph.Keys)
        {
            if (!byKey.TryGetValue(key, out var list))
            {
                byKey[key] = list = [];
            }

            list.Add(tracked);
        }
    }

    public void Untrack(string client)
    {
        if (!byClient.Remove(client, out var tracked))
        {
            return;
        }

        foreach (var key in tracked.Graph.Keys)
        {
            if (byKey.TryGetValue(key, out var list) && list.Remove(tracked) && list.Count == 0)
            {
                byKey.Remove(key);
            }
        }
    }

    /// <summary>The clients tracking <paramref name="key"/>, each with its count of results in memory now.</summary>
    public IEnumerable<(string Client, int InMemory)> Finished(Key key, SchedulerState state)
    {
        if (!byKey.TryGetValue(key, out var list))
        {
            yield break;
        }

        foreach (var tracked in list)
        {
            tracked.Held.Add(key);
            foreach (var dep in tracked.Graph[key].Dependencies)
            {
                if (state.StateOf(dep) != SchedulerTaskState.Memory)
                {
                    tracked.Held.Remove(dep);
                }
            }

            yield return (tracked.Client, tracked.Held.Count);
        }
    }

    private sealed record Tracked(string Client, IReadOnlyDictionary<Key, TaskSpec> Graph)
    {
        public HashSet<Key> Held { get; } = [];
    }
}
