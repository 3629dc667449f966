using MiniDask.Graph;
using MiniDask.Scheduler.Distributed;
using static MiniDask.Scheduler.Tests.TestOps;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>Workers that die: killed from outside mid-computation, or killed by the task they run.</summary>
public sealed class WorkerLossTests
{
    [Fact]
    public async Task Get_WorkerKilledMidComputation_StillReturnsTheRightResultAndTheWorkerIsReplaced()
    {
        await using var cluster = await LocalCluster.StartAsync(workers: 2, threadsPerWorker: 1, preload: [ClusterFixture.TestAssemblyPath]);
        await using var client = await cluster.ConnectAsync();
        var graph = SleepySum("killed", leaves: 24, sleepMs: 100, out var root);

        var run = client.GetAsync(graph, [root], new ComputeOptions { Optimize = false });
        await WaitUntil(() => cluster.Scheduler.Inspect(s => s.Tasks.Values.Count(t => t.State == SchedulerTaskState.Memory)) >= 4);
        cluster.WorkerProcesses[0].Kill();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Enumerable.Range(0, 24).Sum(i => (long)i), result[0]);
        await WaitUntil(() => cluster.Scheduler.Workers.Count == 2);
        Assert.Equal(3, cluster.WorkerProcesses.Count);
    }

    [Fact]
    public async Task Get_TaskThatKillsItsWorker_ThrowsKilledWorkerNamingTheKey_AndTheClusterGoesOn()
    {
        await using var cluster = await LocalCluster.StartAsync(workers: 2, threadsPerWorker: 1, preload: [ClusterFixture.TestAssemblyPath]);
        await using var client = await cluster.ConnectAsync();
        var poison = TaskGraph.FromTasks(new Dictionary<Key, DaskTask> { [new Key("poison", 7)] = T(KillProcess) });

        var error = await Assert.ThrowsAsync<KilledWorkerException>(() => client.GetAsync(poison, [new Key("poison", 7)]).WaitAsync(TimeSpan.FromSeconds(60)));
        var unrelated = await client.GetAsync(SleepySum("unrelated", leaves: 8, sleepMs: 1, out var root), [root]).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(new Key("poison", 7), error.Key);
        Assert.Contains("('poison', 7)", error.Message);
        await WaitUntil(() => cluster.WorkerProcesses.Count == 2 + SchedulerOptions.Default.AllowedFailures);
        Assert.Equal(Enumerable.Range(0, 8).Sum(i => (long)i), unrelated[0]);
    }

    /// <summary>Leaves that sleep and return their index, summed pairwise up to one root.</summary>
    private static TaskGraph SleepySum(string name, int leaves, int sleepMs, out Key root)
    {
        var tasks = new Dictionary<Key, DaskTask>();
        var level = new List<Key>();
        for (var i = 0; i < leaves; i++)
        {
            var key = new Key(name + "-leaf", i);
            tasks[key] = T(Sleep, L(sleepMs), L((long)i));
            level.Add(key);
        }

        for (var depth = 0; level.Count > 1; depth++)
        {
            var next = new List<Key>();
            for (var g = 0; g < level.Count; g += 2)
            {
                var key = new Key($"{name}-sum-{depth}", g / 2);
                tasks[key] = T(Sleep, L(sleepMs), TaskArg.Refs(level.Skip(g).Take(2)));
                next.Add(key);
            }

            level = next;
        }

        root = level[0];
        return TaskGraph.FromTasks(tasks);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the condition never held");
            await Task.Delay(20);
        }
    }
}
