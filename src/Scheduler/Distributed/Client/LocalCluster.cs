using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using MiniDask.Protocol;
using MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// A real cluster on this machine, like Dask's <c>LocalCluster</c>: a <see cref="SchedulerServer"/>
/// in this process and worker processes (<c>dotnet MiniDask.Worker.dll</c>, see
/// <see cref="LocalClusterOptions.WorkerPath"/>) on 127.0.0.1 with free ports, sharing a random
/// token. Disposing stops the scheduler, which makes the workers leave and delete their spill
/// directories; a worker still running after a few seconds is killed.
/// </summary>
public sealed partial class LocalCluster : IAsyncDisposable
{
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(10);
    private readonly List<WorkerProcess> workers = [];
    private readonly LocalClusterOptions options;
    private readonly string token;
    private volatile bool stopping;

    private LocalCluster(SchedulerServer scheduler, LocalClusterOptions options, string token, WorkerSpec template)
    {
        this.template = template;
        Scheduler = scheduler;
        this.options = options;
        this.token = token;
    }

    /// <summary>The scheduler, running in this process.</summary>
    public SchedulerServer Scheduler { get; }

    /// <summary>The scheduler's address, such as <c>tcp://127.0.0.1:40123</c>.</summary>
    public string SchedulerAddress => Scheduler.Address;

    /// <summary>The worker processes, in start order (one that died stays listed, exited, before its replacement).</summary>
    public IReadOnlyList<Process> WorkerProcesses
    {
        get
        {
            lock (workers)
            {
                return [.. workers.Select(w => w.Process)];
            }
        }
    }

    /// <summary>The dashboard's status page with the cluster's token; null when none is served (see <see cref="LocalClusterOptions.DashboardAddress"/>).</summary>
    public string? DashboardLink => Scheduler.DashboardLink;

    /// <summary>Comm options that carry the cluster's token, for clients connecting by hand.</summary>
    public CommOptions ClientComm => new() { Role = PeerRole.Client, Token = token };

    /// <summary>
    /// Starts a scheduler and <paramref name="workers"/> worker processes and waits until all have registered.
    /// </summary>
    /// <param name="workers">How many worker processes.</param>
    /// <param name="threadsPerWorker">Task threads of each.</param>
    /// <param name="memoryLimit">Each worker's memory limit in bytes; 0 for none.</param>
    /// <param name="preload">Assemblies (paths) whose ops the workers load, such as <c>typeof(MyOps).Assembly.Location</c>.</param>
    /// <param name="options">Further settings.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one worker or thread, or a negative limit.</exception>
    /// <exception cref="FileNotFoundException">The worker program cannot be found.</exception>
    /// <exception cref="TimeoutException">The workers did not register in time; the message carries their output.</exception>
    public static async Task<LocalCluster> StartAsync(
        int workers = 2,
        int threadsPerWorker = 1,
        long memoryLimit = 0,
        IReadOnlyList<string>? preload = null,
        LocalClusterOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threadsPerWorker, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(memoryLimit);
        options ??= new LocalClusterOptions();
        var program = WorkerProgram.Locate(options.WorkerPath);
        var token = options.Token ?? Guid.NewGuid().ToString("N");
        var server = await SchedulerServer.StartAsync(
            "tcp://127.0.0.1:0",
            new SchedulerServerOptions
            {
                Comm = new CommOptions { Role = PeerRole.Scheduler, Name = "local-scheduler", Token = token, Logger = options.Logger ?? NullLogger.Instance },
                State = options.State,
                HeartbeatInterval = options.HeartbeatInterval,
                DashboardAddress = options.DashboardAddress,
            },
            cancellationToken).ConfigureAwait(false);
        var cluster = new LocalCluster(server, options, token, new WorkerSpec(program, "local", threadsPerWorker, memoryLimit, preload ?? [], Resources: null));
        try
        {
            for (var i = 0; i < workers; i++)
            {
                cluster.StartWorker(cluster.NextSpec() with { Resources = options.WorkerResources.ElementAtOrDefault(i) });
            }

            await cluster.WaitForWorkersAsync(workers, cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A client connected to this cluster's scheduler with its token; it prints this cluster's workers.</summary>
    public async Task<Client> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var client = await Client.ConnectAsync(SchedulerAddress, new ClientOptions { Comm = ClientComm }, cancellationToken).ConfigureAwait(false);
        client.ClusterWorkers = () => [.. Scheduler.Workers.Values];
        return client;
    }

    /// <summary>As Dask prints a cluster: <c>LocalCluster(scheduler=tcp://127.0.0.1:40123, workers=2, threads=2, memory=unlimited)</c>.</summary>
    public override string ToString() =>
        $"LocalCluster(scheduler={SchedulerAddress}, {ClusterDescription.Of([.. Scheduler.Workers.Values])})";

    /// <summary>Stops the scheduler, waits for the workers to leave, and kills any that do not.</summary>
    public async ValueTask DisposeAsync()
    {
        stopping = true;
        await StopAdaptingAsync().ConfigureAwait(false);
        await Scheduler.DisposeAsync().ConfigureAwait(false);
        List<WorkerProcess> all;
        lock (workers)
        {
            all = [.. workers];
        }

        foreach (var worker in all)
        {
            await worker.StopAsync(ExitGrace).ConfigureAwait(false);
        }
    }

    private void StartWorker(WorkerSpec spec)
    {
        var (program, name, threads, memoryLimit, preload, resources) = spec;
        List<string> args =
        [
            SchedulerAddress,
            "--nthreads", threads.ToString(CultureInfo.InvariantCulture),
            "--memory-limit", memoryLimit.ToString(CultureInfo.InvariantCulture),
            "--name", name,
            "--host", "127.0.0.1",

            // The scheduler lives in this process and never comes back on its port: a worker that
            // loses it (this process died) leaves at once rather than linger, as Dask's do.
            "--reconnect-timeout", "0",
        ];
        if (options.LocalDirectory is { } directory)
        {
            args.AddRange(["--local-directory", directory]);
        }

        if (!string.IsNullOrEmpty(resources))
        {
            args.AddRange(["--resources", resources]);
        }

        foreach (var path in preload)
        {
            args.AddRange(["--preload", path]);
        }

        var worker = WorkerProcess.Start(program, name, args, token, options.WorkerEnvironment, exitCode => Replace(spec, exitCode));
        lock (workers)
        {
            workers.Add(worker);
        }

    }

    private void Replace(WorkerSpec spec, int exitCode)
    {
        // A retired worker left on purpose, its data moved: the cluster is meant to be smaller.
        if (stopping || exitCode == WorkerExitCodes.Retired || (!options.RestartWorkers && exitCode != WorkerExitCodes.Restart))
        {
            return;
        }

        int generation;
        lock (workers)
        {
            generation = workers.Count;
        }

        StartWorker(spec with { Name = $"{spec.Name.Split('~')[0]}~{generation}" });
    }

    private List<string> Tails()
    {
        lock (workers)
        {
            return [.. workers.Select(w => w.OutputTail())];
        }
    }

    /// <summary>What a worker process is started with, so a replacement starts the same way.</summary>
    private sealed record WorkerSpec(WorkerProgram Program, string Name, int Threads, long MemoryLimit, IReadOnlyList<string> Preload, string? Resources);

    private async Task WaitForWorkersAsync(int count, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (Scheduler.Workers.Count < count)
        {
            if (clock.Elapsed > options.StartTimeout || WorkerProcesses.Any(p => p.HasExited))
            {
                throw new TimeoutException(
                    $"{Scheduler.Workers.Count} of {count} workers registered with {SchedulerAddress} within {clock.Elapsed.TotalSeconds:0.#}s. Worker output:{Environment.NewLine}"
                    + string.Join(Environment.NewLine, Tails()));
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }
}
