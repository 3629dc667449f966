using MiniDask.Graph.Tests.TestSupport;
using static MiniDask.Graph.Tests.TestSupport.TestGraphs;

namespace MiniDask.Graph.Tests;

public class DaskTaskTests
{
    [Fact]
    public void Dependencies_ListsNestedTasksAndRepeats_DistinctInFirstUseOrder()
    {
        var task = new DaskTask(
            TestOps.Add,
            K("c"),
            TaskArg.Refs([K("a"), K("c")]),
            TaskArg.Nested(new DaskTask(TestOps.Inc, K("b"))),
            TaskArg.Literal(5));

        Assert.Equal([K("c"), K("a"), K("b")], task.Dependencies);
    }

    [Fact]
    public void Dependencies_FlatArgsWithRepeats_DistinctInFirstUseOrder()
    {
        var task = new DaskTask(TestOps.Add, K("b"), TaskArg.Literal(1), K("a"), K("b"), K("c"), K("a"));

        Assert.Equal([K("b"), K("a"), K("c")], task.Dependencies);
        Assert.Empty(new DaskTask(TestOps.Add, TaskArg.Literal(1), TaskArg.Literal(2)).Dependencies);
    }

    [Fact]
    public void Dependencies_NestedTwoHundredThousandDeep_CollectedWithoutOverflow()
    {
        var task = Inc(K("x"));
        for (var i = 0; i < 200_000; i++)
        {
            task = new DaskTask(TestOps.Inc, TaskArg.Nested(task));
        }

        Assert.Equal([K("x")], task.Dependencies);
    }

    [Fact]
    public void Constructor_EmptyOp_Throws() =>
        Assert.Throws<ArgumentException>(() => new DaskTask("", TaskArg.Literal(1)));
}
