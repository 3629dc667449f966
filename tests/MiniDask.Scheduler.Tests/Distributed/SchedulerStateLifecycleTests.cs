using MiniDask.Graph;
using MiniDask.Protocol;
using MiniDask.Scheduler.Distributed;
using MiniDask.Testing;
using static MiniDask.Scheduler.Distributed.SchedulerTaskState;
using static MiniDask.Scheduler.Tests.Distributed.Graphs;

namespace MiniDask.Scheduler.Tests.Distributed;

public sealed class SchedulerStateLifecycleTests
{
    [Fact]
    public void HandleStimulus_ChainOnOneWorker_RunsToCompletionComputingEachLinkOnce()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 2));

        cluster.Submit("client", Chain(5), K("chain", 4));
        cluster.RunToCompletion();

        Assert.Equal(Memory, cluster.State.StateOf(K("chain", 4)));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(Released, cluster.State.StateOf(K("chain", i)));
        }

        Assert.All(Enumerable.Range(0, 5), i => Assert.Equal(1, cluster.ComputeCount(K("chain", i))));
        var done = Assert.Single(cluster.SentOf<KeyInMemory>());
        Assert.Equal(("client", K("chain", 4)), (done.Client, done.Key));
        Assert.Equal(["tcp://a"], done.WhoHas);
        Assert.Equal([K("chain", 4)], cluster.State.Workers["tcp://a"].HasWhat.Select(t => t.Key));
        Assert.Equal(
            Enumerable.Range(0, 4).Select(i => K("chain", i)),
            cluster.SentOf<FreeKeys>().SelectMany(f => f.Keys));
    }

    [Fact]
    public void HandleStimulus_TreeReductionOnTwoWorkers_CompletesOnBothAndKeepsOnlyTheTop()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 2), ("tcp://b", 2));
        var (graph, top) = TreeReduction(16);

        cluster.Submit("client", graph, top);
        cluster.RunToCompletion();

        Assert.Equal(Memory, cluster.State.StateOf(top));
        Assert.All(graph.Keys.Where(k => k != top), k => Assert.Equal(Released, cluster.State.StateOf(k)));
        Assert.All(graph.Keys, k => Assert.Equal(1, cluster.ComputeCount(k)));
        Assert.Equal(2, cluster.SentOf<ComputeTask>().Select(c => c.Worker).Distinct().Count());
        Assert.Equal(1, cluster.State.Workers.Values.Sum(w => w.HasWhat.Count));
        Assert.Equal(top, Assert.Single(cluster.SentOf<KeyInMemory>()).Key);
    }

    [Fact]
    public void ComputeTask_DependentOfFinishedTask_CarriesWhoHasAndSizesOfDependencies()
    {
        var cluster = new SimulatedCluster { NBytesOf = _ => 1234 };
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Submit("client", Chain(2), K("chain", 1));

        var sent = cluster.Finish("tcp://a", K("chain", 0));

        var compute = Assert.Single(sent.OfType<ComputeTask>());
        Assert.Equal(K("chain", 1), compute.Key);
        Assert.Equal(["tcp://a"], compute.WhoHas[K("chain", 0)]);
        Assert.Equal(1234, compute.NBytes[K("chain", 0)]);
        Assert.Equal("inc", compute.Op);
        Assert.Equal("inc", RunSpecCodec.Decode(compute.Run).Op);
    }

    [Fact]
    public void Story_ComputedKey_ListsItsTransitionsWithTheirStimulusIds()
    {
        var cluster = new SimulatedCluster();
        cluster.Send(new AddWorker("tcp://a", 1, StimulusId: "join"));
        cluster.Send(TaskSpecs.Update("client", Chain(1), [K("chain", 0)], "submit"));
        cluster.Send(new TaskFinished("tcp://a", K("chain", 0), 8, 0, 1, "done"));

        var story = cluster.State.Story(K("chain", 0));

        Assert.Equal(
            [(Released, Waiting, "submit"), (Waiting, Processing, "submit"), (Processing, Memory, "done")],
            story.Select(r => (r.Start, r.Finish, r.StimulusId)));
        Assert.All(story.Skip(1), r => Assert.Equal("tcp://a", r.Worker));
        Assert.Equal(story.Take(2), cluster.State.StoryOfStimulus("submit"));
        Assert.Contains("Processing -> Memory [done] on tcp://a", story[2].ToString());
    }

    [Fact]
    public void HandleStimulus_StimulusWithoutId_GetsADeterministicOne()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));

        var sent = cluster.Submit("client", Chain(1), K("chain", 0));

        Assert.Equal("update-graph-2", Assert.Single(sent.OfType<ComputeTask>()).StimulusId);
        Assert.All(cluster.State.Story(K("chain", 0)), r => Assert.Equal("update-graph-2", r.StimulusId));
    }

    [Fact]
    public void UpdateGraph_NoWorkers_ReadyTasksWaitInNoWorkerUntilOneArrives()
    {
        var cluster = new SimulatedCluster();
        cluster.Submit("client", Chain(2), K("chain", 1));

        Assert.Equal(NoWorker, cluster.State.StateOf(K("chain", 0)));
        Assert.Equal(Waiting, cluster.State.StateOf(K("chain", 1)));
        Assert.Empty(cluster.SentOf<ComputeTask>());

        cluster.AddWorkers(("tcp://a", 1));

        Assert.Equal(Processing, cluster.State.StateOf(K("chain", 0)));
        Assert.Empty(cluster.State.NoWorkerTasks);
        cluster.RunToCompletion();
        Assert.Equal(Memory, cluster.State.StateOf(K("chain", 1)));
    }

    [Fact]
    public void UpdateGraph_KeyAlreadyInMemory_NewClientIsNotifiedWithoutRecomputing()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Submit("first", Chain(2), K("chain", 1));
        cluster.RunToCompletion();

        var sent = cluster.Submit("second", Chain(2), K("chain", 1));

        var notice = Assert.IsType<KeyInMemory>(Assert.Single(sent));
        Assert.Equal(("second", K("chain", 1), 8L), (notice.Client, notice.Key, notice.NBytes));
        Assert.Equal(["tcp://a"], notice.WhoHas);
        Assert.Equal(1, cluster.ComputeCount(K("chain", 1)));
    }

    [Fact]
    public void UpdateGraph_TasksNoWantedKeyNeeds_AreNotAdded()
    {
        var cluster = new SimulatedCluster();

        cluster.Submit("client", Chain(4), K("chain", 1));

        Assert.Equal([K("chain", 0), K("chain", 1)], cluster.State.Tasks.Keys.Order());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UpdateGraph_Cycle_RefusedNamingItAndChangesNothing(bool selfLoop)
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        var tasks = selfLoop
            ? new Dictionary<Key, TaskSpec> { [K("a")] = TaskSpecs.Of(Task("inc", K("a")), [K("a")]) }
            : new Dictionary<Key, TaskSpec>
            {
                [K("root")] = TaskSpecs.Of(Task("const"), []),
                [K("a")] = TaskSpecs.Of(Task("add", K("b"), K("root")), [K("b"), K("root")]),
                [K("b")] = TaskSpecs.Of(Task("inc", K("c")), [K("c")]),
                [K("c")] = TaskSpecs.Of(Task("inc", K("a")), [K("a")]),
            };

        var sent = cluster.Send(new UpdateGraph("client", tasks, [K("a")], new Dictionary<Key, int>()));

        var refused = Assert.IsType<UpdateGraphRefused>(Assert.Single(sent));
        Assert.Contains("cycle", refused.Reason);
        Assert.Contains(K("a").ToString(), refused.Reason);
        Assert.Empty(cluster.State.Tasks);
        Assert.Empty(cluster.State.Clients);
    }

    [Fact]
    public void UpdateGraph_UnknownDependency_RefusedNamingItAndChangesNothing()
    {
        var cluster = new SimulatedCluster();
        var tasks = new Dictionary<Key, TaskSpec> { [K("x")] = TaskSpecs.Of(Task("inc", K("ghost")), [K("ghost")]) };

        var sent = cluster.Send(new UpdateGraph("client", tasks, [K("x")], new Dictionary<Key, int>()));

        var refused = Assert.IsType<UpdateGraphRefused>(Assert.Single(sent));
        Assert.Equal("client", refused.Client);
        Assert.Contains("'ghost'", refused.Reason);
        Assert.Contains("'x'", refused.Reason);
        Assert.Empty(cluster.State.Tasks);
        Assert.Empty(cluster.State.Clients);
    }

    [Fact]
    public void UpdateGraph_DependencyOnKeyInMemory_RunsOnlyTheNewTask()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));
        cluster.Submit("client", Chain(1), K("chain", 0));
        cluster.RunToCompletion();
        var tasks = new Dictionary<Key, TaskSpec> { [K("next")] = TaskSpecs.Of(Task("inc", K("chain", 0))) };

        var sent = cluster.Send(new UpdateGraph("client", tasks, [K("next")], new Dictionary<Key, int>()));

        Assert.Equal(K("next"), Assert.Single(sent.OfType<ComputeTask>()).Key);
        cluster.RunToCompletion();
        Assert.Equal(Memory, cluster.State.StateOf(K("next")));
        Assert.Equal(1, cluster.ComputeCount(K("chain", 0)));
    }

    [Fact]
    public void TransitionLog_LongerThanItsLength_KeepsTheNewestEntries()
    {
        var cluster = new SimulatedCluster(new SchedulerOptions { TransitionLogLength = 8 });
        cluster.AddWorkers(("tcp://a", 1));

        cluster.Submit("client", Chain(10), K("chain", 9));
        cluster.RunToCompletion();

        var log = cluster.State.TransitionLog;
        Assert.InRange(log.Count, 8, 10);
        Assert.Contains(log, r => r.Key == K("chain", 9) && r.Finish == Memory);
        Assert.DoesNotContain(log, r => r.Key == K("chain", 0));
    }

    [Fact]
    public void KnownTransitions_Table_HoldsTheNamedPairsOnly()
    {
        var table = new SimulatedCluster().State.KnownTransitions;

        Assert.Contains((Waiting, Queued), table);
        Assert.Contains((Processing, Memory), table);
        Assert.Contains((Released, Forgotten), table);
        Assert.DoesNotContain((Memory, Processing), table);
        Assert.DoesNotContain(table, t => t.From == Forgotten);
    }

    [Fact]
    public void AddWorker_NoThreads_IsClosedNamingTheProblem()
    {
        var cluster = new SimulatedCluster();

        var sent = cluster.Send(new AddWorker("tcp://a", 0));

        Assert.Contains("at least one thread", Assert.IsType<CloseWorker>(Assert.Single(sent)).Reason);
        Assert.Empty(cluster.State.Workers);
    }

    [Fact]
    public void Constructor_NonPositiveSaturation_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SchedulerState(new SchedulerOptions { WorkerSaturation = 0 }));

        Assert.Equal("WorkerSaturation", error.ParamName);
    }
}
