using MiniDask.Graph;
using MiniDask.Scheduler.Distributed;
using static MiniDask.Scheduler.Distributed.SchedulerTaskState;
using static MiniDask.Scheduler.Tests.Distributed.Graphs;

namespace MiniDask.Scheduler.Tests.Distributed;

public sealed class SchedulerStateClientTests
{
    [Fact]
    public void ClientDisconnected_AfterCompute_FreesKeysOnHoldersAndForgetsEveryTask()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Submit("client", Chain(3), K("chain", 2));
        cluster.RunToCompletion();

        var sent = cluster.Send(new ClientDisconnected("client"));

        var free = Assert.IsType<FreeKeys>(Assert.Single(sent));
        Assert.Equal(("tcp://a", K("chain", 2)), (free.Worker, free.Keys.Single()));
        Assert.Empty(cluster.State.Tasks);
        Assert.Empty(cluster.State.Clients);
        Assert.Empty(cluster.State.Workers["tcp://a"].HasWhat);
        Assert.Equal(0, cluster.State.Workers["tcp://a"].NBytes);
        Assert.Equal([(Memory, Released), (Released, Forgotten)],
            cluster.State.Story(K("chain", 2)).TakeLast(2).Select(r => (r.Start, r.Finish)));
    }

    [Fact]
    public void ClientDisconnected_MidComputation_CancelsRunningTasksAndEmptiesTheQueue()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        var (graph, top) = TreeReduction(8);
        cluster.Submit("client", graph, top);
        var first = cluster.Pending("tcp://a")[0].Key;
        cluster.Finish("tcp://a", first);
        var running = cluster.Pending("tcp://a").Select(c => c.Key).ToList();

        var sent = cluster.Send(new ClientDisconnected("client"));

        var freed = sent.OfType<FreeKeys>().SelectMany(f => f.Keys).ToHashSet();
        Assert.Contains(first, freed);
        Assert.Superset(running.ToHashSet(), freed);
        Assert.Empty(cluster.State.Tasks);
        Assert.Empty(cluster.State.QueuedTasks);
        Assert.Empty(cluster.State.Workers["tcp://a"].Processing);
        Assert.Equal(0, cluster.State.Workers["tcp://a"].Occupancy);
        Assert.Empty(cluster.Pending("tcp://a"));
    }

    [Fact]
    public void ClientReleasesKeys_KeyWantedByAnotherClient_StaysInMemoryUntilBothRelease()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Submit("first", Chain(1), K("chain", 0));
        cluster.Submit("second", Chain(1), K("chain", 0));
        cluster.RunToCompletion();

        Assert.Empty(cluster.Send(new ClientReleasesKeys("first", [K("chain", 0)])));
        Assert.Equal(Memory, cluster.State.StateOf(K("chain", 0)));

        var sent = cluster.Send(new ClientReleasesKeys("second", [K("chain", 0)]));
        Assert.Equal(K("chain", 0), Assert.IsType<FreeKeys>(Assert.Single(sent)).Keys.Single());
        Assert.Equal(Forgotten, cluster.State.StateOf(K("chain", 0)));
        Assert.Equal(2, cluster.State.Clients.Count);
    }

    [Fact]
    public void ClientDisconnected_KeyAnotherClientsTaskStillNeeds_IsKeptUntilThatTaskRan()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Submit("first", Chain(1), K("chain", 0));
        cluster.RunToCompletion();
        cluster.Submit("second", Chain(2), K("chain", 1));

        Assert.Empty(cluster.Send(new ClientDisconnected("first")));
        Assert.Equal(Memory, cluster.State.StateOf(K("chain", 0)));

        cluster.RunToCompletion();
        Assert.Equal(Memory, cluster.State.StateOf(K("chain", 1)));
        Assert.Equal(Released, cluster.State.StateOf(K("chain", 0)));
        Assert.Equal(1, cluster.ComputeCount(K("chain", 0)));
    }

    [Fact]
    public void ClientReleasesKeys_SharedInputOfTwoWantedKeys_ReleasedOnlyWhenBothDone()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        var graph = TaskGraph.FromTasks(new Dictionary<Key, DaskTask>
        {
            [K("x")] = Task("gen"),
            [K("y")] = Task("inc", K("x")),
            [K("z")] = Task("dec", K("x")),
        });
        cluster.Submit("client", graph, K("y"), K("z"));
        cluster.Finish("tcp://a", K("x"));
        var firstDependent = cluster.Pending("tcp://a")[0].Key;

        cluster.Finish("tcp://a", firstDependent);
        Assert.Equal(Memory, cluster.State.StateOf(K("x")));

        cluster.RunToCompletion();
        Assert.Equal(Released, cluster.State.StateOf(K("x")));
    }

    [Fact]
    public void ClientReleasesKeys_UnknownClientOrKey_IsIgnored()
    {
        var cluster = new SimulatedCluster();

        Assert.Empty(cluster.Send(new ClientReleasesKeys("nobody", [K("x")]), new ClientDisconnected("nobody")));
    }

    [Fact]
    public void ClientDisconnected_AfterEachOfManyComputations_LeavesNoTasksNorClientsAndTheLogCapped()
    {
        var cluster = new SimulatedCluster(new SchedulerOptions { TransitionLogLength = 40 });
        cluster.AddWorkers(("tcp://a", 2));
        for (var round = 0; round < 300; round++)
        {
            var name = $"round{round}";
            cluster.Submit(name, Chain(3, name), K(name, 2));
            cluster.RunToCompletion();
            cluster.Send(new ClientDisconnected(name));

            Assert.Empty(cluster.State.Tasks);
            Assert.Empty(cluster.State.Clients);
            Assert.InRange(cluster.State.TransitionLog.Count, 1, 40 + 40 / 4);
        }

        Assert.Empty(cluster.State.Workers["tcp://a"].HasWhat);
        Assert.All(cluster.State.TransitionLog, r => Assert.StartsWith("round29", r.Key.Name, StringComparison.Ordinal));
    }
}
