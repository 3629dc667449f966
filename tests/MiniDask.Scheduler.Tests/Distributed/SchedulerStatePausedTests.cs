using MiniDask.Scheduler.Distributed;
using static MiniDask.Scheduler.Distributed.SchedulerTaskState;
using static MiniDask.Scheduler.Tests.Distributed.Graphs;

namespace MiniDask.Scheduler.Tests.Distributed;

/// <summary>A worker that pauses (memory past its pause fraction) gets no new work until it resumes.</summary>
public sealed class SchedulerStatePausedTests
{
    private static Heartbeat Beat(string worker, bool paused) => new(worker, 0, [], 1, Paused: paused);

    [Fact]
    public void Heartbeat_Paused_ReadyTasksGoToTheRunningWorker()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1), ("tcp://b", 1));
        cluster.Send(Beat("tcp://a", paused: true));
        var graph = Fan(6);

        cluster.Submit("client", graph, KeysOf(graph, "use"));
        cluster.Finish("tcp://b", K("src"));

        Assert.True(cluster.State.Workers["tcp://a"].Paused);
        Assert.Empty(cluster.State.Workers["tcp://a"].Processing);
        Assert.Equal(6, cluster.State.Workers["tcp://b"].Processing.Count);
        Assert.DoesNotContain(cluster.SentOf<ComputeTask>(), c => c.Worker == "tcp://a");
    }

    [Fact]
    public void Heartbeat_Paused_QueuedRootsReleasedOnlyToTheRunningWorker()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 2), ("tcp://b", 2));
        cluster.Send(Beat("tcp://b", paused: true));
        var graph = Roots(10);

        cluster.Submit("client", graph, [.. graph.Keys]);

        Assert.Equal(3, cluster.State.Workers["tcp://a"].Processing.Count);
        Assert.Empty(cluster.State.Workers["tcp://b"].Processing);
        Assert.Equal(7, cluster.State.QueuedTasks.Count);
    }

    [Fact]
    public void Heartbeat_EveryWorkerPaused_TasksWaitAsNoWorkerThenRunWhenOneResumes()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Send(Beat("tcp://a", paused: true));
        var graph = Chain(3);

        var sent = cluster.Submit("client", graph, [K("chain", 2)]);

        Assert.Empty(sent.OfType<ComputeTask>());
        Assert.Equal(NoWorker, cluster.State.StateOf(K("chain", 0)));

        var resumed = cluster.Send(Beat("tcp://a", paused: false));

        Assert.Equal(K("chain", 0), Assert.Single(resumed.OfType<ComputeTask>()).Key);
        cluster.RunToCompletion();
        Assert.Equal(Memory, cluster.State.StateOf(K("chain", 2)));
    }

    [Fact]
    public void Tick_PausedWorkerWithWaitingTasks_IdleWorkerStealsThem()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 2));
        var graph = Fan(4);
        cluster.Submit("client", graph, KeysOf(graph, "use"));
        cluster.Finish("tcp://a", K("src"));
        cluster.AddWorkers(("tcp://b", 4));
        var running = cluster.State.Workers["tcp://a"].Processing.Keys.Take(1).Select(t => t.Key).ToList();
        cluster.Send(new Heartbeat("tcp://a", 0, running, 1, Paused: true));

        var steals = cluster.Send(new Tick()).OfType<StealRequest>().ToList();

        // Running, a's 2 threads would keep 2 of its 4 tasks; paused, only the one it is running stays.
        Assert.Equal(3, steals.Count);
        Assert.All(steals, s => Assert.Equal("tcp://a", s.Worker));
        Assert.DoesNotContain(steals, s => running.Contains(s.Key));
    }

    [Fact]
    public void Tick_PausedIdleWorker_StealsNothing()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        var graph = Fan(6);
        cluster.Submit("client", graph, KeysOf(graph, "use"));
        cluster.Finish("tcp://a", K("src"));
        cluster.AddWorkers(("tcp://b", 1));
        cluster.Send(Beat("tcp://b", paused: true));

        Assert.Empty(cluster.Send(new Tick()).OfType<StealRequest>());
    }
}
