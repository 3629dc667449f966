namespace MiniDask.Graph.Tests.TestSupport;

/// <summary>Graph shapes shared by the tests, built from <see cref="TestOps"/>.</summary>
internal static class TestGraphs
{
    public static Key K(string name, params int[] index) => new(name, index);

    public static DaskTask Const(int value) => new(TestOps.Const, TaskArg.Literal(value));

    public static DaskTask Inc(Key input) => new(TestOps.Inc, input);

    public static DaskTask Add(params Key[] inputs) => new(TestOps.Add, [.. inputs.Select(TaskArg.Ref)]);

    public static DaskTask Sum(IEnumerable<Key> inputs) => new(TestOps.Sum, TaskArg.Refs(inputs));

    public static TaskGraph GraphOf(params (Key Key, DaskTask Task)[] tasks) =>
        TaskGraph.FromTasks(tasks.ToDictionary(t => t.Key, t => t.Task));

    /// <summary>A chain <c>name-0 = const(0)</c>, <c>name-i = inc(name-(i-1))</c>; its result is length - 1.</summary>
    public static void AddChain(Dictionary<Key, DaskTask> tasks, string name, int length)
    {
        tasks[K(name, 0)] = Const(0);
        for (var i = 1; i < length; i++)
        {
            tasks[K(name, i)] = Inc(K(name, i - 1));
        }
    }

    /// <summary>
    /// A tree reduction over <paramref name="leaves"/>: each level sums groups of
    /// <paramref name="splitEvery"/> results of the level below, until one remains. Returns the
    /// root key and the number of combine levels.
    /// </summary>
    public static (Key Root, int Depth) AddTreeReduction(
        Dictionary<Key, DaskTask> tasks, string prefix, IReadOnlyList<Key> leaves, int splitEvery)
    {
        var level = leaves.ToList();
        var depth = 0;
        while (level.Count > 1)
        {
            depth++;
            var next = new List<Key>();
            for (var i = 0; i < level.Count; i += splitEvery)
            {
                var key = K($"{prefix}-combine-{depth}", next.Count);
                tasks[key] = Sum(level.Skip(i).Take(splitEvery));
                next.Add(key);
            }

            level = next;
        }

        return (level[0], depth);
    }

    /// <summary>A tree reduction over <paramref name="leafCount"/> constant leaves <c>leaf-i = i</c>.</summary>
    public static (TaskGraph Graph, Key Root, int Depth) TreeReduction(int leafCount, int splitEvery)
    {
        var tasks = new Dictionary<Key, DaskTask>();
        var leaves = new List<Key>();
        for (var i = 0; i < leafCount; i++)
        {
            tasks[K("leaf", i)] = Const(i);
            leaves.Add(K("leaf", i));
        }

        var (root, depth) = AddTreeReduction(tasks, "tree", leaves, splitEvery);
        return (TaskGraph.FromTasks(tasks), root, depth);
    }

    /// <summary>
    /// Runs <paramref name="graph"/> sequentially in <paramref name="order"/> and returns the most
    /// results held at once, counting a result from its task until its last dependent ran (outputs,
    /// which nothing depends on, are held to the end). Fails if the order is not topological.
    /// </summary>
    public static int PeakLiveResults(TaskGraph graph, IReadOnlyDictionary<Key, int> order)
    {
        var dependents = graph.Dependents();
        var unfinished = dependents.ToDictionary(kv => kv.Key, kv => kv.Value.Count);
        var done = new HashSet<Key>();
        var live = 0;
        var peak = 0;
        foreach (var key in order.OrderBy(kv => kv.Value).Select(kv => kv.Key))
        {
            foreach (var dep in graph[key].Dependencies)
            {
                Assert.True(done.Contains(dep), $"{key} is ordered before its dependency {dep}.");
            }

            done.Add(key);
            peak = Math.Max(peak, ++live);
            foreach (var dep in graph[key].Dependencies)
            {
                if (--unfinished[dep] == 0)
                {
                    live--;
                }
            }
        }

        Assert.Equal(graph.Count, done.Count);
        return peak;
    }

    /// <summary>Asserts that <paramref name="order"/> ranks every task of the graph once, after its dependencies.</summary>
    public static void AssertTopological(TaskGraph graph, IReadOnlyDictionary<Key, int> order)
    {
        Assert.Equal(graph.Count, order.Count);
        Assert.Equal(graph.Count, order.Values.Distinct().Count());
        foreach (var (key, task) in graph)
        {
            foreach (var dep in task.Dependencies)
            {
                Assert.True(order[dep] < order[key], $"{key} (priority {order[key]}) runs before its dependency {dep} (priority {order[dep]}).");
            }
        }
    }

    /// <summary>Runs the graph with the sync scheduler, without optimizing, and returns the results of <paramref name="keys"/>.</summary>
    public static object?[] Run(TaskGraph graph, params Key[] keys) =>
        new SyncScheduler().Get(graph, keys, new ComputeOptions { Optimize = false });

    /// <summary>The deepest nesting of inline tasks in <paramref name="task"/>, the task itself counted as 1.</summary>
    public static int NestingDepth(DaskTask task)
    {
        var deepest = 1;
        var pending = new Stack<(TaskArg Arg, int Level)>(task.Args.Select(a => (a, 1)));
        while (pending.Count > 0)
        {
            var (arg, level) = pending.Pop();
            if (arg is NestedArg n)
            {
                deepest = Math.Max(deepest, level + 1);
                foreach (var inner in n.Task.Args)
                {
                    pending.Push((inner, level + 1));
                }
            }
            else if (arg is ListArg l)
            {
                foreach (var item in l.Items)
                {
                    pending.Push((item, level));
                }
            }
        }

        return deepest;
    }
}
