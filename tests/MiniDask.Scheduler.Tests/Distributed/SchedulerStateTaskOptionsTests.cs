using MiniDask.Graph;
using TaskOptions = MiniDask.Protocol.Messages.TaskOptions;
using MiniDask.Scheduler.Distributed;
using MiniDask.Testing;
using static MiniDask.Scheduler.Distributed.SchedulerTaskState;
using static MiniDask.Scheduler.Tests.Distributed.Graphs;

namespace MiniDask.Scheduler.Tests.Distributed;

/// <summary>Task options in the state machine: retries, resources, worker restrictions, user priority; and scattered data and fire-and-forget keys.</summary>
public sealed class SchedulerStateTaskOptionsTests
{
    private static UpdateGraph Submit(TaskOptions options, params string[] names)
    {
        var tasks = names.ToDictionary(n => K(n), n => TaskSpecs.Of(Task("gen")) with { Options = options });
        return new UpdateGraph("client", tasks, [.. tasks.Keys], names.Select((n, i) => (K(n), i)).ToDictionary(x => x.Item1, x => x.i));
    }

    private static void AddWorker(SimulatedCluster cluster, string address, int threads, string name = "", Dictionary<string, double>? resources = null) =>
        cluster.Send(new AddWorker(address, threads, 1L << 30, Name: name, Resources: resources));

    [Fact]
    public void TaskErred_WithRetriesLeft_RunsTheTaskAgainUntilTheyRunOut()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Send(Submit(new TaskOptions { Retries = 2 }, "flaky"));

        cluster.Fail("tcp://a", K("flaky"), "System.IO.IOException: first");
        cluster.Fail("tcp://a", K("flaky"), "System.IO.IOException: second");
        var third = cluster.Fail("tcp://a", K("flaky"), "System.IO.IOException: third");

        Assert.Equal(3, cluster.ComputeCount(K("flaky")));
        Assert.Equal(Erred, cluster.State.StateOf(K("flaky")));
        var erred = Assert.Single(third.OfType<KeyErred>());
        Assert.Contains("third", erred.Exception);
        Assert.Empty(cluster.SentOf<KeyErred>().Except([erred]));
    }

    [Fact]
    public void TaskErred_RetriedTaskThenSucceeds_ReportsOnlyTheResult()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Send(Submit(new TaskOptions { Retries = 2 }, "flaky"));

        cluster.Fail("tcp://a", K("flaky"), "System.IO.IOException: first");
        cluster.Finish("tcp://a", K("flaky"));

        Assert.Equal(Memory, cluster.State.StateOf(K("flaky")));
        Assert.Empty(cluster.SentOf<KeyErred>());
        Assert.Single(cluster.SentOf<KeyInMemory>());
        Assert.Equal(2, cluster.State.Tasks[K("flaky")].RunCount);
    }

    [Fact]
    public void Placement_ResourceTasks_GoOnlyToTheWorkerOfferingThemOneAtATime()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 4));
        AddWorker(cluster, "tcp://gpu", 2, resources: new() { ["GPU"] = 1 });

        cluster.Send(Submit(new TaskOptions { Resources = new() { ["GPU"] = 1 } }, "g1", "g2", "g3"));

        var sent = Assert.Single(cluster.SentOf<ComputeTask>());
        Assert.Equal("tcp://gpu", sent.Worker);
        Assert.Equal(1, cluster.State.Workers["tcp://gpu"].UsedResources["GPU"]);
        Assert.Equal(2, cluster.State.NoWorkerTasks.Count);

        cluster.RunToCompletion();

        Assert.All(cluster.SentOf<ComputeTask>(), c => Assert.Equal("tcp://gpu", c.Worker));
        Assert.Equal(3, cluster.SentOf<ComputeTask>().Count());
        Assert.Equal(0, cluster.State.Workers["tcp://gpu"].UsedResources["GPU"]);
    }

    [Fact]
    public void Placement_ResourceNoWorkerOffers_WaitsUntilOneJoins()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 4));

        cluster.Send(Submit(new TaskOptions { Resources = new() { ["MEMORY"] = 8e9 } }, "big"));
        Assert.Equal(NoWorker, cluster.State.StateOf(K("big")));
        AddWorker(cluster, "tcp://small", 1, resources: new() { ["MEMORY"] = 4e9 });
        Assert.Equal(NoWorker, cluster.State.StateOf(K("big")));
        AddWorker(cluster, "tcp://large", 1, resources: new() { ["MEMORY"] = 16e9 });

        Assert.Equal("tcp://large", Assert.Single(cluster.SentOf<ComputeTask>()).Worker);
    }

    [Fact]
    public void Placement_WorkerRestrictionByName_RunsOnlyThere()
    {
        var cluster = new SimulatedCluster();
        AddWorker(cluster, "tcp://a", 1, name: "alpha");
        AddWorker(cluster, "tcp://b", 1, name: "beta");

        cluster.Send(Submit(new TaskOptions { Workers = ["beta"] }, "t0", "t1", "t2"));
        cluster.RunToCompletion();

        Assert.All(cluster.SentOf<ComputeTask>(), c => Assert.Equal("tcp://b", c.Worker));
    }

    [Fact]
    public void Placement_RestrictionToAbsentWorker_WaitsUnlessLoose()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));

        cluster.Send(Submit(new TaskOptions { Workers = ["tcp://gone"] }, "strict"));
        cluster.Send(Submit(new TaskOptions { Workers = ["tcp://gone"], AllowLooseRestrictions = true }, "loose"));

        Assert.Equal(NoWorker, cluster.State.StateOf(K("strict")));
        Assert.Equal("tcp://a", Assert.Single(cluster.SentOf<ComputeTask>()).Worker);
        Assert.Equal(K("loose"), Assert.Single(cluster.SentOf<ComputeTask>()).Key);
    }

    [Fact]
    public void Priority_HigherUserPriority_RunsFirst()
    {
        var cluster = new SimulatedCluster();
        cluster.Send(Submit(new TaskOptions(), "low0", "low1"));
        cluster.Send(Submit(new TaskOptions { Priority = 5 }, "urgent"));
        cluster.AddWorkers(("tcp://a", 1));

        Assert.Equal(K("urgent"), cluster.SentOf<ComputeTask>().First().Key);
    }

    [Fact]
    public void ScatteredData_DependentTask_ReadsItWhereItIs()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1), ("tcp://b", 1));
        var data = new Dictionary<Key, ScatteredValue> { [K("data")] = new(["tcp://b"], 100_000_000) };

        var placed = cluster.Send(new ScatteredData("client", data));
        var use = new Dictionary<Key, TaskSpec> { [K("use")] = TaskSpecs.Of(Task("use", K("data"))) };
        cluster.Send(new UpdateGraph("client", use, [K("use")], new Dictionary<Key, int>()));

        Assert.Equal(["tcp://b"], Assert.Single(placed.OfType<KeyInMemory>()).WhoHas);
        Assert.Equal(Memory, cluster.State.StateOf(K("data")));
        Assert.Equal("tcp://b", Assert.Single(cluster.SentOf<ComputeTask>()).Worker);
    }

    [Fact]
    public void ScatteredData_LastHolderLost_ErrsInsteadOfRecomputing()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Send(new ScatteredData("client", new Dictionary<Key, ScatteredValue> { [K("data")] = new(["tcp://a"], 8) }));

        var sent = cluster.Send(new RemoveWorker("tcp://a", WorkerRemovalReason.Lost));

        Assert.Equal(Erred, cluster.State.StateOf(K("data")));
        Assert.Contains("was lost", Assert.Single(sent.OfType<KeyErred>()).Exception);
        Assert.Empty(cluster.SentOf<ComputeTask>());
    }

    [Fact]
    public void FireAndForget_ReleasedByItsClient_StillRunsThenIsForgotten()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Send(Submit(new TaskOptions(), "side-effect"));
        cluster.Send(new FireAndForgetKeys([K("side-effect")]));

        cluster.Send(new ClientReleasesKeys("client", [K("side-effect")]));
        Assert.Equal(Processing, cluster.State.StateOf(K("side-effect")));
        cluster.Finish("tcp://a", K("side-effect"));

        Assert.Equal(Forgotten, cluster.State.StateOf(K("side-effect")));
        Assert.Empty(cluster.State.Clients[SchedulerState.FireAndForgetClient].WantsWhat);
    }
}
