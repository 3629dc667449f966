namespace MiniDask.Graph.Optimization;

/// <summary>
/// Inlines cheap root tasks into their consumers (in the spirit of Dask's <c>inline_functions</c>
/// with fast functions): a task with no dependencies whose op is marked
/// <see cref="OpRegistry.MarkCheapToRecompute"/>, read by a few tasks, is run inside each of them
/// instead of once with its result held until the last of them has run. For an expression such
/// as <c>(x + x.T) - x.Mean(axis: 0)</c> over a random <c>x</c>, that is the difference between
/// holding all of <c>x</c> (the mean needs every row before any output block can finish) and
/// holding a few blocks.
/// </summary>
public static class Inlining
{
    /// <summary>
    /// Roots read by more tasks than this are kept: each extra consumer runs the root once more,
    /// and past a handful of them recomputation costs more than the memory it saves.
    /// </summary>
    public const int DefaultMaxConsumers = 8;

    /// <summary>
    /// Inlines every task of <paramref name="graph"/> that has no dependencies, whose op is cheap
    /// to recompute, that is not in <paramref name="keep"/>, and that is read once each by two to
    /// <see cref="DefaultMaxConsumers"/> tasks, into those tasks (as a <see cref="NestedArg"/>).
    /// </summary>
    /// <returns>The rewritten graph, or <paramref name="graph"/> itself when nothing is inlined.</returns>
    public static TaskGraph InlineCheapRoots(TaskGraph graph, IReadOnlyCollection<Key> keep)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(keep);
        var keepSet = keep as ISet<Key> ?? new HashSet<Key>(keep);
        IReadOnlyDictionary<Key, IReadOnlyList<Key>>? dependents = null;
        Dictionary<Key, DaskTask>? tasks = null;
        foreach (var (key, task) in graph)
        {
            if (task.Dependencies.Count != 0 || !OpRegistry.IsCheapToRecompute(task.Op) || keepSet.Contains(key))
            {
                continue;
            }

            dependents ??= graph.Dependents();
            if (!dependents.TryGetValue(key, out var users) || users.Count < 2 || users.Count > DefaultMaxConsumers)
            {
                continue;
            }

            tasks ??= new Dictionary<Key, DaskTask>(graph);
            if (users.Any(u => References(tasks[u], key) != 1))
            {
                continue;
            }

            foreach (var user in users)
            {
                tasks[user] = Substitute(tasks[user], key, task);
            }

            tasks.Remove(key);
        }

        return tasks is null || tasks.Count == graph.Count ? graph : TaskGraph.FromTasks(tasks, "inlined");
    }

    private static int References(DaskTask task, Key key) => task.Args.Sum(a => References(a, key));

    private static int References(TaskArg arg, Key key) => arg switch
    {
        KeyRefArg r => r.Key == key ? 1 : 0,
        ListArg l => l.Items.Sum(i => References(i, key)),
        NestedArg n => References(n.Task, key),
        _ => 0,
    };

    private static DaskTask Substitute(DaskTask task, Key key, DaskTask root) =>
        new(task.Op, [.. task.Args.Select(a => Substitute(a, key, root))]);

    private static TaskArg Substitute(TaskArg arg, Key key, DaskTask root) => arg switch
    {
        KeyRefArg r when r.Key == key => TaskArg.Nested(root),
        ListArg l => TaskArg.List(l.Items.Select(i => Substitute(i, key, root))),
        NestedArg n => TaskArg.Nested(Substitute(n.Task, key, root)),
        _ => arg,
    };
}
