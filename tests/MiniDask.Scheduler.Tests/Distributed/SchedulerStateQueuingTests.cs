using MiniDask.Scheduler.Distributed;
using static MiniDask.Scheduler.Distributed.SchedulerTaskState;
using static MiniDask.Scheduler.Tests.Distributed.Graphs;

namespace MiniDask.Scheduler.Tests.Distributed;

public sealed class SchedulerStateQueuingTests
{
    private static readonly SchedulerOptions Backlog = new() { MinRootBacklogSeconds = 0.002 };

    [Fact]
    public void Options_Default_HoldsABacklogOfTwoMilliseconds()
    {
        Assert.Equal(0.002, SchedulerOptions.Default.MinRootBacklogSeconds);
        Assert.Equal(16, SchedulerOptions.Default.MaxRootBacklogPerThread);
    }

    [Fact]
    public void UpdateGraph_ManyRoots_NeverMoreThanSaturationProcessingPerWorker()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 2), ("tcp://b", 4));
        var peak = new Dictionary<string, int>();
        cluster.AfterEachBatch = state =>
        {
            foreach (var ws in state.Workers.Values)
            {
                Assert.True(ws.Processing.Count <= state.RootSlots(ws), $"{ws.Address} processes {ws.Processing.Count} roots");
                peak[ws.Address] = Math.Max(peak.GetValueOrDefault(ws.Address), ws.Processing.Count);
            }
        };
        var graph = Roots(40);

        cluster.Submit("client", graph, [.. graph.Keys]);

        Assert.Equal(40 - 3 - 5, cluster.State.QueuedTasks.Count);
        Assert.All(cluster.State.QueuedTasks, t => Assert.Equal(Queued, t.State));
        cluster.RunToCompletion();
        Assert.All(graph.Keys, k => Assert.Equal(Memory, cluster.State.StateOf(k)));
        Assert.Equal(3, peak["tcp://a"]);
        Assert.Equal(5, peak["tcp://b"]);
    }

    [Fact]
    public void TaskFinished_RootOnSaturatedWorker_NextQueuedRootGoesToThatWorker()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1), ("tcp://b", 1));
        var graph = Roots(10);
        cluster.Submit("client", graph, [.. graph.Keys]);
        var next = cluster.State.QueuedTasks.First().Key;
        var onB = cluster.Pending("tcp://b")[0].Key;

        var sent = cluster.Finish("tcp://b", onB);

        var compute = Assert.Single(sent.OfType<ComputeTask>());
        Assert.Equal(("tcp://b", next), (compute.Worker, compute.Key));
        Assert.Equal(2, cluster.State.Workers["tcp://b"].Processing.Count);
        Assert.Equal([(Queued, Processing)], cluster.State.Story(next).Skip(2).Select(r => (r.Start, r.Finish)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.002)]
    public void RunToCompletion_TreeReduction_EachPairOfLeavesRunsOnOneWorker(double backlog)
    {
        var cluster = new SimulatedCluster(new SchedulerOptions { MinRootBacklogSeconds = backlog }) { DurationOf = _ => 1e-4 };
        cluster.AddWorkers(("tcp://a", 1), ("tcp://b", 1));
        var (graph, top) = TreeReduction(64);
        cluster.Submit("client", graph, top);

        cluster.RunToCompletion();

        var ranOn = cluster.SentOf<ComputeTask>().ToDictionary(c => c.Key, c => c.Worker);
        Assert.Equal(Memory, cluster.State.StateOf(top));
        Assert.Equal(2, ranOn.Values.Distinct().Count());
        var together = Enumerable.Range(0, 32).Where(j => ranOn[K("leaf", 2 * j)] == ranOn[K("leaf", (2 * j) + 1)]).ToList();

        // Only where the queue runs out may an idle worker take the last root of a family.
        Assert.InRange(together.Count, 31, 32);
        Assert.All(together, j => Assert.Equal(ranOn[K("leaf", 2 * j)], ranOn[K("sum", 1, j)]));
    }

    [Fact]
    public void UpdateGraph_RootsQueued_ReleasedLowestPriorityFirst()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        var graph = Roots(6);
        cluster.Submit("client", graph, [.. graph.Keys]);

        cluster.RunToCompletion();

        var order = cluster.SentOf<ComputeTask>().Select(c => c.Priority).ToList();
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public void UpdateGraph_QueuingDisabled_SendsEveryRootAtOnce()
    {
        var cluster = new SimulatedCluster(new SchedulerOptions { WorkerSaturation = double.PositiveInfinity });
        cluster.AddWorkers(("tcp://a", 1));
        var graph = Roots(10);

        var sent = cluster.Submit("client", graph, [.. graph.Keys]);

        Assert.Equal(10, sent.OfType<ComputeTask>().Count());
        Assert.Empty(cluster.State.QueuedTasks);
        Assert.False(cluster.State.QueuingEnabled);
    }

    [Fact]
    public void AddWorker_WhileRootsQueued_TakesItsShareOfTheQueue()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        var graph = Roots(10);
        cluster.Submit("client", graph, [.. graph.Keys]);

        var sent = cluster.Send(new AddWorker("tcp://b", 2));

        Assert.Equal(3, sent.OfType<ComputeTask>().Count(c => c.Worker == "tcp://b"));
        Assert.Equal(10 - 2 - 3, cluster.State.QueuedTasks.Count);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(4, 5)]
    [InlineData(10, 11)]
    [InlineData(16, 18)]
    public void RootSlots_Threads_IsCeilingOfSaturationTimesThreads(int nthreads, int slots)
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", nthreads));

        Assert.Equal(slots, cluster.State.RootSlots(cluster.State.Workers["tcp://a"]));
    }

    [Fact]
    public void TaskFinished_ShortRootsMeasured_WorkerHoldsABacklogOfAboutMinRootBacklog()
    {
        // 200 µs tasks against a 2 ms backlog: once a duration is measured, the worker holds about 10.
        var cluster = new SimulatedCluster(Backlog) { DurationOf = _ => 2e-4 };
        cluster.AddWorkers(("tcp://a", 1));
        var graph = Roots(200);
        cluster.Submit("client", graph, [.. graph.Keys]);
        var first = cluster.Pending("tcp://a").Select(c => c.Key).ToList();
        Assert.Equal(2, first.Count);

        // The first two were placed at the default duration; the backlog grows once they are done.
        cluster.Finish("tcp://a", first[0]);
        cluster.Finish("tcp://a", first[1]);

        var processing = cluster.State.Workers["tcp://a"].Processing.Count;
        Assert.InRange(processing, 9, 12);
        cluster.RunToCompletion();
        Assert.All(graph.Keys, k => Assert.Equal(Memory, cluster.State.StateOf(k)));
    }

    [Fact]
    public void TaskFinished_LongRootsMeasured_CountOnlyQueuingHolds()
    {
        var cluster = new SimulatedCluster(Backlog) { DurationOf = _ => 0.01 };
        cluster.AddWorkers(("tcp://a", 2));
        var graph = Roots(50);
        cluster.AfterEachBatch = state => Assert.True(state.Workers["tcp://a"].Processing.Count <= 3);
        cluster.Submit("client", graph, [.. graph.Keys]);

        cluster.RunToCompletion();

        Assert.All(graph.Keys, k => Assert.Equal(Memory, cluster.State.StateOf(k)));
    }

    [Fact]
    public void TaskFinished_VeryShortRoots_BacklogCappedPerThread()
    {
        var cluster = new SimulatedCluster(Backlog with { MaxRootBacklogPerThread = 8 }) { DurationOf = _ => 1e-9 };
        cluster.AddWorkers(("tcp://a", 2));
        var graph = Roots(100);
        cluster.Submit("client", graph, [.. graph.Keys]);

        foreach (var key in cluster.Pending("tcp://a").Select(c => c.Key).ToList())
        {
            cluster.Finish("tcp://a", key);
        }

        Assert.Equal(16, cluster.State.Workers["tcp://a"].Processing.Count);
    }

    [Theory]
    [InlineData(8L, true)]
    [InlineData(100L << 20, false)]
    public void TaskFinished_Backlog_ShortRootsGetOneOnlyWhileTheirResultsAreSmall(long resultBytes, bool backlog)
    {
        // A worker may hold 2 ms of measured work per thread past the count, as long as the results of
        // the tasks past the count stay under 64 MiB: 8-byte results qualify, 100 MiB ones do not.
        var cluster = new SimulatedCluster(Backlog) { DurationOf = _ => 1e-6, NBytesOf = _ => resultBytes };
        cluster.AddWorkers(("tcp://a", 1));
        var graph = Roots(40);
        cluster.Submit("client", graph, [.. graph.Keys]);

        foreach (var key in cluster.Pending("tcp://a").Select(c => c.Key).ToList())
        {
            cluster.Finish("tcp://a", key);
        }

        var processing = cluster.State.Workers["tcp://a"].Processing.Count;
        if (backlog)
        {
            Assert.Equal(SchedulerOptions.Default.MaxRootBacklogPerThread, processing);
        }
        else
        {
            Assert.Equal(2, processing);
        }

        cluster.RunToCompletion();
        Assert.All(graph.Keys, k => Assert.Equal(Memory, cluster.State.StateOf(k)));
    }

    [Fact]
    public void TaskFinished_BacklogOff_ShortRootsStillCountOnly()
    {
        var cluster = new SimulatedCluster(new SchedulerOptions { MinRootBacklogSeconds = 0 }) { DurationOf = _ => 1e-6 };
        cluster.AddWorkers(("tcp://a", 1));
        var graph = Roots(20);
        cluster.Submit("client", graph, [.. graph.Keys]);

        foreach (var key in cluster.Pending("tcp://a").Select(c => c.Key).ToList())
        {
            cluster.Finish("tcp://a", key);
        }

        Assert.Equal(2, cluster.State.Workers["tcp://a"].Processing.Count);
    }

    [Fact]
    public void TaskFinished_ResultsOfManyMegabytes_BacklogStopsAtTheByteBound()
    {
        // 10 MiB results against a 64 MiB bound: 6 tasks past the 2 of the count.
        var cluster = new SimulatedCluster(Backlog) { DurationOf = _ => 1e-6, NBytesOf = _ => 10L << 20 };
        cluster.AddWorkers(("tcp://a", 1));
        var graph = Roots(40);
        cluster.Submit("client", graph, [.. graph.Keys]);

        foreach (var key in cluster.Pending("tcp://a").Select(c => c.Key).ToList())
        {
            cluster.Finish("tcp://a", key);
        }

        Assert.Equal(2 + 6, cluster.State.Workers["tcp://a"].Processing.Count);
    }

    [Fact]
    public void Options_NegativeBacklog_Refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SchedulerState(new SchedulerOptions { MinRootBacklogSeconds = -1 }));
        Assert.Equal("MinRootBacklogSeconds", error.ParamName);
        var bytes = Assert.Throws<ArgumentOutOfRangeException>(() => new SchedulerState(new SchedulerOptions { MaxRootBacklogBytes = -1 }));
        Assert.Equal("MaxRootBacklogBytes", bytes.ParamName);
    }

    [Fact]
    public void TaskLongRunning_ProcessingRootSeceded_FreesItsSlotAndOccupancySoTheNextQueuedRootGoesThere()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        var graph = Roots(4);
        cluster.Submit("client", graph, [.. graph.Keys]);
        var ws = cluster.State.Workers["tcp://a"];
        var parent = cluster.Pending("tcp://a")[0].Key;
        var next = cluster.State.QueuedTasks.First().Key;
        Assert.Equal(2, ws.Processing.Count);
        Assert.False(cluster.State.HasRootSlot(ws, cluster.State.QueuedTasks.First()));

        var sent = cluster.Send(new TaskLongRunning("tcp://a", parent));

        var compute = Assert.Single(sent.OfType<ComputeTask>());
        Assert.Equal(("tcp://a", next), (compute.Worker, compute.Key));
        Assert.Equal([parent], ws.LongRunning.Select(t => t.Key));
        Assert.Equal(3, ws.Processing.Count);
        Assert.Equal(0.0, ws.Processing.Single(p => p.Key.Key == parent).Value);
        Assert.Equal(ws.Processing.Where(p => p.Key.Key != parent).Sum(p => p.Value), ws.Occupancy, 9);
        Assert.Equal(Processing, cluster.State.StateOf(parent));

        cluster.Finish("tcp://a", parent);

        Assert.Empty(ws.LongRunning);
        Assert.Equal(Memory, cluster.State.StateOf(parent));
    }

    [Fact]
    public void TaskLongRunning_TaskNotProcessingOnThatWorker_ChangesNothing()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1), ("tcp://b", 1));
        var graph = Roots(2);
        cluster.Submit("client", graph, [.. graph.Keys]);
        var onA = cluster.Pending("tcp://a")[0].Key;

        var sent = cluster.Send(new TaskLongRunning("tcp://b", onA), new TaskLongRunning("tcp://a", K("unknown", 0)));

        Assert.Empty(sent.OfType<ComputeTask>());
        Assert.All(cluster.State.Workers.Values, w => Assert.Empty(w.LongRunning));
    }
}
