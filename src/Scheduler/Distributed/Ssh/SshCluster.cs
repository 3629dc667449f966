using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using MiniDask.Protocol;
using MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// A cluster started over SSH, as Dask's <c>SSHCluster</c>: the scheduler on the first host and
/// workers on the others, each through the system's <c>ssh</c> client with the user's keys and
/// configuration. The hosts need only the same minidask build at the same path (or a
/// <see cref="SshClusterOptions.RemoteCommand"/>); the token reaches each process on its standard
/// input. Remote output is streamed to <see cref="SshClusterOptions.Log"/> line by line, prefixed
/// by host. Disposing stops the workers, then the scheduler, each gracefully (a process still
/// running after a few seconds has its ssh killed). A worker that the scheduler restarts, or that
/// crashes after joining, is started again on its host; a retired one is not.
/// </summary>
public sealed partial class SshCluster : IAsyncDisposable, IAdaptiveCluster
{
    private const string CliDll = "minidask.dll";
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private readonly SshClusterOptions options;
    private readonly string remoteCommand;
    private readonly string token;
    private readonly TextWriter log;
    private readonly List<RemoteProcess> workers = [];
    private readonly IReadOnlyList<string> workerHosts;
    private RemoteProcess? scheduler;
    private Client? control;
    private Adaptive? adaptive;
    private int workerCount;
    private volatile bool stopping;

    private SshCluster(IReadOnlyList<string> hosts, SshClusterOptions options, string remoteCommand, string token)
    {
        Hosts = hosts;
        workerHosts = [.. hosts.Skip(1)];
        this.options = options;
        this.remoteCommand = remoteCommand;
        this.token = token;
        log = TextWriter.Synchronized(options.Log ?? Console.Error);
        SchedulerAddress = $"tcp://{FormatHost(options.SchedulerHost ?? HostName(hosts[0]))}:{options.SchedulerPort.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The hosts as given: the scheduler's first, then the workers'.</summary>
    public IReadOnlyList<string> Hosts { get; }

    /// <summary>The address clients and workers reach the scheduler at, such as <c>tcp://node1:8786</c>.</summary>
    public string SchedulerAddress { get; }

    /// <summary>The address with the token, as <c>minidask scheduler</c> prints it for clients: <c>tcp://node1:8786?token=T</c>.</summary>
    public string ConnectAddress => $"{SchedulerAddress}?token={Uri.EscapeDataString(token)}";

    /// <summary>Comm options that carry the cluster's token, for clients connecting by hand.</summary>
    public CommOptions ClientComm => new() { Role = PeerRole.Client, Token = token };

    /// <summary>The addresses of the workers that joined and run now.</summary>
    public IReadOnlyList<string> WorkerAddresses
    {
        get
        {
            lock (workers)
            {
                return [.. workers.Where(w => w.WorkerAddress is not null && !w.Process.HasExited).Select(w => w.WorkerAddress!)];
            }
        }
    }

    /// <summary>The worker processes running or starting, not counting those being retired.</summary>
    public int RequestedWorkers
    {
        get
        {
            lock (workers)
            {
                return workers.Count(w => !w.Leaving && !w.Process.HasExited);
            }
        }
    }

    /// <summary>
    /// Starts the scheduler on <paramref name="hosts"/>[0] and <see cref="SshClusterOptions.WorkersPerHost"/>
    /// workers on each other host (<c>user@host</c> or a name from the ssh configuration), and waits until
    /// every worker has joined. Give a host twice to run the scheduler and a worker on one machine.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two hosts, or an option out of range.</exception>
    /// <exception cref="TimeoutException">A process did not start in time, or ssh failed; the log has its output.</exception>
    public static async Task<SshCluster> StartAsync(IReadOnlyList<string> hosts, SshClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        if (hosts.Count < 2 || hosts.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException(
                $"An SSH cluster needs the scheduler's host and at least one worker host (the same name twice runs both on one machine); got [{string.Join(", ", hosts)}].",
                nameof(hosts));
        }

        options ??= new SshClusterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WorkersPerHost, 1, nameof(options.WorkersPerHost));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ThreadsPerWorker, 1, nameof(options.ThreadsPerWorker));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WorkerReconnectTimeout, TimeSpan.Zero, nameof(options.WorkerReconnectTimeout));
        if (options.SchedulerPort is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SchedulerPort, "The scheduler port must be between 1 and 65535.");
        }

        var cluster = new SshCluster(hosts, options, options.RemoteCommand ?? DefaultRemoteCommand(), options.Token is { Length: > 0 } given ? given : Guid.NewGuid().ToString("N"));
        try
        {
            await cluster.StartSchedulerAsync(cancellationToken).ConfigureAwait(false);
            var starting = new List<RemoteProcess>();
            foreach (var host in cluster.workerHosts)
            {
                for (var i = 0; i < options.WorkersPerHost; i++)
                {
                    starting.Add(cluster.StartWorker(host));
                }
            }

            await Task.WhenAll(starting.Select(w => cluster.WaitForWorkerAsync(w, cancellationToken))).ConfigureAwait(false);
            cluster.control = await Client.ConnectAsync(cluster.SchedulerAddress, new ClientOptions { Comm = cluster.ClientComm }, cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A client connected to this cluster's scheduler with its token.</summary>
    public Task<Client> ConnectAsync(CancellationToken cancellationToken = default) =>
        Client.ConnectAsync(SchedulerAddress, new ClientOptions { Comm = ClientComm }, cancellationToken);

    /// <summary>
    /// Scales adaptively between <paramref name="minimum"/> and <paramref name="maximum"/> workers,
    /// as <see cref="LocalCluster.Adapt"/>: new workers start on the worker host running the fewest.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The bounds are negative or reversed, or an option is out of range.</exception>
    public Adaptive Adapt(int minimum, int maximum, AdaptOptions? options = null)
    {
        var next = new Adaptive(this, minimum, maximum, options);
        if (Interlocked.Exchange(ref adaptive, next) is { } previous)
        {
            _ = previous.DisposeAsync().AsTask();
        }

        return next;
    }

    /// <summary>
    /// Scales to <paramref name="count"/> workers: new ones on the least used hosts, or the scheduler's
    /// choice of idle ones retired, their data moved first; returns once the new workers joined or
    /// the retired ones' processes exited.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="TimeoutException">A retired worker's process did not exit within <see cref="SshClusterOptions.StartTimeout"/>.</exception>
    public async Task ScaleAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var current = RequestedWorkers;
        if (count > current)
        {
            var started = Enumerable.Range(0, count - current).Select(_ => StartWorker(LeastUsedHost())).ToList();
            await Task.WhenAll(started.Select(w => WaitForWorkerAsync(w, cancellationToken))).ConfigureAwait(false);
        }
        else if (count < current)
        {
            var (_, toClose) = await Control.AdaptiveTargetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var others = WorkerAddresses.Except(toClose, StringComparer.Ordinal);
            List<string> retire = [.. toClose.Concat(others).Take(current - count)];
            List<RemoteProcess> leaving;
            lock (workers)
            {
                leaving = [.. workers.Where(w => w.WorkerAddress is { } a && retire.Contains(a))];
            }

            await RetireAsync(retire, cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(leaving.Select(w => w.Process.WaitForExitAsync(cancellationToken))).WaitAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops adapting, then the workers and the scheduler, each gracefully.</summary>
    public async ValueTask DisposeAsync()
    {
        stopping = true;
        if (Interlocked.Exchange(ref adaptive, null) is { } running)
        {
            await running.DisposeAsync().ConfigureAwait(false);
        }

        if (control is not null)
        {
            await control.DisposeAsync().ConfigureAwait(false);
        }

        List<RemoteProcess> all;
        lock (workers)
        {
            all = [.. workers];
        }

        await Task.WhenAll(all.Select(w => w.StopAsync(StopGrace))).ConfigureAwait(false);
        if (scheduler is not null)
        {
            await scheduler.StopAsync(StopGrace).ConfigureAwait(false);
        }

        foreach (var process in all.Select(w => w.Process).Append(scheduler?.Process).OfType<System.Diagnostics.Process>())
        {
            process.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"SshCluster(scheduler={SchedulerAddress}, workers={WorkerAddresses.Count}, hosts={string.Join(",", Hosts)})";

    private Client Control => control ?? throw new InvalidOperationException("The SSH cluster has not started.");

    private async Task StartSchedulerAsync(CancellationToken cancellationToken)
    {
        var host = Hosts[0];
        scheduler = RemoteProcess.Start(
            host, options, remoteCommand,
            ["scheduler", "--host", "0.0.0.0", "--port", options.SchedulerPort.ToString(CultureInfo.InvariantCulture)],
            token, log, (_, code) =>
            {
                if (!stopping)
                {
                    log.WriteLine($"[{host}] the scheduler exited with code {code}");
                }
            });
        await scheduler.WaitForLineAsync(SchedulerStarted(), options.StartTimeout, cancellationToken).ConfigureAwait(false);
    }

    private RemoteProcess StartWorker(string host)
    {
        var name = $"{HostName(host)}-{Interlocked.Increment(ref workerCount) - 1}";
        List<string> args =
        [
            "worker", SchedulerAddress,
            "--name", name,
            "--nthreads", options.ThreadsPerWorker.ToString(CultureInfo.InvariantCulture),
            "--memory-limit", options.MemoryLimit,
            "--reconnect-timeout", options.WorkerReconnectTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        ];

        var worker = RemoteProcess.Start(host, options, remoteCommand, args, token, log, Exited);
        lock (workers)
        {
            workers.Add(worker);
        }

        return worker;
    }

    private async Task WaitForWorkerAsync(RemoteProcess worker, CancellationToken cancellationToken)
    {
        var joined = await worker.WaitForLineAsync(WorkerStarted(), options.StartTimeout, cancellationToken).ConfigureAwait(false);
        worker.WorkerAddress = joined.Groups[1].Value;
    }

    /// <summary>A worker's ssh ended: started again on its host when the scheduler restarted it or it crashed after joining.</summary>
    private void Exited(RemoteProcess worker, int code)
    {
        if (stopping || worker.Leaving || code == WorkerExitCodes.Retired)
        {
            return;
        }

        if (code == WorkerExitCodes.Restart || worker.WorkerAddress is not null)
        {
            log.WriteLine($"[{worker.Host}] worker exited with code {code}; starting another");
            var next = StartWorker(worker.Host);
            _ = WaitForWorkerAsync(next, CancellationToken.None).ContinueWith(t => log.WriteLine($"[{worker.Host}] {t.Exception?.InnerException?.Message}"), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private string LeastUsedHost()
    {
        lock (workers)
        {
            return workerHosts.Distinct(StringComparer.Ordinal)
                .OrderBy(h => workers.Count(w => w.Host == h && !w.Leaving && !w.Process.HasExited))
                .First();
        }
    }

    Task<(int Target, IReadOnlyList<string> ToClose)> IAdaptiveCluster.ProposeAsync(double targetSeconds, CancellationToken cancellationToken) =>
        Control.AdaptiveTargetAsync(targetSeconds, cancellationToken);

    Task IAdaptiveCluster.ScaleUpAsync(int count, CancellationToken cancellationToken)
    {
        for (var i = RequestedWorkers; i < count && !stopping; i++)
        {
            var worker = StartWorker(LeastUsedHost());
            _ = WaitForWorkerAsync(worker, CancellationToken.None).ContinueWith(t => log.WriteLine($"[{worker.Host}] {t.Exception?.InnerException?.Message}"), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        return Task.CompletedTask;
    }

    Task IAdaptiveCluster.RetireAsync(IReadOnlyList<string> addresses, CancellationToken cancellationToken) => RetireAsync(addresses, cancellationToken);

    private async Task RetireAsync(IReadOnlyList<string> addresses, CancellationToken cancellationToken)
    {
        lock (workers)
        {
            foreach (var worker in workers.Where(w => w.WorkerAddress is { } a && addresses.Contains(a)))
            {
                worker.Leaving = true;
            }
        }

        await Control.RetireWorkersAsync(addresses, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>This machine's dotnet host and the path of <c>minidask.dll</c>, quoted for the remote shell.</summary>
    private static string DefaultRemoteCommand()
    {
        var directories = new[] { Path.GetDirectoryName(Assembly.GetEntryAssembly()?.Location), AppContext.BaseDirectory }.Where(d => !string.IsNullOrEmpty(d));
        var dll = directories.Select(d => Path.Combine(d!, CliDll)).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"No {CliDll} next to this program (looked in {string.Join(", ", directories)}); reference the minidask tool's project or set SshClusterOptions.RemoteCommand.");
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? path : "dotnet";
        return $"{RemoteProcess.Quote(host)} {RemoteProcess.Quote(Path.GetFullPath(dll))}";
    }

    private static string HostName(string host) => host[(host.LastIndexOf('@') + 1)..];

    private static string FormatHost(string host) => host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;

    [GeneratedRegex(@"^scheduler at (?:tcp|tls)://\S+")]
    private static partial Regex SchedulerStarted();

    [GeneratedRegex(@"^worker \S+ at ((?:tcp|tls)://\S+),")]
    private static partial Regex WorkerStarted();
}
