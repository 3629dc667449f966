using MiniDask.Graph;
using MiniDask.Scheduler.Distributed;
using static MiniDask.Scheduler.Distributed.SchedulerTaskState;
using static MiniDask.Scheduler.Tests.Distributed.Graphs;

namespace MiniDask.Scheduler.Tests.Distributed;

public sealed class SchedulerStateStealingTests
{
    /// <summary>Eight ready <c>use-i</c> tasks processing on a (2 threads) and b joined idle (2 threads).</summary>
    private static SimulatedCluster SaturatedAndIdle(SchedulerOptions? options = null, long srcBytes = 8)
    {
        var cluster = new SimulatedCluster(options) { NBytesOf = k => k == K("src") ? srcBytes : 8 };
        cluster.AddWorkers(("tcp://a", 2));
        var graph = Fan(8);
        cluster.Submit("client", graph, KeysOf(graph, "use"));
        cluster.Finish("tcp://a", K("src"));
        cluster.AddWorkers(("tcp://b", 2));
        Assert.Equal(8, cluster.State.Workers["tcp://a"].Processing.Count);
        return cluster;
    }

    [Fact]
    public void Tick_IdleAndSaturatedWorkers_AsksTheVictimForTheTasksItWouldRunLast()
    {
        var cluster = SaturatedAndIdle();
        var last = cluster.State.Workers["tcp://a"].Processing.Keys.OrderByDescending(t => t.Priority).Take(2).Select(t => t.Key);

        var sent = cluster.Send(new Tick());

        var requests = sent.OfType<StealRequest>().ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("tcp://a", r.Worker));
        Assert.Equal(last, requests.Select(r => r.Key));
        Assert.Equal(2, cluster.State.StealsInFlight.Count);
        Assert.Empty(cluster.Send(new Tick()));
    }

    [Fact]
    public void StealResponse_Accepted_MovesTheTaskToTheThief()
    {
        var cluster = SaturatedAndIdle();
        var key = cluster.Send(new Tick()).OfType<StealRequest>().First().Key;
        cluster.Drop("tcp://a", key);

        var sent = cluster.Send(new StealResponse("tcp://a", key, Accepted: true));

        var compute = Assert.Single(sent.OfType<ComputeTask>());
        Assert.Equal(("tcp://b", key), (compute.Worker, compute.Key));
        Assert.Equal(["tcp://a"], compute.WhoHas[K("src")]);
        Assert.Equal(7, cluster.State.Workers["tcp://a"].Processing.Count);
        var steal = cluster.State.Story(key)[^1];
        Assert.Equal((Processing, Processing, "tcp://b"), (steal.Start, steal.Finish, steal.Worker));
        cluster.RunToCompletion();
        Assert.All(KeysOf(Fan(8), "use"), k => Assert.Equal(Memory, cluster.State.StateOf(k)));
    }

    [Fact]
    public void StealResponse_Rejected_TaskStaysOnTheVictim()
    {
        var cluster = SaturatedAndIdle();
        var key = cluster.Send(new Tick()).OfType<StealRequest>().First().Key;

        var sent = cluster.Send(new StealResponse("tcp://a", key, Accepted: false));

        Assert.Empty(sent);
        Assert.Equal("tcp://a", cluster.State.Tasks[key].ProcessingOn!.Address);
        Assert.DoesNotContain(key, cluster.State.StealsInFlight.Keys);
    }

    [Fact]
    public void Tick_VictimReportsTasksExecuting_LeavesThemAlone()
    {
        var cluster = SaturatedAndIdle();
        var processing = cluster.State.Workers["tcp://a"].Processing.Keys.Select(t => t.Key).ToList();

        cluster.Send(new Heartbeat("tcp://a", 0, processing, 1));
        var sent = cluster.Send(new Tick());

        Assert.Empty(sent.OfType<StealRequest>());
    }

    [Fact]
    public void Tick_NoWorkerSaturated_StealsNothing()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 2));
        var graph = Roots(2);
        cluster.Submit("client", graph, [.. graph.Keys]);
        cluster.AddWorkers(("tcp://b", 2));

        Assert.Empty(cluster.Send(new Tick()));
    }

    [Fact]
    public void Tick_StealingDisabled_StealsNothing()
    {
        var cluster = SaturatedAndIdle(new SchedulerOptions { WorkStealing = false });

        Assert.Empty(cluster.Send(new Tick()));
    }

    [Fact]
    public void Tick_TaskNextToBigData_IsNotWorthMoving()
    {
        // 1 GB of input takes 10 s to move, against 0.5 s expected to compute.
        var cluster = SaturatedAndIdle(srcBytes: 1_000_000_000);

        Assert.Empty(cluster.Send(new Tick()));
    }

    [Fact]
    public void StealResponse_AfterTheVictimFinishedTheTask_IsIgnored()
    {
        var cluster = SaturatedAndIdle();
        var key = cluster.Send(new Tick()).OfType<StealRequest>().First().Key;
        cluster.Finish("tcp://a", key);

        var sent = cluster.Send(new StealResponse("tcp://a", key, Accepted: false));

        Assert.Empty(sent);
        Assert.Equal(Memory, cluster.State.StateOf(key));
        Assert.Equal(1, cluster.ComputeCount(key));
    }

    [Fact]
    public void StealResponse_ThiefLeftMeanwhile_TaskIsPlacedAgain()
    {
        var cluster = SaturatedAndIdle();
        var key = cluster.Send(new Tick()).OfType<StealRequest>().First().Key;
        cluster.Send(new RemoveWorker("tcp://b", WorkerRemovalReason.Graceful));
        cluster.Drop("tcp://a", key);

        var sent = cluster.Send(new StealResponse("tcp://a", key, Accepted: true));

        Assert.Equal(("tcp://a", key), sent.OfType<ComputeTask>().Select(c => (c.Worker, c.Key)).Single());
        cluster.RunToCompletion();
        Assert.Equal(Memory, cluster.State.StateOf(key));
    }
}
