namespace MiniDask.Graph.Optimization;

/// <summary>The optimizations a scheduler applies before running a graph.</summary>
public static class GraphOptimizer
{
    /// <summary>
    /// Culls <paramref name="graph"/> to what <paramref name="keys"/> need, inlines cheap roots
    /// into their few consumers, then fuses linear chains (keeping <paramref name="keys"/> as they are).
    /// </summary>
    public static TaskGraph Optimize(TaskGraph graph, IReadOnlyCollection<Key> keys) =>
        Fusion.FuseLinear(Inlining.InlineCheapRoots(Culling.Cull(graph, keys), keys), keys);
}
