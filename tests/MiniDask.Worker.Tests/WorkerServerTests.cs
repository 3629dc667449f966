using MiniDask.Array;
using MiniDask.Protocol;
using MiniDask.Protocol.Messages;
using MiniDask.Scheduler;
using MiniDask.Scheduler.Distributed;
using MiniDask.Testing;

namespace MiniDask.Worker.Tests;

/// <summary>A scheduler, workers and a client in this process over TLS, as the commands wire them.</summary>
public sealed class WorkerServerTests
{
    public WorkerServerTests() => OpAssemblies.RegisterBuiltIn();

    [Fact]
    public async Task Compute_OverTlsWithAToken_MatchesTheLocalScheduler()
    {
        using var certificates = new TestCertificates();
        CommOptions Comm(PeerRole role, string cert, string key) =>
            ClusterComm.Options(role, role.ToString(), "secret", cert, key, certificates.CaPath);

        await using var scheduler = await SchedulerServer.StartAsync(
            "tls://127.0.0.1:0", new SchedulerServerOptions { Comm = Comm(PeerRole.Scheduler, certificates.ServerCertPath, certificates.ServerKeyPath) });
        var workerComm = Comm(PeerRole.Worker, certificates.ServerCertPath, certificates.ServerKeyPath);
        await using var first = await WorkerServer.StartAsync(scheduler.Address, new WorkerOptions { Comm = workerComm, Name = "w1" });
        await using var second = await WorkerServer.StartAsync(scheduler.Address, new WorkerOptions { Comm = workerComm, Name = "w2", NThreads = 2 });
        await using var client = await Client.ConnectAsync(
            scheduler.Address, new ClientOptions { Comm = Comm(PeerRole.Client, certificates.ClientCertPath, certificates.ClientKeyPath) });
        var x = DArray.Random(shape: [200, 200], chunks: [50, 50], seed: 3);
        var y = (x + x.T) - x.Mean(axis: 0);

        var distributed = await client.ComputeAsync(y);

        Assert.StartsWith("tls://", first.Address);
        Assert.Equal(2, scheduler.Workers.Count);
        Assert.True(y.Compute(new LocalScheduler(threads: 2)).AsBytes().SequenceEqual(distributed.AsBytes()));
    }

    [Fact]
    public async Task DisposeAsync_Worker_LeavesTheSchedulerGracefullyAndDeletesItsSpillDirectory()
    {
        await using var scheduler = await SchedulerServer.StartAsync("tcp://127.0.0.1:0");
        var worker = await WorkerServer.StartAsync(scheduler.Address, new WorkerOptions { MemoryLimit = 1, Host = "127.0.0.1" });
        worker.Store.Put(new Graph.Key("held"), new long[1000]);
        Assert.True(Directory.Exists(worker.Store.SpillDirectory));

        await worker.DisposeAsync();

        Assert.Equal("worker closed", await worker.Stopped);
        Assert.False(Directory.Exists(worker.Store.SpillDirectory));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (scheduler.Workers.Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        Assert.Empty(scheduler.Workers);
    }

    private static int outOfMemoryAttempts;

    [Fact]
    public async Task Execute_TaskRunsOutOfMemory_WorkerStopsAndTheTaskIsRecomputedElsewhere()
    {
        await using var scheduler = await SchedulerServer.StartAsync("tcp://127.0.0.1:0");
        await using var first = await WorkerServer.StartAsync(scheduler.Address, new WorkerOptions { Host = "127.0.0.1", Name = "w1" });
        await using var second = await WorkerServer.StartAsync(scheduler.Address, new WorkerOptions { Host = "127.0.0.1", Name = "w2" });
        await using var client = await Client.ConnectAsync(scheduler.Address);

        var result = await client.SubmitAsync(OutOfMemoryOnFirstAttempt, 21);

        Assert.Equal(42, await result.ResultAsync().WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(2, outOfMemoryAttempts);
        var dead = Assert.Single(new[] { first, second }, w => w.Stopped.IsCompleted);
        Assert.True(dead.OutOfMemory);
        Assert.Contains("ran out of memory", await dead.Stopped);
    }

    private static int OutOfMemoryOnFirstAttempt(int x) =>
        Interlocked.Increment(ref outOfMemoryAttempts) == 1 ? throw new OutOfMemoryException() : 2 * x;

    [Fact]
    public async Task Heartbeat_MemoryPastThePauseFraction_ReportsPaused()
    {
        await using var scheduler = await SchedulerServer.StartAsync(
            "tcp://127.0.0.1:0", new SchedulerServerOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(50) });
        await using var worker = await WorkerServer.StartAsync(
            scheduler.Address, new WorkerOptions { MemoryLimit = 10_000, SpillFraction = 1.0, Host = "127.0.0.1" });

        worker.Store.Put(new Graph.Key("held"), new long[1100]);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!(scheduler.Workers.GetValueOrDefault(worker.Address)?.Paused ?? false) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        var info = scheduler.Workers[worker.Address];
        Assert.True(info.Paused, $"memory {info.MemoryBytes} of 10000, expected a pause past 8000");
        Assert.True(info.MemoryBytes > 8_000);
    }

    [Fact]
    public async Task SetAsDefault_ComputeWithoutAScheduler_RunsOnTheClusterUntilTheClientIsDisposed()
    {
        await using var scheduler = await SchedulerServer.StartAsync("tcp://127.0.0.1:0");
        await using var worker = await WorkerServer.StartAsync(scheduler.Address, new WorkerOptions { Host = "127.0.0.1" });
        var client = await Client.ConnectAsync(scheduler.Address);

        client.SetAsDefault();
        var sum = (DArray.Ones(shape: [40, 40], chunks: [10, 10]) + 1).Sum().Compute();
        var wasDefault = ReferenceEquals(Graph.Schedulers.Default, client);
        await client.DisposeAsync();

        Assert.Equal(3200.0, sum);
        Assert.True(wasDefault);
        Assert.IsType<LocalScheduler>(Graph.Schedulers.Default);
    }

    [Fact]
    public async Task StartAsync_SchedulerNotListeningYet_JoinsOnceItListens()
    {
        var port = LoopbackPorts.Unused();

        var joining = WorkerServer.StartAsync($"tcp://127.0.0.1:{port}", new WorkerOptions { Host = "127.0.0.1" });
        await Task.Delay(300);
        Assert.False(joining.IsCompleted, "The worker gave up (or joined) before any scheduler listened.");
        await using var scheduler = await SchedulerServer.StartAsync($"tcp://127.0.0.1:{port}");
        await using var worker = await joining.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(scheduler.Address, worker.SchedulerAddress);
    }

    [Fact]
    public async Task StartAsync_NothingListensWithinTheConnectTimeout_FailsNamingTheAddress()
    {
        var port = LoopbackPorts.Unused();

        var e = await Assert.ThrowsAsync<IOException>(() => WorkerServer.StartAsync(
            $"tcp://127.0.0.1:{port}", new WorkerOptions { Host = "127.0.0.1", ConnectTimeout = TimeSpan.FromSeconds(1) }));

        Assert.Contains($"127.0.0.1:{port}", e.Message);
    }

    [Fact]
    public async Task StartAsync_WrongToken_IsRefusedNamingTheToken()
    {
        await using var scheduler = await SchedulerServer.StartAsync(
            "tcp://127.0.0.1:0", new SchedulerServerOptions { Comm = new CommOptions { Token = "right" } });

        var error = await Assert.ThrowsAsync<HandshakeException>(() =>
            WorkerServer.StartAsync(scheduler.Address, new WorkerOptions { Comm = new CommOptions { Token = "wrong" } }));

        Assert.Contains("token", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
