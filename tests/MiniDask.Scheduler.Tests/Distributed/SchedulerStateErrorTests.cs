using MiniDask.Graph;
using MiniDask.Scheduler.Distributed;
using MiniDask.Testing;
using static MiniDask.Scheduler.Distributed.SchedulerTaskState;
using static MiniDask.Scheduler.Tests.Distributed.Graphs;

namespace MiniDask.Scheduler.Tests.Distributed;

public sealed class SchedulerStateErrorTests
{
    private static readonly TaskGraph FailingBranch = TaskGraph.FromTasks(new Dictionary<Key, DaskTask>
    {
        [K("x")] = Task("gen"),
        [K("y")] = Task("inc", K("x")),
        [K("z")] = Task("inc", K("y")),
        [K("w")] = Task("gen"),
    });

    private static SimulatedCluster FailX()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 2));
        cluster.Submit("client", FailingBranch, K("z"), K("w"));
        cluster.Fail("tcp://a", K("x"), "InvalidOperationException: boom");
        return cluster;
    }

    [Fact]
    public void TaskErred_Root_PropagatesToDependentsAndTheClientNamingTheBlame()
    {
        var cluster = FailX();

        Assert.Equal([Erred, Erred, Erred], new[] { "x", "y", "z" }.Select(n => cluster.State.StateOf(K(n))));
        var erred = Assert.Single(cluster.SentOf<KeyErred>());
        Assert.Equal(("client", K("z"), K("x")), (erred.Client, erred.Key, erred.Blame));
        Assert.Equal("InvalidOperationException: boom", erred.Exception);
        Assert.Equal("at Test.Run()", erred.Traceback);
        Assert.Same(cluster.State.Tasks[K("x")], cluster.State.Tasks[K("z")].ExceptionBlame);
        Assert.Equal([(Released, Waiting), (Waiting, Erred)], cluster.State.Story(K("y")).Select(r => (r.Start, r.Finish)));
    }

    [Fact]
    public void TaskErred_UnrelatedBranch_StillCompletes()
    {
        var cluster = FailX();

        cluster.RunToCompletion();

        Assert.Equal(Memory, cluster.State.StateOf(K("w")));
        Assert.Equal(K("w"), Assert.Single(cluster.SentOf<KeyInMemory>()).Key);
    }

    [Fact]
    public void UpdateGraph_DependingOnErredKey_ErrsAtOnceWithoutRunning()
    {
        var cluster = FailX();
        var tasks = new Dictionary<Key, TaskSpec> { [K("q")] = TaskSpecs.Of(Task("inc", K("y"))) };

        var sent = cluster.Send(new UpdateGraph("other", tasks, [K("q")], new Dictionary<Key, int>()));

        var erred = Assert.IsType<KeyErred>(Assert.Single(sent));
        Assert.Equal(("other", K("q"), K("x")), (erred.Client, erred.Key, erred.Blame));
        Assert.Equal(0, cluster.ComputeCount(K("q")));
    }

    [Fact]
    public void UpdateGraph_WantingErredKey_NotifiedAtOnce()
    {
        var cluster = FailX();

        var sent = cluster.Submit("other", FailingBranch, K("z"));

        Assert.Equal(("other", K("z")), Assert.IsType<KeyErred>(Assert.Single(sent)) is var e ? (e.Client, e.Key) : default);
    }

    [Fact]
    public void ClientDisconnected_AfterError_ForgetsTheErredTasks()
    {
        var cluster = FailX();
        cluster.RunToCompletion();

        cluster.Send(new ClientDisconnected("client"));

        Assert.Empty(cluster.State.Tasks);
    }

    [Fact]
    public void TaskErred_FromWorkerNotRunningIt_IsIgnored()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1), ("tcp://b", 1));
        cluster.Submit("client", Chain(1), K("chain", 0));
        var other = cluster.Pending("tcp://a").Count == 1 ? "tcp://b" : "tcp://a";

        Assert.Empty(cluster.Send(new TaskErred(other, K("chain", 0), "late", "")));
        Assert.Equal(Processing, cluster.State.StateOf(K("chain", 0)));
    }

    [Fact]
    public void TaskFinished_KeyNobodyExpects_TellsTheWorkerToDropIt()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1));

        var sent = cluster.Send(new TaskFinished("tcp://a", K("stray"), 8, 0, 1));

        Assert.Equal(K("stray"), Assert.IsType<FreeKeys>(Assert.Single(sent)).Keys.Single());
        Assert.Empty(cluster.State.Tasks);
    }
}
