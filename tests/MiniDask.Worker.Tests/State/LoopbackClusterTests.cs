using MiniDask.Graph;
using MiniDask.Scheduler.Distributed;
using MiniDask.Testing;

namespace MiniDask.Worker.Tests.State;

/// <summary>The scheduler and worker machines together, wired in memory: the messages one sends are the events the other handles.</summary>
public sealed class LoopbackClusterTests
{
    private static Key K(string name, params int[] index) => new(name, index);

    private static DaskTask Op(string op, params Key[] deps) => new(op, [.. deps.Select(TaskArg.Ref)]);

    /// <summary>A tree reduction over <paramref name="leaves"/> root blocks; returns the graph and its top key.</summary>
    private static (TaskGraph Graph, Key Top) Tree(int leaves)
    {
        var tasks = new Dictionary<Key, DaskTask>();
        var level = Enumerable.Range(0, leaves).Select(i => K("leaf", i)).ToList();
        level.ForEach(k => tasks[k] = Op("gen"));
        for (var l = 1; level.Count > 1; l++)
        {
            var next = new List<Key>();
            for (var j = 0; j < level.Count; j += 2)
            {
                var key = K("sum", l, j / 2);
                tasks[key] = Op("add", [.. level.Skip(j).Take(2)]);
                next.Add(key);
            }

            level = next;
        }

        return (TaskGraph.FromTasks(tasks), level[0]);
    }

    [Fact]
    public void HandleStimulus_TreeReductionOnThreeWorkers_ComputesEachTaskOnceAndKeepsOnlyTheTop()
    {
        var cluster = new LoopbackCluster(("tcp://a", 2), ("tcp://b", 2), ("tcp://c", 1));
        var (graph, top) = Tree(16);

        cluster.ToScheduler(TaskSpecs.Update("client", graph, [top]));
        cluster.RunUntilQuiet();

        var done = Assert.IsType<KeyInMemory>(Assert.Single(cluster.ClientMessages));
        Assert.Equal(top, done.Key);
        Assert.Equal(graph.Count, cluster.Executed.Count);
        Assert.Equal(graph.Count, cluster.Executed.Select(e => e.Key).Distinct().Count());
        Assert.Equal(3, cluster.Executed.Select(e => e.Worker).Distinct().Count());
        Assert.True(cluster.GatherCount > 0);
        Assert.Equal([top], cluster.Stores.Values.SelectMany(s => s));
        Assert.Contains(top, cluster.Stores[done.WhoHas.Single()]);
        Assert.All(cluster.Workers.Values, w => Assert.DoesNotContain(w.Tasks.Values, t => t.State == WorkerTaskState.Memory && t.Key != top));
    }

    [Fact]
    public void RemoveWorker_LostMidReduction_ResultStillComputedOnTheSurvivor()
    {
        var cluster = new LoopbackCluster(("tcp://a", 2), ("tcp://b", 2));
        var (graph, top) = Tree(8);
        cluster.ToScheduler(TaskSpecs.Update("client", graph, [top]));
        while (cluster.Executed.Count < 6)
        {
            Assert.True(cluster.Step(1));
        }

        Assert.Contains(cluster.Executed, e => e.Worker == "tcp://b");
        cluster.Kill("tcp://b");
        cluster.RunUntilQuiet();

        Assert.Equal(top, Assert.IsType<KeyInMemory>(Assert.Single(cluster.ClientMessages)).Key);
        Assert.Equal(["tcp://a"], cluster.Scheduler.Workers.Keys);
        Assert.Contains(top, cluster.Stores["tcp://a"]);
    }

    [Fact]
    public void Tick_IdleWorkerJoinsSaturatedOne_StealsWorkAndRunsEachTaskOnce()
    {
        var cluster = new LoopbackCluster(("tcp://a", 1));
        var tasks = new Dictionary<Key, DaskTask> { [K("src")] = Op("gen") };
        for (var i = 0; i < 6; i++)
        {
            tasks[K("use", i)] = Op("use", K("src"));
        }

        cluster.ToScheduler(TaskSpecs.Update("client", TaskGraph.FromTasks(tasks), [.. tasks.Keys.Where(k => k.Name == "use")]));
        while (cluster.Executed.Count < 2)
        {
            Assert.True(cluster.Step(1));
        }

        cluster.AddWorker("tcp://b", 2);
        cluster.ToScheduler(new Tick());
        cluster.RunUntilQuiet();

        Assert.Equal(6, cluster.ClientMessages.OfType<KeyInMemory>().Count());
        Assert.Contains(cluster.Executed, e => e.Worker == "tcp://b" && e.Key.Name == "use");
        Assert.Equal(7, cluster.Executed.Count);
    }

    [Fact]
    public void ExecuteFailure_LeafOfReduction_ErrorReachesTheClientNamingIt()
    {
        var cluster = new LoopbackCluster(("tcp://a", 1));
        var (graph, top) = Tree(4);
        cluster.Failing.Add(K("leaf", 2));

        cluster.ToScheduler(TaskSpecs.Update("client", graph, [top]));
        cluster.RunUntilQuiet();

        var erred = Assert.IsType<KeyErred>(Assert.Single(cluster.ClientMessages));
        Assert.Equal((top, K("leaf", 2)), (erred.Key, erred.Blame));
        Assert.Contains("failing task", erred.Exception);
        Assert.Equal(SchedulerTaskState.Erred, cluster.Scheduler.StateOf(top));
    }
}
