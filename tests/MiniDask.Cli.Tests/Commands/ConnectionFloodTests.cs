using System.Collections.Concurrent;
using System.Net.Sockets;
using MiniDask.Array;
using MiniDask.Protocol;
using MiniDask.Scheduler.Distributed;
using static MiniDask.Cli.Tests.CliProcesses;

namespace MiniDask.Cli.Tests.Commands;

/// <summary>
/// Floods of connections against <c>minidask scheduler</c> and a <c>minidask worker</c>'s peer port,
/// each process started under a low <c>ulimit -n</c> so that the flood is larger than its file
/// descriptors: the listeners shed or back off, and computations go on.
/// </summary>
public sealed class ConnectionFloodTests
{
    private const int DescriptorLimit = 256;
    private const int FloodSize = 2_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SchedulerAndWorker_FloodOfIdleConnections_ShedTheOldestAndKeepComputing()
    {
        // With the dashboard, whose assemblies hold a hundred descriptors more and load on first use.
        await using var cluster = await LimitedCluster.StartAsync(dashboard: true);
        var flood = new List<Socket>();
        try
        {
            flood.AddRange(await OpenIdleAsync(cluster.SchedulerAddress, FloodSize));
            flood.AddRange(await OpenIdleAsync(cluster.WorkerAddress, FloodSize));

            // More connections got through than either process has descriptors: the listeners shed the idle ones.
            Assert.True(flood.Count > 2 * DescriptorLimit, $"only {flood.Count} flood connections were made");
            await cluster.SchedulerErrors.WaitForAsync("is shedding connections", Timeout);
            await cluster.WorkerErrors.WaitForAsync("is shedding connections", Timeout);
            Assert.Equal(20_000.0, await cluster.ComputeAsync());
        }
        finally
        {
            flood.ForEach(s => s.Dispose());
        }

        Assert.Equal(20_000.0, await cluster.ComputeAsync());
        Assert.DoesNotContain("stopped accepting", cluster.SchedulerErrors.Text + cluster.WorkerErrors.Text);
    }

    [Fact]
    public async Task Scheduler_DescriptorsExhaustedByHandshakedConnections_BacksOffAndAcceptsOnceTheyClose()
    {
        // Token holders may take every descriptor, which the runtime then lacks for anything it
        // loads or compiles later (docs/dashboard.md, known limits): without the dashboard's late loads.
        await using var cluster = await LimitedCluster.StartAsync(dashboard: false);
        var flood = new ConcurrentBag<Comm>();
        var options = new CommOptions { Token = cluster.Token, HandshakeTimeout = TimeSpan.FromSeconds(1) };
        try
        {
            // Connections that pass the handshake are not shed; they take descriptors until accept fails.
            var exhausted = cluster.SchedulerErrors.WaitForAsync("cannot accept");
            for (var i = 0; i < FloodSize && !exhausted.IsCompleted; i += 50)
            {
                await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
                {
                    try
                    {
                        flood.Add(await Comm.ConnectAsync(cluster.SchedulerAddress, options));
                    }
                    catch (IOException)
                    {
                        // Refused or timed out while the scheduler has no descriptor left.
                    }
                }));
            }

            await exhausted.WaitAsync(Timeout);
            Assert.Contains("Too many open files", cluster.SchedulerErrors.Text, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var comm in flood)
            {
                await comm.CloseAsync();
            }
        }

        Assert.Equal(20_000.0, await cluster.ComputeAsync());
        await cluster.SchedulerErrors.WaitForAsync("accepting again after", Timeout);
        Assert.Single(cluster.SchedulerErrors.Text.Split('\n'), l => l.Contains("cannot accept", StringComparison.Ordinal));
    }

    private static async Task<List<Socket>> OpenIdleAsync(string address, int count)
    {
        var target = CommAddress.Parse(address);
        var opened = new ConcurrentBag<Socket>();
        using var gate = new SemaphoreSlim(200);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync();
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.ConnectAsync(target.Host, target.Port, timeout.Token);
                opened.Add(socket);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                socket.Dispose();
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. opened];
    }

    /// <summary>A scheduler and one worker started by the command line, each under <see cref="DescriptorLimit"/> descriptors.</summary>
    private sealed class LimitedCluster : IAsyncDisposable
    {
        private readonly System.Diagnostics.Process scheduler;
        private System.Diagnostics.Process? worker;

        private LimitedCluster(string token, bool dashboard)
        {
            Token = token;
            scheduler = StartWithDescriptorLimit(
                DescriptorLimit, token, SchedulerErrors, ["scheduler", "--port", "0", .. dashboard ? new[] { "--dashboard-address", "127.0.0.1:0" } : ["--no-dashboard"]]);
        }

        public string Token { get; }

        public StandardError SchedulerErrors { get; } = new();

        public StandardError WorkerErrors { get; } = new();

        public string SchedulerAddress { get; private set; } = "";

        public string WorkerAddress { get; private set; } = "";

        /// <summary>Starts the scheduler (serving its dashboard, or not) and the worker.</summary>
        public static async Task<LimitedCluster> StartAsync(bool dashboard)
        {
            var token = Guid.NewGuid().ToString("N");
            var cluster = new LimitedCluster(token, dashboard);
            try
            {
                cluster.SchedulerAddress = await ReadLineMatching(cluster.scheduler, SchedulerAddress());
                cluster.worker = StartWithDescriptorLimit(DescriptorLimit, token, cluster.WorkerErrors, "worker", cluster.SchedulerAddress, "--nthreads", "1");
                cluster.WorkerAddress = (await ReadLineMatching(cluster.worker, WorkerStarted())).TrimEnd(',');
                return cluster;
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }

        public async Task<double> ComputeAsync()
        {
            try
            {
                await using var client = await Client.ConnectAsync(SchedulerAddress, new ClientOptions { Comm = new CommOptions { Token = Token } });
                return await client.ComputeAsync((DArray.Ones(shape: [100, 100], chunks: [25, 25]) + 1).Sum()).WaitAsync(Timeout);
            }
            catch (Exception e) when (e is TimeoutException or IOException)
            {
                throw new InvalidOperationException($"{e.Message}\nscheduler:\n{SchedulerErrors.Text}\nworker:\n{WorkerErrors.Text}", e);
            }
        }

        public ValueTask DisposeAsync()
        {
            if (worker is not null)
            {
                Kill(worker);
                worker.Dispose();
            }

            Kill(scheduler);
            scheduler.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
