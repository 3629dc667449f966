using MiniDask.Graph.Optimization;
using MiniDask.Graph.Tests.TestSupport;
using static MiniDask.Graph.Tests.TestSupport.BlockwiseGraphs;
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

    [Fact]
    public void Cull_OneBlockOfABlockwiseLayer_KeepsASpecOfThatBlockAndTheBlocksItReads()
    {
        var positions = new Positions(50, 40);
        var x = Source("x", 50, 40, positions);
        var t = new Blockwise("t", "ji", new BlockwiseTask(TestOps.Inc, Read(x, "ij")));

        var culled = Culling.Cull(GraphOfLayers(x, t), [K("t", 3, 7)]);

        var kept = Assert.IsType<Blockwise>(culled.Layers["x"]);
        Assert.Equal([[7, 3]], kept.OutputBlocks!.Select(b => b.ToArray()));
        Assert.Equal([K("t", 3, 7), K("x", 7, 3)], culled.Keys.Order());
        Assert.Equal(1, positions.Calls);
    }

    [Fact]
    public void Cull_LayerNeededWhole_IsKeptAsTheSameSpec()
    {
        var x = Source("x", 20, 20);
        var y = Inc("y", x);
        var keys = Enumerable.Range(0, 400).Select(b => K("y", b / 20, b % 20)).ToList();

        var culled = Culling.Cull(GraphOfLayers(x, y), keys);

        Assert.Same(x, culled.Layers["x"]);
        Assert.Same(y, culled.Layers["y"]);
    }

    [Fact]
    public void Cull_MaterializedLayerOverABlockwiseLayer_KeepsTheBlocksItsTasksRead()
    {
        var x = Source("x", 10, 10);
        var total = new MaterializedLayer("total", new Dictionary<Key, DaskTask> { [K("total")] = Add(K("x", 2, 3), K("x", 4, 5)) });

        var culled = Culling.Cull(GraphOfLayers(x, total), [K("total")]);

        Assert.Equal([K("total"), K("x", 2, 3), K("x", 4, 5)], culled.Keys.Order());
        Assert.Equal(new object?[] { 23 + 45 }, Run(culled, K("total")));
    }

    [Fact]
    public void Cull_BlockwiseLayerReadingAMissingLayer_ThrowsNamingTheReader()
    {
        var y = new Blockwise("y", "i", new BlockwiseTask(TestOps.Inc, BlockwiseArg.Blocks("gone", "i", [3])));

        var error = Assert.Throws<GraphValidationException>(() => Culling.Cull(GraphOfLayers(y), [K("y", 1)]));

        Assert.Contains("('gone', 1)", error.Message);
        Assert.Contains("('y', 1)", error.Message);
    }
}
