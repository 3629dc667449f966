using MiniDask.Graph;
using MiniDask.Protocol.Messages;
using MiniDask.Scheduler.Distributed;
using MiniDask.Testing;
using static MiniDask.Scheduler.Tests.TestOps;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>Replicate, rebalance, retire and restart on a real cluster: data moves between worker processes, nothing is recomputed.</summary>
public sealed class DataMovementTests
{
    [Fact]
    public async Task ReplicateAsync_ThreeCopies_EveryWorkerHoldsEveryResultAndResultsStayRight()
    {
        await using var cluster = await LocalCluster.StartAsync(workers: 3, preload: [ClusterFixture.TestAssemblyPath]);
        await using var client = await cluster.ConnectAsync();
        var futures = await Values(client, 4);

        var copies = await client.ReplicateAsync(futures, n: 3);

        Assert.Equal(4 * 2, copies);
        Assert.All(futures, f => Assert.Equal(3, cluster.Scheduler.Inspect(s => s.Tasks[f.Key].WhoHas.Count)));
        Assert.Equal([0L, 10L, 20L, 30L], await client.GatherAsync(futures));
        AssertComputedOnce(cluster, futures);
    }

    [Fact]
    public async Task ReplicateAsync_KeyNoLongerHeld_ThrowsNamingTheKey()
    {
        await using var cluster = await LocalCluster.StartAsync(workers: 2, preload: [ClusterFixture.TestAssemblyPath]);
        await using var client = await cluster.ConnectAsync();
        var future = (await Values(client, 1))[0];
        await future.DisposeAsync();
        await Eventually.HoldsAsync(() => cluster.Scheduler.Inspect(s => !s.Tasks.ContainsKey(future.Key)), "the released key to be forgotten");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.ReplicateAsync([future], 2));

        Assert.Contains(future.Key.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetireWorkersAsync_WorkerHoldingUniqueResults_MovesThemFirstAndItsProcessIsNotReplaced()
    {
        await using var cluster = await LocalCluster.StartAsync(workers: 2, preload: [ClusterFixture.TestAssemblyPath]);
        await using var client = await cluster.ConnectAsync();
        var futures = await Values(client, 6);
        var victim = cluster.Scheduler.Inspect(s => s.Tasks[futures[0].Key].WhoHas.Single().Address);
        var victimName = cluster.Scheduler.Workers[victim].Name;

        var retired = await client.RetireWorkersAsync([victimName]);

        Assert.Equal([victim], retired);
        await Eventually.HoldsAsync(() => cluster.WorkerProcesses.Any(p => p.HasExited), "the retired worker's process to exit");
        Assert.Equal(WorkerExitCodes.Retired, cluster.WorkerProcesses.Single(p => p.HasExited).ExitCode);
        Assert.Single(cluster.Scheduler.Workers);
        Assert.Equal(2, cluster.WorkerProcesses.Count);
        Assert.Equal(1, cluster.RequestedWorkers);
        Assert.Equal([0L, 10L, 20L, 30L, 40L, 50L], await client.GatherAsync(futures));
        AssertComputedOnce(cluster, futures);
    }

    [Fact]
    public async Task RebalanceAsync_AllResultsOnOneWorker_SpreadsThemWithoutRecomputing()
    {
        await using var cluster = await LocalCluster.StartAsync(workers: 1, preload: [ClusterFixture.TestAssemblyPath]);
        await using var client = await cluster.ConnectAsync();
        var futures = await Values(client, 6);
        await cluster.ScaleAsync(2);

        var moved = await client.RebalanceAsync();

        Assert.Equal(3, moved);
        var perWorker = cluster.Scheduler.Inspect(s => s.Workers.Values.Select(w => w.HasWhat.Count).Order().ToList());
        Assert.Equal([3, 3], perWorker);
        Assert.Equal([0L, 10L, 20L, 30L, 40L, 50L], await client.GatherAsync(futures));
        AssertComputedOnce(cluster, futures);
    }

    [Fact]
    public async Task RestartAsync_HeldFutures_FailAsRestartedAndFreshWorkersCompute()
    {
        await using var cluster = await LocalCluster.StartAsync(workers: 2, preload: [ClusterFixture.TestAssemblyPath]);
        await using var client = await cluster.ConnectAsync();
        var futures = await Values(client, 2);

        var restarted = await client.RestartAsync();

        Assert.Equal(2, restarted.Count);
        await Assert.ThrowsAsync<ClusterRestartedException>(() => futures[0].ResultAsync());
        Assert.Equal(2, cluster.Scheduler.Workers.Count);
        Assert.Equal(4, cluster.WorkerProcesses.Count);
        await Eventually.HoldsAsync(() => cluster.WorkerProcesses.Count(p => p.HasExited) == 2, "the restarted processes to have exited");
        Assert.All(cluster.WorkerProcesses.Where(p => p.HasExited), p => Assert.Equal(WorkerExitCodes.Restart, p.ExitCode));
        Assert.Equal(7L, await await client.SubmitAsync(Sleep, 0, 7L));
    }

    /// <summary><paramref name="n"/> futures holding 0, 10, 20, ..., computed and waited for.</summary>
    private static async Task<IReadOnlyList<Future>> Values(Client client, int n)
    {
        var futures = new List<Future>();
        for (var i = 0; i < n; i++)
        {
            futures.Add(await client.SubmitAsync(Sleep, 0, 10L * i));
        }

        await client.GatherAsync(futures);
        return futures;
    }

    /// <summary>Each future's key reached memory exactly once: moved results were never recomputed.</summary>
    private static void AssertComputedOnce(LocalCluster cluster, IEnumerable<Future> futures) =>
        Assert.All(futures, f => Assert.Equal(1, cluster.Scheduler.Inspect(s => s.Story(f.Key).Count(r => r.Finish == SchedulerTaskState.Memory))));
}
