using MiniDask.Graph;
using MiniDask.Scheduler.Distributed;
using static MiniDask.Scheduler.Distributed.SchedulerTaskState;
using static MiniDask.Scheduler.Tests.Distributed.Graphs;

namespace MiniDask.Scheduler.Tests.Distributed;

public sealed class SchedulerStateDataMovementTests
{
    /// <summary>Three workers, and <paramref name="n"/> roots all computed on <c>tcp://a</c> (the others join afterwards).</summary>
    private static SimulatedCluster RootsOnA(int n)
    {
        var cluster = new SimulatedCluster { NBytesOf = k => 100 * (k.Index[0] + 1) };
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Submit("client", Roots(n), [.. Enumerable.Range(0, n).Select(i => K("root", i))]);
        cluster.RunToCompletion();
        cluster.AddWorkers(("tcp://b", 1), ("tcp://c", 1));
        return cluster;
    }

    [Fact]
    public void PlanReplicate_TwoCopies_AddsOneHolderPerKeyOnTheWorkerHoldingLeast()
    {
        var cluster = RootsOnA(2);

        var moves = cluster.State.PlanReplicate([K("root", 0), K("root", 1)], 2);

        Assert.Equal(
            [(K("root", 0), "tcp://b"), (K("root", 1), "tcp://c")],
            moves.Select(m => (m.Key, m.Target)).ToList());
        Assert.All(moves, m => Assert.Equal(["tcp://a"], m.Sources));
    }

    [Fact]
    public void PlanReplicate_KeyNotInMemory_ThrowsNamingTheKey()
    {
        var cluster = RootsOnA(1);

        var error = Assert.Throws<ArgumentException>(() => cluster.State.PlanReplicate([K("nope", 3)], 2));

        Assert.Contains("('nope', 3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplicasAdded_KnownKeyInMemory_BecomesAReplicaAndClientsHearTheNewHolders()
    {
        var cluster = RootsOnA(1);

        var sent = cluster.Send(new ReplicasAdded("tcp://b", [K("root", 0)], [100]));

        Assert.Equal(["tcp://a", "tcp://b"], cluster.State.Tasks[K("root", 0)].WhoHas.Select(w => w.Address).Order());
        Assert.Equal(["tcp://a", "tcp://b"], sent.OfType<KeyInMemory>().Single().WhoHas);
        Assert.Empty(sent.OfType<FreeKeys>());
    }

    [Fact]
    public void ReplicasAdded_UnknownKey_IsFreedOnThatWorker()
    {
        var cluster = RootsOnA(1);

        var sent = cluster.Send(new ReplicasAdded("tcp://b", [K("stale", 0)], [8]));

        Assert.Equal([K("stale", 0)], sent.OfType<FreeKeys>().Single(f => f.Worker == "tcp://b").Keys);
        Assert.Equal(Forgotten, cluster.State.StateOf(K("stale", 0)));
    }

    [Fact]
    public void PlanRetire_UniqueResults_MoveToTheWorkersThatStayBalancedBySize()
    {
        var cluster = RootsOnA(3);

        var moves = cluster.State.PlanRetire(["tcp://a"]);

        // Largest first: root-2 (300 B) to b, root-1 (200 B) to c, root-0 (100 B) to c (c holds 200 < b's 300).
        Assert.Equal(
            [(K("root", 2), "tcp://b"), (K("root", 1), "tcp://c"), (K("root", 0), "tcp://c")],
            moves.Select(m => (m.Key, m.Target)).ToList());
    }

    [Fact]
    public void PlanRetire_EveryWorkerHoldingData_ThrowsBecauseResultsWouldBeLost()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Submit("client", Roots(1), K("root", 0));
        cluster.RunToCompletion();

        var error = Assert.Throws<ArgumentException>(() => cluster.State.PlanRetire(["tcp://a"]));

        Assert.Contains("would lose 1 result", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RetireWorkers_AfterItsDataMoved_RemovesItWithoutRecomputingAnything()
    {
        var cluster = RootsOnA(3);
        cluster.Send(new StartRetiring(["tcp://a"]));
        foreach (var group in cluster.State.PlanRetire(["tcp://a"]).GroupBy(m => m.Target))
        {
            cluster.Send(new ReplicasAdded(group.Key, [.. group.Select(m => m.Key)], [.. group.Select(m => m.NBytes)]));
        }

        var sent = cluster.Send(new RetireWorkers(["tcp://a"]));

        Assert.Equal("tcp://a", sent.OfType<RetireWorkerInstruction>().Single().Worker);
        Assert.Empty(sent.OfType<ComputeTask>());
        Assert.False(cluster.State.Workers.ContainsKey("tcp://a"));
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(Memory, cluster.State.StateOf(K("root", i))));
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(1, cluster.ComputeCount(K("root", i))));
    }

    [Fact]
    public void StartRetiring_NewWork_IsNotPlacedOnTheRetiringWorker()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1), ("tcp://b", 1));
        cluster.Send(new StartRetiring(["tcp://a"]));

        cluster.Submit("client", Roots(4), [.. Enumerable.Range(0, 4).Select(i => K("root", i))]);
        cluster.RunToCompletion();

        Assert.All(cluster.SentOf<ComputeTask>(), c => Assert.Equal("tcp://b", c.Worker));
    }

    [Fact]
    public void PlanRebalance_OneWorkerHoldsEverything_MovesHalfTheBytesAndDropsThemThere()
    {
        var cluster = new SimulatedCluster { NBytesOf = _ => 100 };
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Submit("client", Roots(4), [.. Enumerable.Range(0, 4).Select(i => K("root", i))]);
        cluster.RunToCompletion();
        cluster.AddWorkers(("tcp://b", 1));

        var moves = cluster.State.PlanRebalance();
        cluster.Send(new ReplicasAdded("tcp://b", [.. moves.Select(m => m.Key)], [.. moves.Select(m => m.NBytes)]));
        var sent = cluster.Send(new DropReplicas("tcp://a", [.. moves.Select(m => m.Key)]));

        Assert.Equal(2, moves.Count);
        Assert.All(moves, m => Assert.Equal(("tcp://a", "tcp://b"), (m.DropFrom, m.Target)));
        Assert.Equal(200, cluster.State.Workers["tcp://a"].NBytes);
        Assert.Equal(200, cluster.State.Workers["tcp://b"].NBytes);
        Assert.Equal(moves.Select(m => m.Key).Order(), sent.OfType<FreeKeys>().Single().Keys.Order());
    }

    [Fact]
    public void RestartCluster_WantedKeys_FailAsRestartedAndEveryTaskAndWorkerIsForgotten()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1), ("tcp://b", 1));
        cluster.Submit("client", Chain(3), K("chain", 2));
        cluster.Finish(cluster.State.Tasks[K("chain", 0)].ProcessingOn!.Address, K("chain", 0));

        var sent = cluster.Send(new RestartCluster());

        Assert.Equal(K("chain", 2), sent.OfType<KeyErred>().Single().Key);
        Assert.Equal(SchedulerState.RestartedException, sent.OfType<KeyErred>().Single().Exception);
        Assert.Equal(["tcp://a", "tcp://b"], sent.OfType<RestartWorkerInstruction>().Select(r => r.Worker).Order());
        Assert.Empty(cluster.State.Tasks);
        Assert.Empty(cluster.State.Workers);
        Assert.Empty(cluster.State.Clients);
    }
}
