namespace MiniDask.Graph.Optimization;

/// <summary>Removes tasks that the requested keys do not need (Dask's <c>cull</c>).</summary>
public static class Culling
{
    /// <summary>
    /// The subgraph of <paramref name="graph"/> that <paramref name="keys"/> depend on, keys
    /// included: culled layer by layer (<see cref="LayerCulling"/>), task by task where layers
    /// read each other in a cycle, and laid out flat to check that every needed dependency is
    /// there, stopping at keys that <paramref name="held"/> says a scheduler already holds.
    /// </summary>
    /// <exception cref="GraphValidationException">A requested key or a dependency is not in the graph.</exception>
    public static TaskGraph Cull(TaskGraph graph, IEnumerable<Key> keys, Func<Key, bool>? held = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(keys);
        var requested = keys as IReadOnlyCollection<Key> ?? [.. keys];
        if (LayerCulling.Cull(graph, requested) is not { } layers)
        {
            return CullTasks(graph, requested, held);
        }

        var culled = TaskGraph.FromLayers(layers);
        ThrowIfMissing(culled.Index, held);
        return culled;
    }

    /// <summary>Throws for the first dependency of the laid-out graph that has no task and is not held.</summary>
    /// <exception cref="GraphValidationException">A dependency is neither in the graph nor held.</exception>
    internal static void ThrowIfMissing(GraphIndex index, Func<Key, bool>? held)
    {
        foreach (var (task, missing) in index.Missing)
        {
            if (held?.Invoke(missing) != true)
            {
                throw new GraphValidationException($"The graph has a missing dependency: {index.Keys[task]} depends on missing key {missing}.");
            }
        }
    }

    /// <summary>The task-level cull: a walk from the requested keys over the flat graph's positions.</summary>
    /// <exception cref="GraphValidationException">A requested key or a dependency is not in the graph.</exception>
    internal static TaskGraph CullTasks(TaskGraph graph, IEnumerable<Key> keys, Func<Key, bool>? held = null)
    {
        var index = graph.Index;
        var kept = new bool[index.Count];
        var stack = new Stack<int>();
        foreach (var key in keys)
        {
            var position = index.PositionOf(key);
            if (position < 0)
            {
                throw new GraphValidationException($"Requested key {key} is not in the graph.");
            }

            stack.Push(position);
        }

        var missing = index.Missing.ToLookup(m => m.Task, m => m.Missing);
        var count = 0;
        while (stack.Count > 0)
        {
            var v = stack.Pop();
            if (kept[v])
            {
                continue;
            }

            kept[v] = true;
            count++;
            foreach (var key in missing[v])
            {
                if (held?.Invoke(key) != true)
                {
                    throw new GraphValidationException($"The graph has a missing dependency: {index.Keys[v]} depends on missing key {key}.");
                }
            }

            foreach (var d in index.DependenciesOf(v))
            {
                if (!kept[d])
                {
                    stack.Push(d);
                }
            }
        }

        if (count == index.Count)
        {
            return graph;
        }

        return TaskGraph.FromIndex(index.With(index.Tasks.ToArray(), [.. kept.Select(k => !k)]), "culled");
    }
}
