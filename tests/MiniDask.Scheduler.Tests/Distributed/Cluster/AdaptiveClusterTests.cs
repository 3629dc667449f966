using MiniDask.Scheduler.Distributed;
using MiniDask.Testing;
using static MiniDask.Scheduler.Tests.TestOps;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>Adaptive scaling of a real cluster: it grows under load, shrinks when idle, and moves data rather than recomputing it.</summary>
public sealed class AdaptiveClusterTests
{
    [Fact]
    public async Task Adapt_LoadThenIdle_GrowsFromOneToFourWorkersAndBackToOneWithoutRecomputing()
    {
        await using var cluster = await LocalCluster.StartAsync(workers: 1, preload: [ClusterFixture.TestAssemblyPath]);
        await using var client = await cluster.ConnectAsync();
        var options = new AdaptOptions { Interval = TimeSpan.FromMilliseconds(200), IdleBeforeRetire = TimeSpan.FromSeconds(1), TargetDuration = TimeSpan.FromSeconds(1) };
        Assert.Contains("at least the minimum (3)", Assert.Throws<ArgumentOutOfRangeException>(() => cluster.Adapt(minimum: 3, maximum: 2)).Message, StringComparison.Ordinal);
        await using var adaptive = cluster.Adapt(minimum: 1, maximum: 4, options);
        var peak = 0;
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                peak = Math.Max(peak, cluster.Scheduler.Workers.Count);
                await Task.Delay(20);
            }
        });

        // 32 tasks of 0.5 s: 16 s of work on one thread, four times the target on four workers.
        var futures = new List<Future>();
        for (var i = 0; i < 32; i++)
        {
            futures.Add(await client.SubmitAsync(Sleep, 500, (long)i));
        }

        await Eventually.HoldsAsync(() => cluster.Scheduler.Workers.Count == 4, "the cluster to grow to 4 workers");
        var values = await client.GatherAsync(futures);
        await Eventually.HoldsAsync(() => cluster.Scheduler.Workers.Count == 1 && cluster.RequestedWorkers == 1, "the idle cluster to shrink to 1 worker");
        await watching.CancelAsync();
        await watcher;

        Assert.Equal(4, peak);
        Assert.Equal(Enumerable.Range(0, 32).Select(i => (object?)(long)i), values);
        Assert.Equal(Enumerable.Range(0, 32).Select(i => (object?)(long)i), await client.GatherAsync(futures));
        Assert.All(futures, f => Assert.Equal(1, cluster.Scheduler.Inspect(s => s.Story(f.Key).Count(r => r.Finish == SchedulerTaskState.Memory))));
        Assert.All(futures, f => Assert.Equal(SchedulerTaskState.Memory, cluster.Scheduler.Inspect(s => s.StateOf(f.Key))));
        Assert.Null(adaptive.Error);
    }
}
