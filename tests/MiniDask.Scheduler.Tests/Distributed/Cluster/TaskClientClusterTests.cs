using MiniDask.Scheduler.Distributed;
using MiniDask.Testing;
using static MiniDask.Scheduler.Tests.Distributed.Cluster.FuturesOps;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>Tasks that submit tasks through <see cref="Worker.GetClient"/> and wait for them seceded, on clusters of real worker processes.</summary>
public sealed class TaskClientClusterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static Task<LocalCluster> StartAsync(int workers, int threads) =>
        LocalCluster.StartAsync(workers, threads, preload: [ClusterFixture.TestAssemblyPath]);

    [Fact]
    public async Task GetClient_TreeOfTasksEachWaitingSecededForItsSubtasksOnOneThread_CompletesWithoutDeadlock()
    {
        await using var cluster = await StartAsync(workers: 1, threads: 1);
        await using var client = await cluster.ConnectAsync();

        // Depth 3: up to 7 tasks wait seceded at once, far past the worker's 2 root slots.
        await using var root = await client.SubmitAsync<int, long>(LeavesOfTree, 3);

        Assert.Equal(8L, await root.ResultAsync().WaitAsync(Patience));
        Assert.Equal(0, cluster.Scheduler.Inspect(s => s.Workers.Values.Single().LongRunning.Count));
    }

    [Fact]
    public async Task Secede_TwoTasksWaitingOnGatesOnOneThread_SchedulerCountsTheirSlotsFree()
    {
        await using var cluster = await StartAsync(workers: 1, threads: 1);
        await using var client = await cluster.ConnectAsync();
        var gates = new[] { FileGate.Create(), FileGate.Create() };

        // One thread gives two root slots: both tasks are sent, and the second runs once the first secedes.
        var waiting = new List<Future<int>>();
        foreach (var gate in gates)
        {
            waiting.Add(await client.SubmitAsync(SecedeUntilGate, gate.Directory));
        }

        Assert.All(gates, g => Assert.True(g.WaitEntered(Patience), "a task never reached its gate"));
        await Eventually.HoldsAsync(
            () => cluster.Scheduler.Inspect(s => s.Workers.Values.Single().LongRunning.Count == 2),
            "the scheduler to hear that both tasks seceded");

        var (processing, occupancy, rootSlotFree) = cluster.Scheduler.Inspect(s =>
        {
            var ws = s.Workers.Values.Single();
            // Below the slot count any root task fits, so one of the waiting tasks stands for the next.
            return (ws.Processing.Count, ws.Occupancy, s.HasRootSlot(ws, ws.Processing.Keys.First()));
        });
        Assert.Equal(2, processing);
        Assert.Equal(0.0, occupancy);
        Assert.True(rootSlotFree, "the seceded tasks still take the worker's root slots");
        await using var other = await client.SubmitAsync(Square, 7L);
        Assert.Equal(49L, await other.ResultAsync().WaitAsync(Patience));
        Assert.All(gates, g => Assert.False(g.WaitLeft(TimeSpan.Zero), "a gated task finished before its gate opened"));

        foreach (var gate in gates)
        {
            gate.Release();
        }

        foreach (var future in waiting)
        {
            Assert.Equal(1, await future.ResultAsync().WaitAsync(Patience));
            await future.DisposeAsync();
        }

        Assert.Equal(0, cluster.Scheduler.Inspect(s => s.Workers.Values.Single().LongRunning.Count));
    }
}
