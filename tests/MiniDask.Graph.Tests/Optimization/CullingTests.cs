using MiniDask.Graph.Optimization;
using MiniDask.Graph.Tests.TestSupport;
using static MiniDask.Graph.Tests.TestSupport.TestGraphs;

namespace MiniDask.Graph.Tests.Optimization;

public class CullingTests
{
    private static readonly TaskGraph TwoBranches = GraphOf(
        (K("a"), Const(1)),
        (K("b"), Inc(K("a"))),
        (K("c"), Inc(K("b"))),
        (K("x"), Const(10)),
        (K("y"), Add(K("x"), K("a"))));

    public CullingTests() => TestOps.EnsureRegistered();

    [Fact]
    public void Cull_OneRequestedKey_KeepsOnlyWhatItNeeds()
    {
        var culled = Culling.Cull(TwoBranches, [K("b")]);

        Assert.Equal([K("a"), K("b")], culled.Keys.Order());
    }

    [Fact]
    public void Cull_KeysOfBothBranches_KeepsTheUnionOfTheirDependencies()
    {
        var culled = Culling.Cull(TwoBranches, [K("c"), K("y")]);

        Assert.Equal([K("a"), K("b"), K("c"), K("x"), K("y")], culled.Keys.Order());
    }

    [Fact]
    public void Cull_MissingRequestedKey_ThrowsNamingKey()
    {
        var error = Assert.Throws<GraphValidationException>(() => Culling.Cull(TwoBranches, [K("nope", 3)]));

        Assert.Contains("('nope', 3)", error.Message);
    }

    [Fact]
    public void Cull_NeededDependencyMissing_ThrowsNamingIt()
    {
        var graph = GraphOf((K("b"), Inc(K("gone"))), (K("unrelated"), Inc(K("also-gone"))));

        var error = Assert.Throws<GraphValidationException>(() => Culling.Cull(graph, [K("b")]));

        Assert.Contains("'gone'", error.Message);
    }

    [Fact]
    public void Optimize_RequestedKeyInsideChain_KeptAsItsOwnTask()
    {
        var optimized = GraphOptimizer.Optimize(TwoBranches, [K("b"), K("c")]);

        Assert.Equal([K("b"), K("c")], optimized.Keys.Order());
        Assert.Equal(new object?[] { 2, 3 }, Run(optimized, K("b"), K("c")));
    }
}
