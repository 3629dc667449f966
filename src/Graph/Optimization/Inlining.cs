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
    /// Roots read more times than this are kept: each read runs the root once more (a fused task
    /// may read one root twice, as <c>x + x.T</c> does on the diagonal), and past a handful of
    /// runs recomputation costs more than the memory it saves.
    /// </summary>
    public const int DefaultMaxConsumers = 8;

    /// <summary>
    /// Inlines every task of <paramref name="graph"/> that has no dependencies, whose op is cheap
    /// to recompute, that is not in <paramref name="keep"/>, and that is read by two or more tasks
    /// and at most <see cref="DefaultMaxConsumers"/> times in all, into those tasks (as a
    /// <see cref="NestedArg"/> at each read).
    /// </summary>
    /// <returns>The rewritten graph, or <paramref name="graph"/> itself when nothing is inlined.</returns>
    public static TaskGraph InlineCheapRoots(TaskGraph graph, IReadOnlyCollection<Key> keep)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(keep);
        var index = graph.Index;
        bool[]? kept = null;
        DaskTask[]? tasks = null;
        bool[]? removed = null;
        for (var v = 0; v < index.Count; v++)
        {
            var task = index.Tasks[v];
            if (task.Dependencies.Count != 0 || !OpRegistry.IsCheapToRecompute(task.Op))
            {
                continue;
            }

            kept ??= Fusion.Positions(index, keep);
            var users = index.DependentsOf(v);
            if (kept[v] || users.Length < 2 || users.Length > DefaultMaxConsumers)
            {
                continue;
            }

            tasks ??= index.Tasks.ToArray();
            var key = index.Keys[v];
            var runs = 0;
            foreach (var user in users)
            {
                runs += References(tasks[user], key);
            }

            if (runs > DefaultMaxConsumers)
            {
                continue;
            }

            foreach (var user in users)
            {
                tasks[user] = Substitute(tasks[user], key, task);
            }

            (removed ??= new bool[index.Count])[v] = true;
        }

        return removed is null ? graph : TaskGraph.FromIndex(index.With(tasks!, removed), "inlined");
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
