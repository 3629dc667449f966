namespace MiniDask.Graph.Optimization;

/// <summary>The optimizations a scheduler applies before running a graph.</summary>
public static class GraphOptimizer
{
    /// <summary>
    /// Culls <paramref name="graph"/> to what <paramref name="keys"/> need, inlines cheap roots
    /// into their few consumers (unless <paramref name="inlineCheapRoots"/> is false), then fuses
    /// linear chains (keeping <paramref name="keys"/> as they are).
    /// </summary>
    public static TaskGraph Optimize(TaskGraph graph, IReadOnlyCollection<Key> keys, bool inlineCheapRoots = true)
    {
        var culled = Culling.Cull(graph, keys);
        return Fusion.FuseLinear(inlineCheapRoots ? Inlining.InlineCheapRoots(culled, keys) : culled, keys);
    }
}
