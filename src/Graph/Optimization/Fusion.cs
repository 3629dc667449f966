namespace MiniDask.Graph.Optimization;

/// <summary>Fuses linear chains of tasks into single tasks (Dask's <c>fuse_linear</c>).</summary>
public static class Fusion
{
    /// <summary>
    /// The most tasks one fused task runs, counted along its deepest nesting, when no limit is
    /// given. A fused task runs its chain by recursion, one level per link, so an unbounded chain
    /// could exhaust a worker thread's stack; a fused task is also the unit of progress, of
    /// placement and of recomputation after a lost worker, so very long ones make those coarse.
    /// 64 links keep the nesting shallow while removing almost all of a chain's per-task overhead.
    /// </summary>
    public const int DefaultMaxChainLength = 64;

    /// <summary>
    /// Fuses linear chains with at most <see cref="DefaultMaxChainLength"/> tasks per fused task.
    /// See <see cref="FuseLinear(TaskGraph, IReadOnlyCollection{Key}, int)"/>.
    /// </summary>
    public static TaskGraph FuseLinear(TaskGraph graph, IReadOnlyCollection<Key> keep) =>
        FuseLinear(graph, keep, DefaultMaxChainLength);

    /// <summary>
    /// Replaces every chain <c>a -> b</c> where <c>a</c> has <c>b</c> as its only dependent and
    /// <c>b</c> has <c>a</c> as its only dependency by one task under <c>b</c>'s key that runs
    /// <c>a</c> inline (a <see cref="NestedArg"/>). Keys in <paramref name="keep"/> are never fused
    /// away, a task that reads its dependency more than once is not fused (inlining would run the
    /// dependency once per reference), and a chain longer than <paramref name="maxChainLength"/>
    /// is cut into several fused tasks. Runs in time linear in the size of the graph.
    /// </summary>
    /// <returns>The fused graph, or <paramref name="graph"/> itself when nothing fuses.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxChainLength"/> is less than 1.</exception>
    public static TaskGraph FuseLinear(TaskGraph graph, IReadOnlyCollection<Key> keep, int maxChainLength)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(keep);
        if (maxChainLength < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxChainLength), maxChainLength, "A fused task runs at least one task; expected 1 or more.");
        }

        var index = graph.Index;
        var n = index.Count;
        var kept = Positions(index, keep);

        // The single dependent each task fuses into, or -1.
        var child = new int[n];
        for (var v = 0; v < n; v++)
        {
            child[v] = LinkChild(index, v, kept, maxChainLength);
        }

        DaskTask[]? tasks = null;
        bool[]? removed = null;
        for (var v = 0; v < n; v++)
        {
            if (child[v] < 0 || !IsChainTop(index, v, child))
            {
                continue;
            }

            tasks ??= index.Tasks.ToArray();
            removed ??= new bool[n];
            FuseChain(index, v, child, maxChainLength, tasks, removed);
        }

        return removed is null || !removed.Contains(true) ? graph : TaskGraph.FromIndex(index.With(tasks!, removed), "fused");
    }

    /// <summary>Marks the positions of <paramref name="keep"/> that are in the graph.</summary>
    internal static bool[] Positions(GraphIndex index, IEnumerable<Key> keep)
    {
        var marks = new bool[index.Count];
        foreach (var key in keep)
        {
            var position = index.PositionOf(key);
            if (position >= 0)
            {
                marks[position] = true;
            }
        }

        return marks;
    }

    /// <summary>
    /// Walks the chain that starts at <paramref name="top"/>, writing one fused task per segment
    /// of at most <paramref name="maxChainLength"/> links and marking the positions fused away.
    /// </summary>
    private static void FuseChain(GraphIndex index, int top, int[] child, int maxChainLength, DaskTask[] tasks, bool[] removed)
    {
        var current = top;
        var fused = index.Tasks[top];
        var depth = Measure(fused, index.Keys[top]).Depth;
        while (child[current] >= 0)
        {
            var next = child[current];
            var childTask = index.Tasks[next];
            var childDepth = Measure(childTask, index.Keys[current]).Depth;
            if (depth + childDepth > maxChainLength)
            {
                // Close this segment under its last key; the next one starts at the child.
                tasks[current] = fused;
                fused = childTask;
                depth = childDepth;
            }
            else
            {
                fused = Inline(childTask, index.Keys[current], fused);
                depth += childDepth;
                removed[current] = true;
            }

            current = next;
        }

        tasks[current] = fused;
    }

    /// <summary>
    /// The single dependent the task at <paramref name="v"/> fuses into, or -1: it is not kept,
    /// the dependent is its only one, the dependent reads only it, exactly once, and the
    /// dependent is not already nested deeper than <paramref name="maxChainLength"/> (a hand-built
    /// task can be). A future's placeholder never fuses: the cluster holding the future must see
    /// its key (see <see cref="FutureTasks"/>).
    /// </summary>
    private static int LinkChild(GraphIndex index, int v, bool[] kept, int maxChainLength)
    {
        var users = index.DependentsOf(v);
        if (kept[v] || users.Length != 1 || FutureTasks.IsPlaceholder(index.Tasks[v]))
        {
            return -1;
        }

        var childTask = index.Tasks[users[0]];
        if (childTask.Dependencies.Count != 1)
        {
            return -1;
        }

        var (depth, references) = Measure(childTask, index.Keys[v]);
        return references == 1 && depth <= maxChainLength ? users[0] : -1;
    }

    /// <summary>A link is the top of its chain when its own dependency does not fuse into it.</summary>
    private static bool IsChainTop(GraphIndex index, int v, int[] child)
    {
        var deps = index.DependenciesOf(v);
        return index.Tasks[v].Dependencies.Count != 1 || deps.Length != 1 || child[deps[0]] != v;
    }

    /// <summary>
    /// The number of tasks along the deepest path of nested tasks (the task itself included) and
    /// how many times the task reads <paramref name="key"/>. Iterative, so any nesting is safe.
    /// </summary>
    private static (int Depth, int References) Measure(DaskTask task, Key key)
    {
        var depth = 1;
        var references = 0;
        var flat = true;
        foreach (var arg in task.Args)
        {
            if (arg is KeyRefArg r)
            {
                references += r.Key == key ? 1 : 0;
            }
            else if (arg is ListArg or NestedArg)
            {
                flat = false;
                break;
            }
        }

        if (flat)
        {
            // Most tasks read keys and literals only: no nesting to walk.
            return (depth, references);
        }

        references = 0;
        var pending = new Stack<(TaskArg Arg, int Level)>();
        foreach (var arg in task.Args)
        {
            pending.Push((arg, 1));
        }

        while (pending.Count > 0)
        {
            var (arg, level) = pending.Pop();
            switch (arg)
            {
                case KeyRefArg r when r.Key == key:
                    references++;
                    break;
                case ListArg l:
                    foreach (var item in l.Items)
                    {
                        pending.Push((item, level));
                    }

                    break;
                case NestedArg n:
                    depth = Math.Max(depth, level + 1);
                    foreach (var inner in n.Task.Args)
                    {
                        pending.Push((inner, level + 1));
                    }

                    break;
            }
        }

        return (depth, references);
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
