using MiniDask.Graph.Optimization;
using MiniDask.Graph.Tests.TestSupport;
using static MiniDask.Graph.Tests.TestSupport.TestGraphs;

namespace MiniDask.Graph.Tests.Optimization;

public class FusionTests
{
    public FusionTests() => TestOps.EnsureRegistered();

    [Fact]
    public void FuseLinear_ChainOfThree_OneTaskUnderTheLastKey()
    {
        var graph = GraphOf((K("a"), Const(1)), (K("b"), Inc(K("a"))), (K("c"), Inc(K("b"))));

        var fused = Fusion.FuseLinear(graph, [K("c")]);

        Assert.Equal([K("c")], fused.Keys);
        Assert.Empty(fused[K("c")].Dependencies);
        Assert.Equal(3, NestingDepth(fused[K("c")]));
        Assert.Equal(new object?[] { 3 }, Run(fused, K("c")));
    }

    [Fact]
    public void FuseLinear_MixedGraph_SameResultsAsUnfused()
    {
        var tasks = new Dictionary<Key, DaskTask>();
        AddChain(tasks, "chain", 5);
        tasks[K("list")] = Sum([K("chain", 4)]);
        tasks[K("nested")] = new DaskTask(TestOps.Add, TaskArg.Nested(Inc(K("list"))), TaskArg.Literal(7));
        tasks[K("left")] = Inc(K("nested"));
        tasks[K("right")] = Inc(K("nested"));
        tasks[K("joined")] = Add(K("left"), K("right"));
        tasks[K("after")] = Inc(K("joined"));
        var graph = TaskGraph.FromTasks(tasks);
        Key[] outputs = [K("after"), K("left")];

        var fused = Fusion.FuseLinear(graph, outputs);

        Assert.True(fused.Count < graph.Count);
        Assert.Equal(Run(graph, outputs), Run(fused, outputs));
        Assert.Equal(new object?[] { 27, 13 }, Run(fused, outputs));
    }

    [Fact]
    public void FuseLinear_KeyInKeep_NotFusedAway()
    {
        var graph = GraphOf((K("a"), Const(1)), (K("b"), Inc(K("a"))), (K("c"), Inc(K("b"))));

        var fused = Fusion.FuseLinear(graph, [K("b"), K("c")]);

        Assert.Equal([K("b"), K("c")], fused.Keys.Order());
        Assert.Equal([K("b")], fused[K("c")].Dependencies);
        Assert.Equal(new object?[] { 2, 3 }, Run(fused, K("b"), K("c")));
    }

    [Fact]
    public void FuseLinear_Diamond_ReturnsGraphUnchanged()
    {
        var graph = GraphOf(
            (K("a"), Const(1)),
            (K("b"), Inc(K("a"))),
            (K("c"), Inc(K("a"))),
            (K("d"), Add(K("b"), K("c"))));

        var fused = Fusion.FuseLinear(graph, [K("d")]);

        Assert.Same(graph, fused);
    }

    [Fact]
    public void FuseLinear_ChainFeedingMultiInputTask_FusesOnlyTheChain()
    {
        var graph = GraphOf(
            (K("x"), Const(1)),
            (K("y"), Inc(K("x"))),
            (K("w"), Const(5)),
            (K("z"), Add(K("y"), K("w"))));

        var fused = Fusion.FuseLinear(graph, [K("z")]);

        Assert.Equal([K("w"), K("y"), K("z")], fused.Keys.Order());
        Assert.Equal(new object?[] { 7 }, Run(fused, K("z")));
    }

    [Fact]
    public void FuseLinear_TaskReadingItsDependencyTwice_NotFused()
    {
        var graph = GraphOf((K("a"), Const(3)), (K("b"), Add(K("a"), K("a"))));

        var fused = Fusion.FuseLinear(graph, [K("b")]);

        Assert.Same(graph, fused);
    }

    [Fact]
    public void FuseLinear_ChainOfOneThousand_CutIntoTasksOfAtMostDefaultLength()
    {
        var tasks = new Dictionary<Key, DaskTask>();
        AddChain(tasks, "long", 1000);
        var graph = TaskGraph.FromTasks(tasks);

        var fused = Fusion.FuseLinear(graph, [K("long", 999)]);

        Assert.Equal((1000 + Fusion.DefaultMaxChainLength - 1) / Fusion.DefaultMaxChainLength, fused.Count);
        Assert.All(fused.Values, t => Assert.True(NestingDepth(t) <= Fusion.DefaultMaxChainLength));
        Assert.Equal(new object?[] { 999 }, Run(fused, K("long", 999)));
    }

    [Fact]
    public void FuseLinear_FusedGraphFusedAgain_StaysWithinTheLimit()
    {
        var tasks = new Dictionary<Key, DaskTask>();
        AddChain(tasks, "long", 300);
        var once = Fusion.FuseLinear(TaskGraph.FromTasks(tasks), [K("long", 299)], 50);

        var twice = Fusion.FuseLinear(once, [K("long", 299)], 50);

        Assert.Equal(6, once.Count);
        Assert.Equal(6, twice.Count);
        Assert.All(twice.Values, t => Assert.True(NestingDepth(t) <= 50));
    }

    [Fact]
    public void FuseLinear_TenThousandChainsOfThree_OneTaskPerChain()
    {
        var tasks = new Dictionary<Key, DaskTask>();
        var outputs = new List<Key>();
        for (var i = 0; i < 10_000; i++)
        {
            tasks[K("a", i)] = Const(i);
            tasks[K("b", i)] = Inc(K("a", i));
            tasks[K("c", i)] = Inc(K("b", i));
            outputs.Add(K("c", i));
        }

        var fused = Fusion.FuseLinear(TaskGraph.FromTasks(tasks), outputs);

        Assert.Equal(10_000, fused.Count);
        Assert.All(fused.Values, t => Assert.Empty(t.Dependencies));
        var results = new SyncScheduler().Get(fused, outputs, new ComputeOptions { Optimize = false });
        Assert.Equal(Enumerable.Range(2, 10_000).Cast<object?>(), results);
    }

    [Fact]
    public void FuseLinear_ReferenceInsideList_SubstitutedInPlace()
    {
        var graph = GraphOf((K("a"), Const(4)), (K("b"), new DaskTask(TestOps.Sum, TaskArg.List([TaskArg.Ref(K("a")), TaskArg.Literal(6)]))));

        var fused = Fusion.FuseLinear(graph, [K("b")]);

        Assert.Equal([K("b")], fused.Keys);
        Assert.Equal(new object?[] { 10 }, Run(fused, K("b")));
    }

    [Fact]
    public void FuseLinear_MaxChainLengthOne_ReturnsGraphUnchanged()
    {
        var graph = GraphOf((K("a"), Const(1)), (K("b"), Inc(K("a"))));

        Assert.Same(graph, Fusion.FuseLinear(graph, [K("b")], 1));
    }

    [Fact]
    public void FuseLinear_MaxChainLengthZero_Throws()
    {
        var graph = GraphOf((K("a"), Const(1)));

        Assert.Throws<ArgumentOutOfRangeException>(() => Fusion.FuseLinear(graph, [], 0));
    }
}
