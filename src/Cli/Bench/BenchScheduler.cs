using MiniDask.Graph;
using MiniDask.Protocol;
using MiniDask.Protocol.Messages;
using MiniDask.Scheduler;
using MiniDask.Scheduler.Distributed;

namespace MiniDask.Cli.Bench;

/// <summary>What <c>--scheduler</c>, <c>--workers</c>, <c>--threads</c>, <c>--token</c> and <c>--device</c> asked for.</summary>
internal sealed record SchedulerChoice(string Scheduler, int Workers, int? Threads, string? Token, string? Device = null)
{
    /// <summary>The client's scheduler timeout with a tcp:// scheduler; null for the default.</summary>
    public TimeSpan? SchedulerTimeout { get; init; }

    /// <summary>The root backlog of the cluster a distributed run starts (<see cref="SchedulerOptions.MinRootBacklogSeconds"/>); null for the default.</summary>
    public double? RootBacklogSeconds { get; init; }
}

/// <summary>Messages and bytes through a scheduler, and the tasks it sent to workers.</summary>
internal readonly record struct SchedulerTraffic(CommTrafficSnapshot Comm, long TasksSent)
{
    public long Messages => Comm.Messages;

    public long Bytes => Comm.Bytes;

    public static SchedulerTraffic? operator -(SchedulerTraffic? later, SchedulerTraffic? earlier) =>
        later is { } l && earlier is { } e ? new SchedulerTraffic(l.Comm - e.Comm, l.TasksSent - e.TasksSent) : null;
}

/// <summary>The scheduler a bench run times, with what the JSON lines report about it, and what to stop afterwards.</summary>
internal sealed class BenchScheduler : IAsyncDisposable
{
    private readonly IAsyncDisposable? owned;
    private readonly LocalCluster? cluster;
    private readonly LocalScheduler? local;

    private BenchScheduler(IScheduler? scheduler, int workers, int threads, IAsyncDisposable? owned, LocalCluster? cluster)
    {
        Scheduler = scheduler;
        local = scheduler as LocalScheduler;
        Workers = workers;
        Threads = threads;
        this.owned = owned;
        this.cluster = cluster;
    }

    /// <summary>The scheduler to time, or null for the single-node baselines, which use no engine.</summary>
    public IScheduler? Scheduler { get; }

    /// <summary>The JSON lines' <c>scheduler</c> field.</summary>
    public string Name => Scheduler?.Name ?? "baseline";

    public int Workers { get; }

    /// <summary>The process ids of the worker processes this run started (none unless distributed), whose memory the peaks include.</summary>
    public IReadOnlyList<int> WorkerProcessIds =>
        cluster is null ? [] : [.. cluster.WorkerProcesses.Where(p => !p.HasExited).Select(p => p.Id)];

    /// <summary>The scheduler's traffic so far when this run started the cluster; null otherwise.</summary>
    public SchedulerTraffic? Traffic => cluster is null ? null : new SchedulerTraffic(cluster.Scheduler.Traffic.Snapshot(), cluster.Scheduler.TasksSent);

    /// <summary>Threads of the local scheduler, or of each worker.</summary>
    public int Threads { get; }

    /// <summary>The device the local scheduler runs block math on (<c>host</c> without one); null for a cluster, whose workers chose theirs.</summary>
    public string? Device => local is null ? null : local.Device?.Name ?? "host";

    /// <exception cref="ArgumentException">The choice is not baseline, local, distributed or a tcp:// or tls:// address, a count is below 1, or a device is asked of a cluster.</exception>
    /// <exception cref="Graph.Devices.DeviceUnavailableException">The device asked for is not available here.</exception>
    public static async Task<BenchScheduler> StartAsync(SchedulerChoice choice)
    {
        if (choice.Scheduler == "baseline")
        {
            if (choice.Device is not null)
            {
                throw new ArgumentException($"--device selects the device of --scheduler local; the baselines run on the host, got --device {choice.Device}.");
            }

            return new BenchScheduler(null, 1, Environment.ProcessorCount, null, null);
        }

        if (choice.Scheduler == "local")
        {
            var local = new LocalScheduler(choice.Threads ?? Environment.ProcessorCount, choice.Device);
            return new BenchScheduler(local, 1, local.Threads, null, null);
        }

        if (choice.Device is not null)
        {
            throw new ArgumentException($"--device selects the device of --scheduler local; the workers of a cluster choose theirs (minidask worker --device), got --scheduler {choice.Scheduler}.");
        }

        if (choice.Workers < 1 || choice.Threads is < 1)
        {
            throw new ArgumentException($"--workers and --threads must be at least 1, got {choice.Workers} and {choice.Threads}.");
        }

        if (choice.RootBacklogSeconds is { } backlog && !(backlog >= 0))
        {
            throw new ArgumentException($"--root-backlog must be 0 or more seconds, got {backlog}.");
        }

        if (choice.Scheduler == "distributed")
        {
            var threads = choice.Threads ?? 1;
            var options = new LocalClusterOptions { State = SchedulerOptions.Default with { MinRootBacklogSeconds = choice.RootBacklogSeconds ?? SchedulerOptions.Default.MinRootBacklogSeconds } };
            var cluster = await LocalCluster.StartAsync(choice.Workers, threads, options: options).ConfigureAwait(false);
            var client = await cluster.ConnectAsync().ConfigureAwait(false);
            return new BenchScheduler(client, choice.Workers, threads, client, cluster);
        }

        if (!CommAddress.TryParse(choice.Scheduler, out var address, out _) || address.IsInProc)
        {
            throw new ArgumentException($"--scheduler must be baseline, local, distributed or tcp://HOST:PORT, got '{choice.Scheduler}'.");
        }

        var comm = ClusterComm.Options(PeerRole.Client, "", choice.Token);
        var clientOptions = new ClientOptions { Comm = comm };
        if (choice.SchedulerTimeout is { } timeout)
        {
            clientOptions = timeout > TimeSpan.Zero
                ? clientOptions with { SchedulerTimeout = timeout }
                : throw new ArgumentException($"--scheduler-timeout must be a positive number of seconds, got {timeout.TotalSeconds}.");
        }

        var remote = await Client.ConnectAsync(choice.Scheduler, clientOptions).ConfigureAwait(false);
        return new BenchScheduler(remote, choice.Workers, choice.Threads ?? 1, remote, null);
    }

    public async ValueTask DisposeAsync()
    {
        local?.Dispose();
        if (owned is not null)
        {
            await owned.DisposeAsync().ConfigureAwait(false);
        }

        if (cluster is not null)
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
        }
    }
}
