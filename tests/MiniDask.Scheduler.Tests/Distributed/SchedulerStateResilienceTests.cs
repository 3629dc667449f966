using MiniDask.Graph;
using MiniDask.Scheduler.Distributed;
using static MiniDask.Scheduler.Distributed.SchedulerTaskState;
using static MiniDask.Scheduler.Tests.Distributed.Graphs;

namespace MiniDask.Scheduler.Tests.Distributed;

public sealed class SchedulerStateResilienceTests
{
    [Fact]
    public void RemoveWorker_LostWhileExecuting_ReschedulesOnSurvivorAndCountsASuspiciousDeath()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1), ("tcp://b", 1));
        var graph = Roots(2);
        cluster.Submit("client", graph, [.. graph.Keys]);
        var onA = cluster.Pending("tcp://a")[0].Key;
        cluster.Send(new TaskStarted("tcp://a", onA));

        cluster.Crash("tcp://a");
        var sent = cluster.Send(new RemoveWorker("tcp://a", WorkerRemovalReason.Lost));

        Assert.Equal(("tcp://b", onA), sent.OfType<ComputeTask>().Select(c => (c.Worker, c.Key)).Single());
        var ts = cluster.State.Tasks[onA];
        Assert.Equal(1, ts.Suspicious);
        Assert.Equal(["tcp://a"], ts.KilledOn);
        Assert.Equal(2, ts.RunCount);
        Assert.DoesNotContain(sent.OfType<FreeKeys>(), f => f.Worker == "tcp://a");
        cluster.RunToCompletion();
        Assert.All(graph.Keys, k => Assert.Equal(Memory, cluster.State.StateOf(k)));
    }

    [Fact]
    public void RemoveWorker_LostWithTasksQueuedButNotStarted_ReschedulesThemWithoutSuspicion()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1), ("tcp://b", 1));
        cluster.Submit("client", Chain(1), K("chain", 0));
        var on = cluster.State.Tasks[K("chain", 0)].ProcessingOn!.Address;

        cluster.Crash(on);
        cluster.Send(new RemoveWorker(on, WorkerRemovalReason.Lost));

        Assert.Equal(0, cluster.State.Tasks[K("chain", 0)].Suspicious);
        Assert.Empty(cluster.State.Tasks[K("chain", 0)].KilledOn);
    }

    [Fact]
    public void RemoveWorker_Graceful_ReschedulesWithoutSuspicion()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1), ("tcp://b", 1));
        cluster.Submit("client", Chain(1), K("chain", 0));

        cluster.Send(new RemoveWorker("tcp://a", WorkerRemovalReason.Graceful));

        Assert.Equal(0, cluster.State.Tasks[K("chain", 0)].Suspicious);
        Assert.Equal("tcp://b", cluster.State.Tasks[K("chain", 0)].ProcessingOn!.Address);
    }

    [Fact]
    public void RemoveWorker_HoldingIntermediates_RecomputesOnlyTheLostLineage()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 2), ("tcp://b", 2));
        var tasks = new Dictionary<Key, DaskTask>();
        for (var i = 0; i < 6; i++)
        {
            tasks[K("leaf", i)] = Task("gen");
            tasks[K("inc", i)] = Task("inc", K("leaf", i));
        }

        tasks[K("total")] = Task("sum", [.. Enumerable.Range(0, 6).Select(i => K("inc", i))]);
        cluster.Submit("client", TaskGraph.FromTasks(tasks), K("total"));
        cluster.RunToCompletion(hold: c => c.Key == K("total"));
        var totalOn = cluster.State.Tasks[K("total")].ProcessingOn!.Address;
        var victim = totalOn == "tcp://a" ? "tcp://b" : "tcp://a";
        var lost = cluster.State.Workers[victim].HasWhat.Select(t => t.Key).ToHashSet();
        Assert.NotEmpty(lost);
        Assert.All(lost, k => Assert.Equal("inc", k.Name));

        cluster.Crash(victim);
        var sent = cluster.Send(new RemoveWorker(victim, WorkerRemovalReason.Lost));

        Assert.Contains(sent.OfType<FreeKeys>(), f => f.Worker == totalOn && f.Keys.Contains(K("total")));
        Assert.Equal(Waiting, cluster.State.StateOf(K("total")));
        cluster.RunToCompletion();
        Assert.Equal(Memory, cluster.State.StateOf(K("total")));
        for (var i = 0; i < 6; i++)
        {
            var expected = lost.Contains(K("inc", i)) ? 2 : 1;
            Assert.Equal(expected, cluster.ComputeCount(K("inc", i)));
            Assert.Equal(expected, cluster.ComputeCount(K("leaf", i)));
            Assert.Equal(expected, cluster.State.Tasks[K("leaf", i)].RunCount);
        }

        Assert.Equal(6 + 6 + 1 + 2 * lost.Count + 1, cluster.SentOf<ComputeTask>().Count());
    }

    [Fact]
    public void RemoveWorker_FourthDeathWhileExecuting_FailsWithKilledWorkerWhileUnrelatedTasksFinish()
    {
        var cluster = new SimulatedCluster();
        var bad = TaskGraph.FromTasks(new Dictionary<Key, DaskTask> { [K("bad")] = Task("crash"), [K("after")] = Task("inc", K("bad")) });
        cluster.Submit("first", bad, K("after"));
        foreach (var worker in new[] { "tcp://w1", "tcp://w2", "tcp://w3" })
        {
            cluster.AddWorkers((worker, 1));
            Assert.Equal(worker, cluster.State.Tasks[K("bad")].ProcessingOn!.Address);
            cluster.Send(new TaskStarted(worker, K("bad")));
            cluster.Crash(worker);
            Assert.Empty(cluster.Send(new RemoveWorker(worker, WorkerRemovalReason.Lost)).OfType<TaskKilledWorker>());
        }

        var good = Roots(3, "good");
        cluster.Submit("second", good, [.. good.Keys]);
        cluster.AddWorkers(("tcp://w4", 4));
        cluster.Send(new TaskStarted("tcp://w4", K("bad")));
        foreach (var key in good.Keys)
        {
            cluster.Finish("tcp://w4", key);
        }

        cluster.Crash("tcp://w4");
        var sent = cluster.Send(new RemoveWorker("tcp://w4", WorkerRemovalReason.Lost));

        Assert.Equal(Erred, cluster.State.StateOf(K("bad")));
        Assert.Equal(Erred, cluster.State.StateOf(K("after")));
        var killed = Assert.Single(sent.OfType<TaskKilledWorker>());
        Assert.Equal(("first", K("after"), K("bad")), (killed.Client, killed.Key, killed.Blame));
        Assert.Equal(["tcp://w1", "tcp://w2", "tcp://w3", "tcp://w4"], killed.Workers);
        Assert.Contains("task 'bad'", killed.Message);
        Assert.Contains("4 different workers", killed.Message);
        Assert.Contains("KilledWorker", cluster.State.Tasks[K("bad")].Exception);
        Assert.True(cluster.State.Tasks[K("after")].KilledWorker);

        cluster.AddWorkers(("tcp://w5", 4));
        cluster.RunToCompletion();
        Assert.All(good.Keys, k => Assert.Equal(Memory, cluster.State.StateOf(k)));
        Assert.All(good.Keys, k => Assert.Equal(0, cluster.State.Tasks[k].Suspicious));
        // Each good key was reported twice: computed on w4, lost with it, recomputed on w5.
        Assert.Equal(6, cluster.SentOf<KeyInMemory>().Count(m => m.Client == "second"));
        Assert.Equal(4, cluster.ComputeCount(K("bad")));
    }

    [Fact]
    public void Tick_WorkerSilentBeyondTtl_RemovedAsLostClosedAndItsTasksRescheduled()
    {
        var cluster = new SimulatedCluster(new SchedulerOptions { WorkerTtlSeconds = 10 });
        cluster.AddWorkers(("tcp://a", 1), ("tcp://b", 1));
        var graph = Roots(2);
        cluster.Submit("client", graph, [.. graph.Keys]);
        var onB = cluster.Pending("tcp://b")[0].Key;
        cluster.Send(new TaskStarted("tcp://b", onB));

        cluster.Clock.Advance(6);
        cluster.Send(new Heartbeat("tcp://a", 0, [], 6));
        Assert.Empty(cluster.Send(new Tick()));
        cluster.Clock.Advance(6);
        var sent = cluster.Send(new Tick());

        var close = Assert.IsType<CloseWorker>(sent[0]);
        Assert.Equal("tcp://b", close.Worker);
        Assert.Contains("no heartbeat for 12s", close.Reason);
        Assert.Equal(("tcp://a", onB), sent.OfType<ComputeTask>().Select(c => (c.Worker, c.Key)).Single());
        Assert.Equal(["tcp://a"], cluster.State.Workers.Keys);
        Assert.Equal(1, cluster.State.Tasks[onB].Suspicious);
    }

    [Fact]
    public void Tick_TaskFinishedCountsAsSignOfLife_KeepsTheWorker()
    {
        var cluster = new SimulatedCluster(new SchedulerOptions { WorkerTtlSeconds = 10 });
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Submit("client", Chain(2), K("chain", 1));

        cluster.Clock.Advance(8);
        cluster.Finish("tcp://a", K("chain", 0));
        cluster.Clock.Advance(8);
        cluster.Send(new Tick());

        Assert.Contains("tcp://a", cluster.State.Workers.Keys);
        Assert.Equal(108, cluster.State.Workers["tcp://a"].LastSeen);
    }

    [Fact]
    public void Heartbeat_FromRemovedWorker_AsksItToClose()
    {
        var cluster = new SimulatedCluster();

        var sent = cluster.Send(new Heartbeat("tcp://ghost", 0, [], 1));

        Assert.Equal("tcp://ghost", Assert.IsType<CloseWorker>(Assert.Single(sent)).Worker);
        Assert.Empty(cluster.State.Workers);
    }

    [Fact]
    public void RemoveWorker_LastWorker_ReadyWorkGoesToNoWorkerAndResumesOnANewOne()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Submit("client", Chain(3), K("chain", 2));
        cluster.Finish("tcp://a", K("chain", 0));

        cluster.Crash("tcp://a");
        cluster.Send(new RemoveWorker("tcp://a", WorkerRemovalReason.Lost));

        Assert.Equal(NoWorker, cluster.State.StateOf(K("chain", 0)));
        Assert.Equal(Waiting, cluster.State.StateOf(K("chain", 1)));
        cluster.AddWorkers(("tcp://b", 1));
        cluster.RunToCompletion();
        Assert.Equal(Memory, cluster.State.StateOf(K("chain", 2)));
        Assert.Equal(2, cluster.ComputeCount(K("chain", 0)));
    }

    [Fact]
    public void WorkerReportsMissingData_LastCopyGone_RecomputesItAndRestartsTheDependent()
    {
        // One root slot per worker, so x and y run on different workers although they are one family.
        var cluster = new SimulatedCluster(new SchedulerOptions { WorkerSaturation = 1.0 });
        cluster.AddWorkers(("tcp://a", 1), ("tcp://b", 1));
        var graph = TaskGraph.FromTasks(new Dictionary<Key, DaskTask>
        {
            [K("x")] = Task("gen"),
            [K("y")] = Task("gen"),
            [K("z")] = Task("add", K("x"), K("y")),
        });
        cluster.Submit("client", graph, K("z"));
        cluster.RunToCompletion(hold: c => c.Key == K("z"));
        var zOn = cluster.State.Tasks[K("z")].ProcessingOn!.Address;
        var peer = zOn == "tcp://a" ? "tcp://b" : "tcp://a";
        var lostKey = cluster.State.Workers[peer].HasWhat.Single().Key;

        var sent = cluster.Send(new WorkerReportsMissingData(zOn, lostKey, peer));

        Assert.Contains(sent.OfType<FreeKeys>(), f => f.Worker == zOn && f.Keys.Contains(K("z")));
        Assert.Equal(lostKey, Assert.Single(sent.OfType<ComputeTask>()).Key);
        cluster.RunToCompletion();
        Assert.Equal(Memory, cluster.State.StateOf(K("z")));
        Assert.Equal(2, cluster.ComputeCount(lostKey));
        Assert.Equal(2, cluster.ComputeCount(K("z")));
    }

    [Fact]
    public void WorkerReportsMissingData_PeerWasNotAHolder_RefreshesTheWorkersWhoHas()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1), ("tcp://b", 1));
        cluster.Submit("client", Chain(2), K("chain", 1));
        var holder = cluster.Pending("tcp://a").Count == 1 ? "tcp://a" : "tcp://b";
        cluster.Finish(holder, K("chain", 0));
        var other = holder == "tcp://a" ? "tcp://b" : "tcp://a";

        var sent = cluster.Send(new WorkerReportsMissingData(other, K("chain", 0), "tcp://stale"));

        var refresh = Assert.IsType<RefreshWhoHas>(Assert.Single(sent));
        Assert.Equal(other, refresh.Worker);
        Assert.Equal([holder], refresh.WhoHas[K("chain", 0)]);
        Assert.Equal(Memory, cluster.State.StateOf(K("chain", 0)));
    }
}
