using MiniDask.Graph.Tests.TestSupport;
using static MiniDask.Graph.Tests.TestSupport.TestGraphs;

namespace MiniDask.Graph.Tests;

public class TaskRunnerTests
{
    public TaskRunnerTests() => TestOps.EnsureRegistered();

    [Fact]
    public void Run_ListNestedAndReferenceArguments_ResolvedBeforeTheCall()
    {
        var task = new DaskTask(
            TestOps.Add,
            K("a"),
            TaskArg.Nested(new DaskTask(TestOps.Sum, TaskArg.List([TaskArg.Ref(K("b")), TaskArg.Literal(100)]))),
            TaskArg.Literal(1000));

        var result = TaskRunner.Run(task, new Lookup(new() { [K("a")] = 1, [K("b")] = 10 }));

        Assert.Equal(1111, result);
    }

    [Fact]
    public void Run_NestedDeeperThanTheStack_ThrowsInsteadOfOverflowing()
    {
        var task = Const(0);
        for (var i = 0; i < 200_000; i++)
        {
            task = new DaskTask(TestOps.Inc, TaskArg.Nested(task));
        }

        Assert.Throws<InsufficientExecutionStackException>(() => TaskRunner.Run(task, new Lookup([])));
    }

    [Fact]
    public void Run_UnknownOp_ThrowsNamingOp()
    {
        var error = Assert.Throws<UnknownOpException>(() => TaskRunner.Run(new DaskTask("test.graph.missing"), new Lookup([])));

        Assert.Equal("test.graph.missing", error.Op);
    }

    private readonly struct Lookup(Dictionary<Key, object?> values) : IResultLookup
    {
        public object? Get(Key key) => values[key];
    }
}
