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
        var layers = LayerCulling.Cull(graph, keys);
        var culled = layers is null ? Culling.CullTasks(graph, keys) : TaskGraph.FromLayers(BlockwiseFusion.Fuse(layers, keys));

        // Task-level passes assume a graph without cycles; their results stay valid, so schedulers need not check again.
        culled.Validate();
        return Fusion.FuseLinear(inlineCheapRoots ? Inlining.InlineCheapRoots(culled, keys) : culled, keys);
    }
}
