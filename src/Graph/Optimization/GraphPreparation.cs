namespace MiniDask.Graph.Optimization;

/// <summary>
/// The one preparation every scheduler applies before running a graph (Dask's
/// <c>collections_to_dsk</c>): cull to what the requested keys need (refusing a missing dependency),
/// optimize (inline cheap roots, fuse linear chains) unless <see cref="ComputeOptions.Optimize"/> is
/// off, and order (refusing a cycle). The
/// sync and local schedulers run the result; the distributed client encodes it for the scheduler.
/// One set of defaults: cheap roots are inlined when blocks are computed on the host and not when a
/// device computes them (each recomputed block would be copied to the device again), unless
/// <see cref="ComputeOptions.InlineCheapRoots"/> says otherwise.
/// </summary>
public static class GraphPreparation
{
    /// <summary>
    /// Prepares <paramref name="graph"/> to compute <paramref name="keys"/>.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="keys">The keys whose results are wanted.</param>
    /// <param name="options">The compute's options; null for the defaults.</param>
    /// <param name="onDevice">Whether blocks are computed on a device (it decides the default of inlining cheap roots).</param>
    /// <param name="held">
    /// Keys whose results the scheduler already holds (a distributed client's futures and persisted
    /// blocks): their tasks are dropped, tasks may depend on them though they are not in the graph,
    /// and culling stops at them. Null for none.
    /// </param>
    /// <exception cref="GraphValidationException">
    /// A requested key is not in the graph, a task depends on a key that is neither in the graph nor
    /// held, or the graph has a cycle; the message names the keys.
    /// </exception>
    public static PreparedGraph Prepare(
        TaskGraph graph, IReadOnlyList<Key> keys, ComputeOptions? options = null, bool onDevice = false, Func<Key, bool>? held = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(keys);
        options ??= new ComputeOptions();
        var run = held is null ? graph : WithoutHeld(graph, keys, held);
        Key[] wanted = [.. keys.Where(k => held?.Invoke(k) != true)];
        TaskGraph culled;
        if (options.Optimize)
        {
            // Layers are culled and their Blockwise chains fused before any task is made; the
            // task-level passes assume no cycle, so the fused graph is checked first.
            culled = GraphOptimizer.CullAndFuseLayers(run, wanted, held);
            culled.Validate(held);
            run = GraphOptimizer.OptimizeCulled(culled, keys, options.InlineCheapRoots ?? !onDevice);
        }
        else
        {
            culled = Culling.Cull(run, wanted, held);
            run = culled;
        }

        return new PreparedGraph(run, keys, PrioritiesOrNameTheCycle(run, culled));
    }

    /// <summary>
    /// The graph's priorities. Ordering finds any cycle as it goes, so no separate pass looks for one
    /// beforehand; when it finds one, a search of the graph as it was before optimizing (fusing a
    /// cycle folds it into fewer keys) names the keys along it.
    /// </summary>
    private static int[] PrioritiesOrNameTheCycle(TaskGraph graph, TaskGraph unoptimized)
    {
        try
        {
            return Ordering.Priorities(graph);
        }
        catch (GraphValidationException) when (Cycles.Find(unoptimized.Keys, k => unoptimized.TryGetValue(k, out var t) ? t.Dependencies : null) is { } cycle)
        {
            throw new GraphValidationException($"The graph has a cycle: {string.Join(" -> ", cycle)}.");
        }
    }

    private static TaskGraph WithoutHeld(TaskGraph graph, IReadOnlyList<Key> keys, Func<Key, bool> held)
    {
        foreach (var key in keys)
        {
            if (!graph.ContainsKey(key) && !held(key))
            {
                throw new GraphValidationException($"Requested key {key} is not in the graph.");
            }
        }

        return graph.Keys.Any(held) ? TaskGraph.FromTasks(graph.Where(kv => !held(kv.Key)), "unheld") : graph;
    }
}

/// <summary>A graph ready to run: the tasks to compute, the requested keys, and the order to run them in.</summary>
/// <param name="Graph">The tasks to compute (culled and, unless asked not to, optimized); held keys are not among them.</param>
/// <param name="Keys">The requested keys, in the order their results are returned.</param>
/// <param name="Priorities">The priority of the task at each position of <paramref name="Graph"/> (<see cref="Ordering.Priorities"/>): lower runs first.</param>
public sealed record PreparedGraph(TaskGraph Graph, IReadOnlyList<Key> Keys, int[] Priorities)
{
    private Dictionary<Key, int>? order;

    /// <summary>Each task's priority by key (<see cref="Ordering"/>): lower runs first. Made on first use.</summary>
    public IReadOnlyDictionary<Key, int> Order => order ??= ByKey();

    private Dictionary<Key, int> ByKey()
    {
        var byKey = new Dictionary<Key, int>(Priorities.Length);
        for (var i = 0; i < Priorities.Length; i++)
        {
            byKey[Graph.KeyAt(i)] = Priorities[i];
        }

        return byKey;
    }
}
