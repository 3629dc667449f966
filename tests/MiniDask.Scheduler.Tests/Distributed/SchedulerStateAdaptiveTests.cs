using MiniDask.Scheduler.Distributed;
using static MiniDask.Scheduler.Tests.Distributed.Graphs;

namespace MiniDask.Scheduler.Tests.Distributed;

public sealed class SchedulerStateAdaptiveTests
{
    [Fact]
    public void AdaptiveTarget_QueuedWorkOfMeasuredDuration_AsksForItsSecondsOverTheTargetInWorkers()
    {
        // 40 roots of a measured 1 s each on one 1-thread worker: 40 s of work, 5 s target -> 8 workers.
        var cluster = new SimulatedCluster { DurationOf = _ => 1.0 };
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Submit("client", Roots(41), [.. Enumerable.Range(0, 41).Select(i => K("root", i))]);
        cluster.Finish("tcp://a", cluster.Pending("tcp://a")[0].Key);

        Assert.Equal(40, cluster.State.QueuedTasks.Count + cluster.State.Workers["tcp://a"].Processing.Count);
        Assert.Equal(8, cluster.State.AdaptiveTarget(targetSeconds: 5));
        Assert.Equal(40, cluster.State.AdaptiveTarget(targetSeconds: 0.5));
    }

    [Fact]
    public void AdaptiveTarget_TwoThreadsPerWorker_CountsWorkersNotThreads()
    {
        var cluster = new SimulatedCluster { DurationOf = _ => 1.0 };
        cluster.AddWorkers(("tcp://a", 2));
        cluster.Submit("client", Roots(41), [.. Enumerable.Range(0, 41).Select(i => K("root", i))]);
        cluster.Finish("tcp://a", cluster.Pending("tcp://a")[0].Key);

        Assert.Equal(4, cluster.State.AdaptiveTarget(targetSeconds: 5));
    }

    [Fact]
    public void AdaptiveTarget_FewLongTasks_AsksForNoMoreWorkersThanTasks()
    {
        var cluster = new SimulatedCluster { DurationOf = _ => 100.0 };
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Submit("client", Roots(4), [.. Enumerable.Range(0, 4).Select(i => K("root", i))]);
        cluster.Finish("tcp://a", cluster.Pending("tcp://a")[0].Key);

        Assert.Equal(3, cluster.State.AdaptiveTarget(targetSeconds: 5));
    }

    [Fact]
    public void AdaptiveTarget_NoWorkAndIdleWorkers_KeepsOneWhileResultsAreHeld()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1), ("tcp://b", 1), ("tcp://c", 1));
        cluster.Submit("client", Roots(1), K("root", 0));
        cluster.RunToCompletion();

        Assert.Equal(1, cluster.State.AdaptiveTarget());
        Assert.Equal(2, cluster.State.WorkersToClose(3).Count);
        Assert.DoesNotContain(cluster.State.Tasks[K("root", 0)].WhoHas.Single().Address, cluster.State.WorkersToClose(3));
    }

    [Fact]
    public void WorkersToClose_BusyWorker_IsNeverProposed()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1), ("tcp://b", 1));
        cluster.Submit("client", Roots(1), K("root", 0));
        var busy = cluster.State.Tasks[K("root", 0)].ProcessingOn!.Address;

        Assert.DoesNotContain(busy, cluster.State.WorkersToClose(2));
        Assert.Single(cluster.State.WorkersToClose(2));
    }
}
