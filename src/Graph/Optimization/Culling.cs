namespace MiniDask.Graph.Optimization;

/// <summary>Removes tasks that the requested keys do not need (Dask's <c>cull</c>).</summary>
public static class Culling
{
    /// <summary>
    /// The subgraph of <paramref name="graph"/> that <paramref name="keys"/> depend on, keys
    /// included: culled layer by layer (<see cref="LayerCulling"/>), task by task where layers
    /// read each other in a cycle, and laid out flat to check that every needed dependency is there.
    /// </summary>
    /// <exception cref="GraphValidationException">A requested key or a dependency is not in the graph.</exception>
    public static TaskGraph Cull(TaskGraph graph, IEnumerable<Key> keys)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(keys);
        var requested = keys as IReadOnlyCollection<Key> ?? [.. keys];
        if (LayerCulling.Cull(graph, requested) is not { } layers)
        {
            return CullTasks(graph, requested);
        }

        var culled = TaskGraph.FromLayers(layers);
        if (culled.Index.Missing is [var (task, missing), ..])
        {
            throw new GraphValidationException($"The graph has a missing dependency: {missing} is needed by {culled.KeyAt(task)} but has no task.");
        }

        return culled;
    }

    /// <summary>The task-level cull: a walk from the requested keys over the flat graph's positions.</summary>
    /// <exception cref="GraphValidationException">A requested key or a dependency is not in the graph.</exception>
    internal static TaskGraph CullTasks(TaskGraph graph, IEnumerable<Key> keys)
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
            if (missing.Contains(v))
            {
                throw new GraphValidationException($"The graph has a missing dependency: {missing[v].First()} is needed by {index.Keys[v]} but has no task.");
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
