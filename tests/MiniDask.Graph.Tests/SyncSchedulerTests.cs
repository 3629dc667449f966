using MiniDask.Graph.Tests.TestSupport;
using static MiniDask.Graph.Tests.TestSupport.TestGraphs;

namespace MiniDask.Graph.Tests;

public class SyncSchedulerTests
{
    private static readonly TaskGraph Small = GraphOf(
        (K("x", 0), Const(1)),
        (K("x", 1), Const(2)),
        (K("y", 0), Inc(K("x", 0))),
        (K("y", 1), Inc(K("x", 1))),
        (K("total"), Add(K("y", 0), K("y", 1))));

    public SyncSchedulerTests() => TestOps.EnsureRegistered();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Get_SmallGraph_ReturnsRequestedResultsInRequestOrder(bool optimize)
    {
        var results = new SyncScheduler().Get(Small, [K("total"), K("y", 0), K("x", 1)], new ComputeOptions { Optimize = optimize });

        Assert.Equal(new object?[] { 5, 2, 2 }, results);
    }

    [Fact]
    public async Task GetAsync_SmallGraph_SameResultsAsGet()
    {
        var results = await new SyncScheduler().GetAsync(Small, [K("total")]);

        Assert.Equal(new object?[] { 5 }, results);
    }

    [Fact]
    public void Get_WithProgress_ReportsEveryTaskOnceUpToTheTotal()
    {
        var progress = new Recorder();

        new SyncScheduler().Get(Small, [K("total")], new ComputeOptions { Optimize = false, Progress = progress });

        Assert.Equal([1, 2, 3, 4, 5], progress.Reports.Select(p => p.Done));
        Assert.All(progress.Reports, p => Assert.Equal(5, p.Total));
        Assert.Equal(1, progress.Reports[^1].InMemory);
    }

    [Fact]
    public void Get_TreeReduction_ReleasesIntermediatesAsItGoes()
    {
        var (graph, root, depth) = TreeReduction(256, 4);
        var progress = new Recorder();

        var results = new SyncScheduler().Get(graph, [root], new ComputeOptions { Optimize = false, Progress = progress });

        Assert.Equal(new object?[] { Enumerable.Range(0, 256).Sum() }, results);
        Assert.True(progress.Reports.Max(p => p.InMemory) <= 4 * depth + 2);
    }

    [Fact]
    public void Get_OpThrows_TaskFailedExceptionNamesKeyAndOp()
    {
        var graph = GraphOf((K("x", 0), Const(1)), (K("bad", 3), new DaskTask(TestOps.Fail, K("x", 0))));

        var error = Assert.Throws<TaskFailedException>(() => new SyncScheduler().Get(graph, [K("bad", 3)]));

        Assert.Equal(K("bad", 3), error.Key);
        Assert.Equal(TestOps.Fail, error.Op);
        Assert.Contains("('bad', 3)", error.Message);
        Assert.Contains(TestOps.Fail, error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public void Get_UnregisteredOp_TaskFailedExceptionWrapsUnknownOp()
    {
        var graph = GraphOf((K("x"), new DaskTask("test.graph.never-registered")));

        var error = Assert.Throws<TaskFailedException>(() => new SyncScheduler().Get(graph, [K("x")]));

        Assert.IsType<UnknownOpException>(error.InnerException);
    }

    [Fact]
    public void Get_HandBuiltTaskNestedTooDeep_FailsWithTaskFailedException()
    {
        var task = Const(0);
        for (var i = 0; i < 200_000; i++)
        {
            task = new DaskTask(TestOps.Inc, TaskArg.Nested(task));
        }

        var error = Assert.Throws<TaskFailedException>(() => new SyncScheduler().Get(GraphOf((K("deep"), task)), [K("deep")]));

        Assert.IsType<InsufficientExecutionStackException>(error.InnerException);
    }

    [Fact]
    public void Get_CancelledBeforeStart_ThrowsOperationCanceled()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new SyncScheduler().Get(Small, [K("total")], cancellationToken: cancel.Token));
    }

    [Fact]
    public void Get_CancelledDuringRun_StopsBeforeTheNextTask()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new Recorder(p =>
        {
            if (p.Done == 2)
            {
                cancel.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => new SyncScheduler().Get(
            Small, [K("total")], new ComputeOptions { Optimize = false, Progress = progress }, cancel.Token));
        Assert.Equal(2, progress.Reports.Count);
    }

    [Fact]
    public void Get_GraphWithCycle_ThrowsGraphValidation()
    {
        var graph = GraphOf((K("a"), Inc(K("b"))), (K("b"), Inc(K("a"))), (K("c"), Inc(K("a"))));

        Assert.Throws<GraphValidationException>(() => new SyncScheduler().Get(graph, [K("c")]));
    }

    /// <summary>Records progress synchronously (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class Recorder(Action<ComputeProgress>? onReport = null) : IProgress<ComputeProgress>
    {
        public List<ComputeProgress> Reports { get; } = [];

        public void Report(ComputeProgress value)
        {
            Reports.Add(value);
            onReport?.Invoke(value);
        }
    }
}
