namespace MiniDask.Graph.Optimization;

/// <summary>Removes tasks that the requested keys do not need (Dask's <c>cull</c>).</summary>
public static class Culling
{
    /// <summary>
    /// The subgraph of <paramref name="graph"/> that <paramref name="keys"/> depend on, keys included,
    /// stopping at keys that <paramref name="held"/> says a scheduler already holds.
    /// </summary>
    /// <exception cref="GraphValidationException">A requested key or a dependency is not in the graph.</exception>
    public static TaskGraph Cull(TaskGraph graph, IEnumerable<Key> keys, Func<Key, bool>? held = null)
    {
        var kept = new Dictionary<Key, DaskTask>();
        var stack = new Stack<(Key Key, Key? Dependent)>();
        foreach (var key in keys)
        {
            if (!graph.ContainsKey(key))
            {
                throw new GraphValidationException($"Requested key {key} is not in the graph.");
            }

            stack.Push((key, null));
        }

        while (stack.Count > 0)
        {
            var (key, dependent) = stack.Pop();
            if (kept.ContainsKey(key))
            {
                continue;
            }

            if (!graph.TryGetValue(key, out var task))
            {
                if (held?.Invoke(key) == true)
                {
                    continue;
                }

                throw new GraphValidationException($"The graph has a missing dependency: {dependent} depends on missing key {key}.");
            }

            kept[key] = task;
            foreach (var dep in task.Dependencies)
            {
                if (!kept.ContainsKey(dep))
                {
                    stack.Push((dep, key));
                }
            }
        }

        return TaskGraph.FromTasks(kept, "culled");
    }
}
