namespace MiniDask.Graph.Optimization;

/// <summary>Fuses linear chains of tasks into single tasks (Dask's <c>fuse_linear</c>).</summary>
public static class Fusion
{
    /// <summary>
    /// Replaces every chain <c>a -> b</c> where <c>a</c> has <c>b</c> as its only dependent and
    /// <c>b</c> has <c>a</c> as its only dependency by one task under <c>b</c>'s key that runs
    /// <c>a</c> inline. Keys in <paramref name="keep"/> are never fused away.
    /// </summary>
    public static TaskGraph FuseLinear(TaskGraph graph, IReadOnlyCollection<Key> keep)
    {
        var keepSet = keep as ISet<Key> ?? new HashSet<Key>(keep);
        var dependents = graph.Dependents();
        var tasks = new Dictionary<Key, DaskTask>(graph.Count);
        foreach (var (key, task) in graph)
        {
            tasks[key] = task;
        }

        var fusedAway = new HashSet<Key>();
        var changed = false;
        foreach (var (key, task) in graph)
        {
            if (!IsChainLink(key, task, graph, dependents, keepSet, out _))
            {
                continue;
            }

            // Only start at the top of a chain: a task whose own dependency does not fuse into it.
            var dep = task.Dependencies.Count == 1 ? task.Dependencies[0] : null;
            if (dep is not null && IsChainLink(dep, graph[dep], graph, dependents, keepSet, out var depChild) && depChild == key)
            {
                continue;
            }

            var current = key;
            var fused = task;
            while (IsChainLink(current, graph[current], graph, dependents, keepSet, out var child))
            {
                fused = Inline(graph[child], current, fused);
                fusedAway.Add(current);
                current = child;
            }

            tasks[current] = fused;
            changed = true;
        }

        if (!changed)
        {
            return graph;
        }

        foreach (var key in fusedAway)
        {
            tasks.Remove(key);
        }

        return TaskGraph.FromTasks(tasks, "fused");
    }

    private static bool IsChainLink(
        Key key, DaskTask task, TaskGraph graph, Dictionary<Key, List<Key>> dependents, ISet<Key> keep, out Key child)
    {
        child = null!;
        if (keep.Contains(key) || dependents[key].Count != 1)
        {
            return false;
        }

        child = dependents[key][0];
        return graph[child].Dependencies.Count == 1;
    }

    private static DaskTask Inline(DaskTask outer, Key key, DaskTask inner) =>
        new(outer.Op, [.. outer.Args.Select(a => Substitute(a, key, inner))]);

    private static TaskArg Substitute(TaskArg arg, Key key, DaskTask inner) => arg switch
    {
        KeyRefArg r when r.Key == key => TaskArg.Nested(inner),
        ListArg l => TaskArg.List(l.Items.Select(i => Substitute(i, key, inner))),
        NestedArg n => TaskArg.Nested(Inline(n.Task, key, inner)),
        _ => arg,
    };
}
