using MiniDask.Graph;
using MiniDask.Graph.Functions;
using MiniDask.Graph.Optimization;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// A connection to a distributed scheduler, like Dask's <c>Client</c>, usable wherever an
/// <see cref="IScheduler"/> is: <c>Get</c> optimizes the graph as the local scheduler does, sends
/// it to the scheduler, waits until the wanted keys are in memory on workers, and gathers their
/// values straight from those workers. A failing task raises <see cref="TaskFailedException"/>
/// naming the key and op with the worker's exception inside; a task that keeps killing its
/// workers raises <see cref="KilledWorkerException"/>. Cancelling a compute, finishing it, and
/// disposing the client release its keys on the scheduler.
/// </summary>
public sealed partial class Client : IDistributedScheduler, IAsyncDisposable
{
    private static int clientCount;
    private readonly Comm scheduler;
    private readonly PeerPool workers;
    private readonly Dictionary<Key, List<Computation>> waiting = [];
    private readonly Dictionary<string, Computation> byClientId = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, Computation> byRequest = [];
    private readonly Dictionary<Key, int> held = [];
    private readonly Task receiveLoop;
    private readonly int maxFrames;
    private readonly TimeSpan schedulerTimeout;
    private readonly CommOptions commOptions;
    private readonly string? borrowedCodeOwner;
    private long computeCount;
    private int disposed;
    private Exception? lost;

    /// <summary>Whether the client is neither disposed nor cut off from its scheduler.</summary>
    internal bool IsConnected => Volatile.Read(ref disposed) == 0 && Volatile.Read(ref lost) is null;

    private Client(Comm scheduler, ClientOptions options, string id)
    {
        this.scheduler = scheduler;
        Id = id;
        maxFrames = options.Comm.Limits.MaxPayloadFrames;
        schedulerTimeout = options.SchedulerTimeout;
        commOptions = options.Comm;
        borrowedCodeOwner = options.CodeOwner;
        workers = new PeerPool(options.Comm);
        diagnosticsComm = options.Comm;
        ActorPool = new ActorConnections(options.Comm);
        receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>The client's id on the scheduler.</summary>
    public string Id { get; }

    /// <summary>The scheduler's address.</summary>
    public string SchedulerAddress => scheduler.RemoteAddress;

    /// <inheritdoc />
    public string Name => "distributed";

    /// <summary>The workers of the cluster, where this process runs its scheduler (a <see cref="LocalCluster"/>'s client).</summary>
    internal Func<IReadOnlyCollection<WorkerInfo>>? ClusterWorkers { get; set; }

    /// <summary>
    /// Connects to the scheduler at <paramref name="address"/>, such as <c>tcp://10.0.0.1:8786</c>, or
    /// <c>tcp://10.0.0.1:8786?token=T</c> as <c>minidask scheduler</c> prints it (the token then
    /// replaces the one of the options, for the scheduler and the workers alike).
    /// </summary>
    /// <exception cref="HandshakeException">The scheduler refused the connection (wrong token or version); the message says why.</exception>
    /// <exception cref="IOException">The scheduler cannot be reached.</exception>
    public static async Task<Client> ConnectAsync(string address, ClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ClientOptions();
        var id = string.IsNullOrEmpty(options.Name)
            ? $"client-{Environment.ProcessId}-{Interlocked.Increment(ref clientCount)}-{Guid.NewGuid().ToString("N")[..8]}"
            : options.Name;
        (address, var token) = CommAddress.WithoutToken(address, options.Comm.Token);
        var comm = options.Comm with { Role = Wire.PeerRole.Client, Name = id, Token = token };
        options = options with { Comm = comm };
        var connected = await Comm.ConnectAsync(address, comm, cancellationToken).ConfigureAwait(false);
        return new Client(connected, options, id);
    }

    /// <summary>Makes this client the default scheduler of <c>Compute()</c> in this process, until it is disposed.</summary>
    public Client SetAsDefault()
    {
        Schedulers.Default = this;
        return this;
    }

    /// <summary>Computes <paramref name="collection"/> on the cluster and returns its value.</summary>
    public TResult Compute<TResult>(IDaskCollection<TResult> collection, ComputeOptions? options = null, CancellationToken cancellationToken = default) =>
        collection.Compute(this, options, cancellationToken);

    /// <summary>Computes <paramref name="collection"/> on the cluster and returns its value.</summary>
    public Task<TResult> ComputeAsync<TResult>(IDaskCollection<TResult> collection, ComputeOptions? options = null, CancellationToken cancellationToken = default) =>
        collection.ComputeAsync(this, options, cancellationToken);

    /// <inheritdoc />
    public object?[] Get(TaskGraph graph, IReadOnlyList<Key> keys, ComputeOptions? options = null, CancellationToken cancellationToken = default) =>
        GetAsync(graph, keys, options, cancellationToken).GetAwaiter().GetResult();

    /// <inheritdoc />
    public async Task<object?[]> GetAsync(TaskGraph graph, IReadOnlyList<Key> keys, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(keys);
        options ??= new ComputeOptions();
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        var prepared = GraphPreparation.Prepare(WithForeignResultsFetched(graph), keys, options, held: IsHeld);
        UserFunctions.EnsureDistributable(prepared.Graph);
        var wanted = keys.Distinct().ToList();
        var number = Interlocked.Increment(ref computeCount);
        var computation = new Computation($"{Id}#{number}", prepared.Graph, wanted, ProgressReporter.Start(options.Progress));
        var parts = await EncodeAndUploadCodeAsync(prepared, wanted, computation.ClientId, computation.Progress is not null, options, cancellationToken).ConfigureAwait(false);
        var requestId = (ulong)number;
        parts[^1] = new Message(parts[^1].Body, parts[^1].Payload) { RequestId = requestId };
        Track(computation, requestId);
        try
        {
            foreach (var part in parts)
            {
                await scheduler.SendAsync(part, cancellationToken).ConfigureAwait(false);
            }

            await computation.Done.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (computation.Progress is { } progress)
            {
                await progress.FinishAsync(cancellationToken).ConfigureAwait(false);
            }

            var values = await GatherAsync(computation, cancellationToken).ConfigureAwait(false);
            return [.. keys.Select(k => values[k])];
        }
        finally
        {
            Untrack(computation, requestId);
            await ReleaseAsync(computation).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// As Dask prints a client: <c>&lt;Client: scheduler=tcp://127.0.0.1:40123, workers=2, threads=2, memory=unlimited&gt;</c>.
    /// Workers, threads and memory are shown for a <see cref="LocalCluster"/>'s client, whose scheduler runs in this process.
    /// </summary>
    public override string ToString() =>
        ClusterWorkers is { } workers
            ? $"<Client: scheduler={SchedulerAddress}, {ClusterDescription.Of(workers())}>"
            : $"<Client: scheduler={SchedulerAddress}, id={Id}>";

    /// <summary>Releases every key this client holds on the scheduler and closes its comms.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        if (ReferenceEquals(Schedulers.Default, this))
        {
            // A null default falls back to the process's discovered default (the local scheduler).
            Schedulers.Default = null!;
        }

        try
        {
            await scheduler.SendAsync(new Message(new Wire.Close { Reason = "client closed" })).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The scheduler is already gone; it releases the keys of a lost client anyway.
        }

        await scheduler.CloseAsync().ConfigureAwait(false);
        await workers.DisposeAsync().ConfigureAwait(false);
        await ActorPool.DisposeAsync().ConfigureAwait(false);
        await receiveLoop.ConfigureAwait(false);
    }

    private async Task<Dictionary<Key, object?>> GatherAsync(Computation computation, CancellationToken cancellationToken)
    {
        var values = new Dictionary<Key, object?>();
        var remaining = computation.Wanted.ToHashSet();
        var failures = new List<string>();
        for (var attempt = 0; remaining.Count > 0; attempt++)
        {
            var byWorker = remaining
                .Select(k => (Key: k, Holders: computation.Holders.GetValueOrDefault(k) ?? []))
                .Where(x => attempt < x.Holders.Count)
                .GroupBy(x => x.Holders[attempt], x => x.Key, StringComparer.Ordinal)
                .ToList();
            if (byWorker.Count == 0)
            {
                var why = failures.Count == 0 ? "" : $" ({string.Join("; ", failures.Distinct().Take(3))})";
                throw new IOException($"Could not gather {string.Join(", ", remaining.Take(5))} from the workers that held them{why}; they may have died, or refused this client.");
            }

            foreach (var group in byWorker)
            {
                try
                {
                    var received = await workers.GetDataAsync(group.Key, [.. group], Id, cancellationToken).ConfigureAwait(false);
                    foreach (var (key, value) in received)
                    {
                        values[key] = value;
                        remaining.Remove(key);
                    }
                }
                catch (IOException e)
                {
                    // Try the next holder of these keys; if none serves, the error says what each said.
                    failures.Add($"{group.Key}: {e.Message}");
                }
            }
        }

        return values;
    }
}
