using MiniDask.Graph;
using MiniDask.Scheduler.Distributed;
using MiniDask.Testing;
using static MiniDask.Scheduler.Distributed.SchedulerTaskState;
using static MiniDask.Scheduler.Tests.Distributed.Graphs;

namespace MiniDask.Scheduler.Tests.Distributed;

public sealed class SchedulerStatePlacementTests
{
    /// <summary>
    /// <c>big</c> finished on a, which then gets two more roots (occupancy 1 s on its one thread);
    /// b joins idle. Returns where <c>use(big)</c> is sent.
    /// </summary>
    private static ComputeTask PlaceDependentOf(long bigBytes) => PlaceDependentOf(bigBytes, out _);

    private static ComputeTask PlaceDependentOf(long bigBytes, out SimulatedCluster simulated)
    {
        var cluster = new SimulatedCluster { NBytesOf = k => k == K("big") ? bigBytes : 8 };
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Submit("client", TaskGraph.FromTasks(new Dictionary<Key, DaskTask> { [K("big")] = Task("gen") }), K("big"));
        cluster.Finish("tcp://a", K("big"));
        var busy = Roots(2, "busy");
        cluster.Submit("client", busy, [.. busy.Keys]);
        cluster.AddWorkers(("tcp://b", 1));
        Assert.Equal(2, cluster.State.Workers["tcp://a"].Processing.Count);

        var tasks = new Dictionary<Key, TaskSpec> { [K("use")] = TaskSpecs.Of(Task("use", K("big"))) };
        var sent = cluster.Send(new UpdateGraph("client", tasks, [K("use")], new Dictionary<Key, int>()));
        simulated = cluster;
        return Assert.Single(sent.OfType<ComputeTask>());
    }

    [Fact]
    public void Placement_BigDependencyOnBusyWorker_WaitsThereRatherThanMovingIt()
    {
        // 1 GB at 100 MB/s is 10 s of transfer, against 1 s of queued work on the holder.
        var compute = PlaceDependentOf(1_000_000_000);

        Assert.Equal("tcp://a", compute.Worker);
        Assert.Equal(["tcp://a"], compute.WhoHas[K("big")]);
    }

    [Fact]
    public void Placement_SmallDependencyOnBusyWorker_GoesToItsHolderAndTheIdleWorkerStealsIt()
    {
        // As Dask's decide_worker, a task goes to a worker holding its inputs; stealing then balances.
        var compute = PlaceDependentOf(1000, out var cluster);

        Assert.Equal("tcp://a", compute.Worker);
        var steal = cluster.Send(new Tick()).OfType<StealRequest>().Single(r => r.Key == K("use"));
        Assert.Equal("tcp://a", steal.Worker);
        cluster.Drop("tcp://a", K("use"));
        var moved = cluster.Send(new StealResponse("tcp://a", K("use"), Accepted: true)).OfType<ComputeTask>().Single();
        Assert.Equal(("tcp://b", K("use")), (moved.Worker, moved.Key));
    }

    [Fact]
    public void EstimatedStartTime_Worker_IsOccupancyPerThreadPlusMissingBytesOverBandwidth()
    {
        var cluster = new SimulatedCluster { NBytesOf = _ => 50_000_000 };
        cluster.AddWorkers(("tcp://a", 2), ("tcp://b", 2));
        cluster.Submit("client", Chain(2), K("chain", 1));
        var holder = cluster.Pending("tcp://a").Count == 1 ? "tcp://a" : "tcp://b";
        var other = holder == "tcp://a" ? "tcp://b" : "tcp://a";
        cluster.Finish(holder, K("chain", 0));
        var next = cluster.State.Tasks[K("chain", 1)];

        Assert.Equal(0.5 / 2, cluster.State.EstimatedStartTime(next, cluster.State.Workers[holder]), 9);
        Assert.Equal(0.5, cluster.State.EstimatedStartTime(next, cluster.State.Workers[other]), 9);
    }

    [Fact]
    public void ExpectedDuration_AfterFinishes_IsARunningAverageOfObservedDurationsPerOp()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Submit("client", Chain(3), K("chain", 2));
        cluster.DurationOf = k => k[0] == 1 ? 2.0 : 4.0;

        Assert.Equal(0.5, cluster.State.ExpectedDuration("inc"));
        cluster.RunToCompletion();

        Assert.Equal(0.5 * 2.0 + 0.5 * 4.0, cluster.State.ExpectedDuration("inc"), 9);
        Assert.Equal(4.0, cluster.State.ExpectedDuration("gen"), 9);
        Assert.Equal(0.5, cluster.State.ExpectedDuration("never-seen"));
    }

    [Fact]
    public void Occupancy_TasksSentAndFinished_SumsExpectedDurationsAndReturnsToZero()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 2));
        var graph = Roots(3);
        cluster.Submit("client", graph, [.. graph.Keys]);

        Assert.Equal(1.5, cluster.State.Workers["tcp://a"].Occupancy, 9);
        cluster.RunToCompletion();
        Assert.Equal(0, cluster.State.Workers["tcp://a"].Occupancy);
    }

    [Fact]
    public void Placement_TwoIdleWorkers_SpreadsRootsBetweenThem()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1), ("tcp://b", 1));
        var graph = Roots(2);

        var sent = cluster.Submit("client", graph, [.. graph.Keys]);

        Assert.Equal(["tcp://a", "tcp://b"], sent.OfType<ComputeTask>().Select(c => c.Worker).Order());
    }

    [Fact]
    public void Heartbeat_WithMeasuredBandwidth_MovesTheEstimateTowardsIt()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));

        cluster.Send(new Heartbeat("tcp://a", 1000, [], 5.0, Bandwidth: 50e6));

        Assert.Equal(75e6, cluster.State.Bandwidth, 3);
        Assert.Equal(1000, cluster.State.Workers["tcp://a"].ReportedMemory);
    }

    [Fact]
    public void Placement_NoWorkerThenWorkerJoins_TaskStartsThere()
    {
        var cluster = new SimulatedCluster();
        cluster.Submit("client", Chain(1), K("chain", 0));

        var sent = cluster.Send(new AddWorker("tcp://late", 1));

        Assert.Equal("tcp://late", Assert.Single(sent.OfType<ComputeTask>()).Worker);
        Assert.Equal([(Released, Waiting), (Waiting, NoWorker), (NoWorker, Processing)],
            cluster.State.Story(K("chain", 0)).Select(r => (r.Start, r.Finish)));
    }
}
