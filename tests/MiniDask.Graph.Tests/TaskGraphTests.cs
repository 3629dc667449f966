using MiniDask.Graph.Tests.TestSupport;
using static MiniDask.Graph.Tests.TestSupport.TestGraphs;

namespace MiniDask.Graph.Tests;

public class TaskGraphTests
{
    public TaskGraphTests() => TestOps.EnsureRegistered();

    [Fact]
    public void Validate_MissingDependency_MessageNamesTaskAndMissingKey()
    {
        var graph = GraphOf((K("b", 0), Inc(K("a", 7))));

        var error = Assert.Throws<GraphValidationException>(graph.Validate);

        Assert.Contains("('b', 0)", error.Message);
        Assert.Contains("('a', 7)", error.Message);
    }

    [Fact]
    public void Validate_Cycle_MessageNamesKeysOnCycleOnly()
    {
        var graph = GraphOf(
            (K("root"), Const(1)),
            (K("a"), Add(K("root"), K("c"))),
            (K("b"), Inc(K("a"))),
            (K("c"), Inc(K("b"))),
            (K("out"), Inc(K("c"))));

        var error = Assert.Throws<GraphValidationException>(graph.Validate);

        Assert.Contains("cycle", error.Message);
        Assert.Contains("'a'", error.Message);
        Assert.Contains("'b'", error.Message);
        Assert.Contains("'c'", error.Message);
        Assert.DoesNotContain("'root'", error.Message);
        Assert.DoesNotContain("'out'", error.Message);
    }

    [Fact]
    public void Validate_TaskDependingOnItself_ReportsCycle()
    {
        var graph = GraphOf((K("self", 0), Inc(K("self", 0))));

        var error = Assert.Throws<GraphValidationException>(graph.Validate);

        Assert.Contains("('self', 0) -> ('self', 0)", error.Message);
    }

    [Fact]
    public void Validate_DiamondGraph_DoesNotThrow()
    {
        var graph = GraphOf(
            (K("a"), Const(1)),
            (K("b"), Inc(K("a"))),
            (K("c"), Inc(K("a"))),
            (K("d"), Add(K("b"), K("c"))));

        var error = Record.Exception(graph.Validate);

        Assert.Null(error);
    }

    [Fact]
    public void Dependents_Diamond_ReturnsReverseEdges()
    {
        var graph = GraphOf(
            (K("a"), Const(1)),
            (K("b"), Inc(K("a"))),
            (K("c"), Inc(K("a"))),
            (K("d"), Add(K("b"), K("c"))));

        var dependents = graph.Dependents();

        Assert.Equal([K("b"), K("c")], dependents[K("a")].Order());
        Assert.Equal([K("d")], dependents[K("b")]);
        Assert.Empty(dependents[K("d")]);
    }

    [Fact]
    public void FromLayer_InputGraphsShareLayer_KeepsOneCopyOfEachTask()
    {
        var x = TaskGraph.FromTasks([new(K("x", 0), Const(1))], "x");
        var y = TaskGraph.FromLayer(new MaterializedLayer("y", new Dictionary<Key, DaskTask> { [K("y", 0)] = Inc(K("x", 0)) }), x);
        var z = TaskGraph.FromLayer(new MaterializedLayer("z", new Dictionary<Key, DaskTask> { [K("z", 0)] = Add(K("x", 0), K("y", 0)) }), x, y);

        Assert.Equal(3, z.Count);
        Assert.Equal(["x", "y", "z"], z.Layers.Keys.Order());
        Assert.Equal(new object?[] { 3 }, Run(z, K("z", 0)));
    }

    [Fact]
    public void Indexer_MissingKey_ThrowsNamingKey()
    {
        var graph = GraphOf((K("a", 0), Const(1)));

        var error = Assert.Throws<KeyNotFoundException>(() => graph[K("a", 1)]);

        Assert.Contains("('a', 1)", error.Message);
    }

    [Fact]
    public void Positions_FollowKeyOrder_WithDependenciesAndDependentsAsPositions()
    {
        var graph = GraphOf((K("b"), Inc(K("a"))), (K("a"), Const(1)), (K("c"), Add(K("a"), K("b"))));

        Assert.Equal([K("a"), K("b"), K("c")], Enumerable.Range(0, graph.Count).Select(graph.KeyAt));
        Assert.Equal(2, graph.PositionOf(K("c")));
        Assert.Equal(-1, graph.PositionOf(K("z")));
        Assert.Equal([0, 1], graph.DependenciesAt(2).ToArray());
        Assert.Equal([1, 2], graph.DependentsAt(0).ToArray());
        Assert.Same(graph[K("b")], graph.TaskAt(1));
    }

    [Fact]
    public void Count_LayersOfDistinctNames_SumsTheLayersWithoutLayingThemOut()
    {
        var x = new MaterializedLayer("x", new Dictionary<Key, DaskTask> { [K("x", 0)] = Const(1), [K("x", 1)] = Const(2) });
        var y = new MaterializedLayer("y", new Dictionary<Key, DaskTask> { [K("y", 0)] = Inc(K("x", 0)) });

        Assert.Equal(3, TaskGraph.FromLayer(y, TaskGraph.FromLayer(x)).Count);
    }

    [Fact]
    public void Count_LayersSharingKeys_CountsEachKeyOnce()
    {
        var a = new MaterializedLayer("a", new Dictionary<Key, DaskTask> { [K("x", 0)] = Const(1), [K("x", 1)] = Const(2) });
        var b = new MaterializedLayer("b", new Dictionary<Key, DaskTask> { [K("x", 0)] = Const(1) });

        var graph = TaskGraph.Merge(TaskGraph.FromLayer(a), TaskGraph.FromLayer(b));

        Assert.Equal(2, graph.Count);
        Assert.Equal(2, graph.Keys.Count());
    }
}
