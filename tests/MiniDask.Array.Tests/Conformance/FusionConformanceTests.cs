using MiniDask.Graph;
using MiniDask.Graph.Optimization;

namespace MiniDask.Array.Tests.Conformance;

/// <summary>
/// Every case of <see cref="ConformanceCatalog"/> computed with its graph optimized (Blockwise
/// layers culled and fused, cheap roots inlined, linear chains fused) and with optimization off:
/// the two must agree bit for bit, value, dtype, shape or error. Fusing runs the same ops on the
/// same blocks in the same order, so any difference is a fusion bug.
/// </summary>
public class FusionConformanceTests
{
    private static readonly ComputeOptions Optimized = new() { Optimize = true };
    private static readonly ComputeOptions Unoptimized = new() { Optimize = false };

    public static TheoryData<string> Cases() => [.. ConformanceCatalog.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_FusedAndUnfused_EqualBitForBit(string name)
    {
        var conformance = ConformanceCatalog.Get(name);

        var unfused = conformance.Run(TestData.Sync, Unoptimized);
        var fused = conformance.Run(TestData.Sync, Optimized);

        var difference = unfused.Difference(fused);
        Assert.True(difference is null, $"{name} fused: {difference}");
    }

    [Fact]
    public void Optimize_TinyWorkload_FusesCreationElementwiseAndChunkStepIntoOneTaskPerBlock()
    {
        var sum = (DArray.Ones([200, 200], [20, 20]) + 1).Sum();

        var optimized = GraphOptimizer.Optimize(sum.Graph, sum.OutputKeys);

        var chunkSteps = optimized.Values.Where(t => t.Op == "array.sum-chunk.float64").ToList();
        Assert.Equal(100, chunkSteps.Count);
        Assert.All(chunkSteps, t => Assert.Empty(t.Dependencies));
        Assert.All(chunkSteps, t => Assert.Equal("array.add.float64", Assert.IsType<NestedArg>(t.Args[0]).Task.Op));
        Assert.DoesNotContain(optimized.Values, t => t.Op is "array.full.float64" or "array.add.float64");
        Assert.Equal(100 + 100 + 100 + 25 + 7 + 2 + 1, sum.Graph.Count);
        Assert.Equal(80000.0, sum.Compute(TestData.Sync));
    }
}
