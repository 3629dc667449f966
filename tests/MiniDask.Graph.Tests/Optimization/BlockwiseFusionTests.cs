using MiniDask.Graph.Optimization;
using MiniDask.Graph.Tests.TestSupport;
using static MiniDask.Graph.Tests.TestSupport.BlockwiseGraphs;
using static MiniDask.Graph.Tests.TestSupport.TestGraphs;

namespace MiniDask.Graph.Tests.Optimization;

public class BlockwiseFusionTests
{
    private static readonly ComputeOptions Unoptimized = new() { Optimize = false };

    public BlockwiseFusionTests() => TestOps.EnsureRegistered();

    [Fact]
    public void Optimize_CreationThenElementwiseChain_OneNestedTaskPerBlockUnderTheLastName()
    {
        var x = Source("x", 3, 4);
        var a = Inc("a", x);
        var b = Inc("b", a);
        var graph = GraphOfLayers(x, a, b);
        var keys = OutputKeys(b);

        var optimized = GraphOptimizer.Optimize(graph, keys);

        Assert.Equal(keys.Order(), optimized.Keys.Order());
        Assert.All(optimized.Values, t => Assert.StartsWith($"{TestOps.Inc}({TestOps.Inc}({TestOps.Const}(", t.ToString(), StringComparison.Ordinal));
        Assert.Equal(new SyncScheduler().Get(graph, keys, Unoptimized), new SyncScheduler().Get(graph, keys));
    }

    [Fact]
    public void Optimize_TransposedReadOfASingleReader_Fuses()
    {
        var x = Source("x", 2, 3);
        var t = new Blockwise("t", "ji", new BlockwiseTask(TestOps.Inc, Read(x, "ij")));
        var u = Inc("u", t);
        var graph = GraphOfLayers(x, t, u);
        var keys = OutputKeys(u);

        var optimized = GraphOptimizer.Optimize(graph, keys);

        Assert.Equal(6, optimized.Count);
        Assert.Equal(new object?[] { 12 + 2 }, new SyncScheduler().Get(graph, [K("u", 2, 1)]));
        Assert.Equal(new SyncScheduler().Get(graph, keys, Unoptimized), new SyncScheduler().Get(graph, keys));
    }

    [Fact]
    public void Optimize_LayerReadByTwoLayers_KeepsItsTasks()
    {
        var x = Source("x", 2, 2);
        var a = Inc("a", x);
        var b = Inc("b", x);
        var both = new Blockwise("both", "ij", new BlockwiseTask(TestOps.Add, Read(a, "ij"), Read(b, "ij")));
        var graph = GraphOfLayers(x, a, b, both);

        var optimized = GraphOptimizer.Optimize(graph, OutputKeys(both));

        Assert.Contains(K("x", 1, 1), optimized.Keys);
        Assert.DoesNotContain(K("a", 1, 1), optimized.Keys);
        Assert.Equal(new object?[] { 2 * (11 + 1) }, new SyncScheduler().Get(graph, [K("both", 1, 1)]));
    }

    [Fact]
    public void Optimize_BroadcastRead_IsNotFusedSoNoBlockRunsTwice()
    {
        var row = Source("row", 1, 3);
        var r = Inc("r", row);
        var grid = Source("grid", 4, 3);
        var sum = new Blockwise("sum", "ij", new BlockwiseTask(TestOps.Add, Read(grid, "ij"), Read(r, "ij")));
        var graph = GraphOfLayers(row, r, grid, sum);

        var optimized = GraphOptimizer.Optimize(graph, OutputKeys(sum));

        Assert.Contains(K("r", 0, 2), optimized.Keys);
        Assert.Equal(new SyncScheduler().Get(graph, OutputKeys(sum), Unoptimized), new SyncScheduler().Get(graph, OutputKeys(sum)));
    }

    [Fact]
    public void Optimize_RequestedIntermediate_KeepsItsKeys()
    {
        var x = Source("x", 2, 2);
        var a = Inc("a", x);
        var b = Inc("b", a);
        var keys = OutputKeys(a).Concat(OutputKeys(b)).ToList();

        var optimized = GraphOptimizer.Optimize(GraphOfLayers(x, a, b), keys);

        Assert.Equal(keys.Order(), optimized.Keys.Order());
        Assert.Equal(new object?[] { 12, 13 }, new SyncScheduler().Get(GraphOfLayers(x, a, b), [K("a", 1, 1), K("b", 1, 1)]));
    }

    [Fact]
    public void Optimize_ChainLongerThanTheNestingLimit_NestsNoDeeperThanIt()
    {
        var layers = new List<Blockwise> { Source("x0", 1, 2) };
        for (var i = 1; i <= 100; i++)
        {
            layers.Add(Inc($"x{i}", layers[^1]));
        }

        var graph = GraphOfLayers([.. layers]);
        var keys = OutputKeys(layers[^1]);

        var optimized = GraphOptimizer.Optimize(graph, keys);

        Assert.All(optimized.Values, t => Assert.True(Depth(t) <= Fusion.DefaultMaxChainLength, $"{Depth(t)} nested tasks"));
        Assert.True(optimized.Count < 2 * 5, $"{optimized.Count} tasks for a chain of 101 layers of 2 blocks");
        Assert.Equal(new object?[] { 100, 101 }, new SyncScheduler().Get(graph, keys));
    }

    [Fact]
    public void Optimize_OneBlockOfAChainRequested_MakesOnlyThatBlocksTask()
    {
        var positions = new Positions(100, 100);
        var x = Source("x", 100, 100, positions);
        var y = Inc("y", Inc("a", x));
        var graph = GraphOfLayers(x, Inc("a", x), y);

        var optimized = GraphOptimizer.Optimize(graph, [K("y", 7, 3)]);

        Assert.Equal([K("y", 7, 3)], optimized.Keys);
        Assert.Equal(1, positions.Calls);
        Assert.Equal(new object?[] { 73 + 2 }, new SyncScheduler().Get(graph, [K("y", 7, 3)]));
    }

    private static List<Key> OutputKeys(Blockwise layer) =>
        [.. Enumerable.Range(0, layer.Count).Select(b => new Key(layer.Name, b / layer.OutputCounts()[1], b % layer.OutputCounts()[1]))];

    private static int Depth(DaskTask task) => 1 + task.Args.OfType<NestedArg>().Select(n => Depth(n.Task)).DefaultIfEmpty(0).Max();
}
