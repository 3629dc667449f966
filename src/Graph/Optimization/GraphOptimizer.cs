namespace MiniDask.Graph.Optimization;

/// <summary>The optimizations a scheduler applies before running a graph.</summary>
public static class GraphOptimizer
{
    /// <summary>
    /// Culls <paramref name="graph"/> to what <paramref name="keys"/> need, inlines cheap roots
    /// into their few consumers (unless <paramref name="inlineCheapRoots"/> is false), then fuses
    /// linear chains (keeping <paramref name="keys"/> as they are).
    /// </summary>
    public static TaskGraph Optimize(TaskGraph graph, IReadOnlyCollection<Key> keys, bool inlineCheapRoots = true) =>
        OptimizeCulled(Culling.Cull(graph, keys), keys, inlineCheapRoots);

    /// <summary>Inlines cheap roots (unless asked not to) and fuses linear chains of a graph already culled.</summary>
    internal static TaskGraph OptimizeCulled(TaskGraph culled, IReadOnlyCollection<Key> keys, bool inlineCheapRoots) =>
        Fusion.FuseLinear(inlineCheapRoots ? Inlining.InlineCheapRoots(culled, keys) : culled, keys);
}
