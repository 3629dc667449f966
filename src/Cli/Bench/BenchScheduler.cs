using MiniDask.Graph;
using MiniDask.Protocol;
using MiniDask.Protocol.Messages;
using MiniDask.Scheduler;
using MiniDask.Scheduler.Distributed;

namespace MiniDask.Cli.Bench;

/// <summary>What <c>--scheduler</c>, <c>--workers</c>, <c>--threads</c> and <c>--token</c> asked for.</summary>
internal sealed record SchedulerChoice(string Scheduler, int Workers, int? Threads, string? Token);

/// <summary>The scheduler a bench run times, with what the JSON lines report about it, and what to stop afterwards.</summary>
internal sealed class BenchScheduler : IAsyncDisposable
{
    private readonly IAsyncDisposable? owned;
    private readonly LocalCluster? cluster;

    private BenchScheduler(IScheduler? scheduler, int workers, int threads, IAsyncDisposable? owned, LocalCluster? cluster)
    {
        Scheduler = scheduler;
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

    /// <summary>Threads of the local scheduler, or of each worker.</summary>
    public int Threads { get; }

    /// <exception cref="ArgumentException">The choice is not baseline, local, distributed or a tcp:// or tls:// address, or a count is below 1.</exception>
    public static async Task<BenchScheduler> StartAsync(SchedulerChoice choice)
    {
        if (choice.Scheduler == "baseline")
        {
            return new BenchScheduler(null, 1, Environment.ProcessorCount, null, null);
        }

        if (choice.Scheduler == "local")
        {
            var local = new LocalScheduler(choice.Threads ?? Environment.ProcessorCount);
            return new BenchScheduler(local, 1, local.Threads, null, null);
        }

        if (choice.Workers < 1 || choice.Threads is < 1)
        {
            throw new ArgumentException($"--workers and --threads must be at least 1, got {choice.Workers} and {choice.Threads}.");
        }

        if (choice.Scheduler == "distributed")
        {
            var threads = choice.Threads ?? 1;
            var cluster = await LocalCluster.StartAsync(choice.Workers, threads).ConfigureAwait(false);
            var client = await cluster.ConnectAsync().ConfigureAwait(false);
            return new BenchScheduler(client, choice.Workers, threads, client, cluster);
        }

        if (!CommAddress.TryParse(choice.Scheduler, out var address, out _) || address.IsInProc)
        {
            throw new ArgumentException($"--scheduler must be baseline, local, distributed or tcp://HOST:PORT, got '{choice.Scheduler}'.");
        }

        var comm = ClusterComm.Options(PeerRole.Client, "", choice.Token);
        var remote = await Client.ConnectAsync(choice.Scheduler, new ClientOptions { Comm = comm }).ConfigureAwait(false);
        return new BenchScheduler(remote, choice.Workers, choice.Threads ?? 1, remote, null);
    }

    public async ValueTask DisposeAsync()
    {
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
