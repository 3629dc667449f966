using MiniDask.Graph.Optimization;
using MiniDask.Graph.Tests.TestSupport;
using static MiniDask.Graph.Tests.TestSupport.TestGraphs;

namespace MiniDask.Graph.Tests.Optimization;

public class InliningTests
{
    public InliningTests() => TestOps.EnsureRegistered();

    private static DaskTask Cheap(int value) => new(TestOps.CheapConst, TaskArg.Literal(value));

    [Fact]
    public void InlineCheapRoots_RootWithThreeConsumers_RunsInsideEachAndDisappears()
    {
        var graph = GraphOf(
            (K("x"), Cheap(5)),
            (K("a"), Inc(K("x"))),
            (K("b"), Inc(K("x"))),
            (K("c"), Add(K("x"), K("a"), K("b"))));

        var inlined = Inlining.InlineCheapRoots(graph, [K("c")]);

        Assert.False(inlined.ContainsKey(K("x")));
        Assert.Empty(inlined[K("a")].Dependencies);
        Assert.Empty(inlined[K("b")].Dependencies);
        Assert.Equal([K("a"), K("b")], inlined[K("c")].Dependencies.Order());
        Assert.Equal(Run(graph, K("c")), Run(inlined, K("c")));
        Assert.Equal(new object?[] { 17 }, Run(inlined, K("c")));
    }

    [Fact]
    public void InlineCheapRoots_OrdinaryRoot_IsKept()
    {
        var graph = GraphOf((K("x"), Const(5)), (K("a"), Inc(K("x"))), (K("b"), Inc(K("x"))));

        Assert.Same(graph, Inlining.InlineCheapRoots(graph, [K("a"), K("b")]));
    }

    [Fact]
    public void InlineCheapRoots_RequestedRoot_IsKept()
    {
        var graph = GraphOf((K("x"), Cheap(5)), (K("a"), Inc(K("x"))), (K("b"), Inc(K("x"))));

        Assert.Same(graph, Inlining.InlineCheapRoots(graph, [K("x"), K("a"), K("b")]));
    }

    [Fact]
    public void InlineCheapRoots_SingleConsumer_IsLeftToFusion()
    {
        var graph = GraphOf((K("x"), Cheap(5)), (K("a"), Inc(K("x"))));

        Assert.Same(graph, Inlining.InlineCheapRoots(graph, [K("a")]));
    }

    [Fact]
    public void InlineCheapRoots_ConsumerReadingTheRootTwice_RunsItAtEachRead()
    {
        var graph = GraphOf((K("x"), Cheap(5)), (K("a"), Add(K("x"), K("x"))), (K("b"), Inc(K("x"))));

        var inlined = Inlining.InlineCheapRoots(graph, [K("a"), K("b")]);

        Assert.False(inlined.ContainsKey(K("x")));
        Assert.Equal(2, inlined[K("a")].Args.Count(a => a is NestedArg { Task.Op: TestOps.CheapConst }));
        Assert.Equal(new object?[] { 10, 6 }, Run(inlined, K("a"), K("b")));
    }

    [Fact]
    public void InlineCheapRoots_MoreReadsThanTheLimit_KeepsIt()
    {
        var graph = GraphOf((K("x"), Cheap(5)), (K("a"), Add([.. Enumerable.Repeat(K("x"), Inlining.DefaultMaxConsumers)])), (K("b"), Inc(K("x"))));

        Assert.Same(graph, Inlining.InlineCheapRoots(graph, [K("a"), K("b")]));
    }

    [Fact]
    public void InlineCheapRoots_MoreConsumersThanTheLimit_KeepsIt()
    {
        var tasks = new Dictionary<Key, DaskTask> { [K("x")] = Cheap(1) };
        var consumers = Enumerable.Range(0, Inlining.DefaultMaxConsumers + 1).Select(i => K("a", i)).ToArray();
        foreach (var c in consumers)
        {
            tasks[c] = Inc(K("x"));
        }

        var graph = TaskGraph.FromTasks(tasks);

        Assert.Same(graph, Inlining.InlineCheapRoots(graph, consumers));
    }
}
