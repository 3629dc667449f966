namespace MiniDask.Graph.Optimization;

/// <summary>The optimizations a scheduler applies before running a graph.</summary>
public static class GraphOptimizer
{
    /// <summary>
    /// Optimizes <paramref name="graph"/> for computing <paramref name="keys"/>, first layer by
    /// layer, then task by task: culls the layers to what the keys need and fuses chains of
    /// <see cref="Blockwise"/> layers (<see cref="BlockwiseFusion"/>), so that only the fused
    /// tasks are ever made; then inlines cheap roots into their few consumers (unless
    /// <paramref name="inlineCheapRoots"/> is false) and fuses the linear chains that remain
    /// (keeping <paramref name="keys"/> as they are).
    /// </summary>
    /// <exception cref="GraphValidationException">A requested key or a needed dependency is not in the graph, or needed tasks form a cycle; the message names the keys.</exception>
    public static TaskGraph Optimize(TaskGraph graph, IReadOnlyCollection<Key> keys, bool inlineCheapRoots = true)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(keys);
        var culled = CullAndFuseLayers(graph, keys, held: null);

        // Task-level passes assume a graph without cycles; their results stay valid, so schedulers need not check again.
        culled.Validate();
        return OptimizeCulled(culled, keys, inlineCheapRoots);
    }

    /// <summary>
    /// Culls <paramref name="graph"/> to what <paramref name="keys"/> need, stopping at keys that
    /// <paramref name="held"/> says a scheduler holds, and fuses its <see cref="Blockwise"/> layers
    /// before any of their tasks is made (task by task where layers read each other in a cycle).
    /// </summary>
    /// <exception cref="GraphValidationException">A requested key or a needed dependency is neither in the graph nor held.</exception>
    internal static TaskGraph CullAndFuseLayers(TaskGraph graph, IReadOnlyCollection<Key> keys, Func<Key, bool>? held)
    {
        if (LayerCulling.Cull(graph, keys) is not { } layers)
        {
            return Culling.CullTasks(graph, keys, held);
        }

        var fused = TaskGraph.FromLayers(BlockwiseFusion.Fuse(layers, keys));
        Culling.ThrowIfMissing(fused.Index, held);
        return fused;
    }

    /// <summary>Inlines cheap roots (unless asked not to) and fuses linear chains of a graph already culled.</summary>
    internal static TaskGraph OptimizeCulled(TaskGraph culled, IReadOnlyCollection<Key> keys, bool inlineCheapRoots) =>
        Fusion.FuseLinear(inlineCheapRoots ? Inlining.InlineCheapRoots(culled, keys) : culled, keys);
}
