using System.Diagnostics;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MiniDask.Graph.Devices;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Worker;

/// <summary>
/// A worker: the async shell around a <see cref="WorkerState"/>. It connects to the scheduler and
/// registers, listens for peers asking for its data, and runs one event loop that owns the state
/// machine: messages from the scheduler, finished executions, finished transfers and memory
/// readings go in as events, and the instructions that come out run tasks on its task threads,
/// fetch dependencies straight from peers, keep results in a spilling <see cref="MemoryStore"/>
/// and send messages to the scheduler. It stops when the scheduler closes it or goes away, or on
/// <see cref="DisposeAsync"/>, and then deletes its spill directory. With a device
/// (<see cref="WorkerOptions.Device"/>) its task threads run block math there and results stay in
/// device memory until a peer or client fetches them (copied to the host as they are sent).
/// </summary>
public sealed partial class WorkerServer : IAsyncDisposable
{
    private const long MinMeasuredTransferBytes = 1_000_000;

    // The event loop resumes on the thread that posts to it (a comm's pump, a task thread), not on another one.
    private readonly Channel<WorkerEvent> events = Channel.CreateUnbounded<WorkerEvent>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource<string> stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WorkerOptions options;
    private volatile Comm scheduler;
    private readonly Listener listener;
    private readonly WorkerState state;
    private readonly TaskExecutor executor;
    private readonly PeerPool peers;
    private readonly ProcessMemoryMonitor? monitor;
    private readonly HashSet<Graph.Key> executing = [];
    private readonly List<Task> loops = [];
    private TimeSpan heartbeatInterval = TimeSpan.FromSeconds(1);
    private volatile bool paused;
    private readonly object bandwidthGate = new();
    private double bandwidth;
    private long fetchedBytes;
    private int disposed;

    private WorkerServer(WorkerOptions options, Comm scheduler, Listener listener, IExecutionDevice? device)
    {
        this.options = options;
        Device = device;
        this.scheduler = scheduler;
        this.listener = listener;
        Name = string.IsNullOrEmpty(options.Name) ? listener.Address : options.Name;
        state = new WorkerState(new WorkerStateOptions(listener.Address, options.NThreads)
        {
            MemoryLimit = options.MemoryLimit,
            PauseFraction = options.PauseFraction,
        });
        WorkDirectory = WorkDirectory.Create(options.LocalDirectory ?? Path.GetTempPath(), options.Comm.Logger);
        Store = new MemoryStore(options.MemoryLimit, WorkDirectory.Path, options.SpillFraction, device);
        monitor = options.MemoryLimit > 0 && options.MonitorProcessMemory ? new ProcessMemoryMonitor(Store, options.MemoryLimit, () => Environment.WorkingSet, CompactHeap) : null;
        Code = new UploadedCode(WorkDirectory.Path + WorkDirectory.UploadsSuffix, options.Comm.Logger);
        executor = new TaskExecutor(options.NThreads, Name);
        peers = new PeerPool(options.Comm);
    }

    /// <summary>The address peers fetch data from, such as <c>tcp://10.0.0.5:40123</c>.</summary>
    public string Address => listener.Address;

    /// <summary>The worker's name.</summary>
    public string Name { get; }

    /// <summary>The scheduler's address.</summary>
    public string SchedulerAddress => scheduler.RemoteAddress;

    /// <summary>The worker's locked directory under its local directory, and the stale ones it purged.</summary>
    internal WorkDirectory WorkDirectory { get; }

    /// <summary>The results this worker holds.</summary>
    public MemoryStore Store { get; }

    /// <summary>The code and files clients uploaded, by client.</summary>
    internal UploadedCode Code { get; }

    /// <summary>The clients whose uploaded code this worker has loaded now.</summary>
    public IReadOnlyList<string> CodeOwners => Code.Owners;

    /// <summary>How many departed clients' code contexts were unloaded but are not yet collected.</summary>
    public int UnloadedCodeStillInMemory => Code.StillInMemory;

    /// <summary>The device the worker's tasks run block math on; null when they run on the host.</summary>
    public IExecutionDevice? Device { get; }

    /// <summary>
    /// Whether the worker stopped for memory: a task ran out of it, or process memory passed
    /// <see cref="WorkerOptions.TerminateFraction"/> of the limit. The worker command then exits
    /// with <see cref="WorkerCommand.OutOfMemoryExitCode"/>, so that its nanny restarts it.
    /// </summary>
    public bool OutOfMemory { get; private set; }

    /// <summary>Completes with the reason once the worker has stopped and cleaned up.</summary>
    public Task<string> Stopped => stopped.Task;

    private ILogger Logger => options.Comm.Logger;

    /// <summary>
    /// Opens the worker's device (if one is asked for), connects to the scheduler at
    /// <paramref name="schedulerAddress"/>, starts listening for peers and registers.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one thread, or a negative memory limit.</exception>
    /// <exception cref="DeviceUnavailableException">The device is not available here; the message says why (such as <c>libcuda.so.1 not found</c>).</exception>
    /// <exception cref="ArgumentException">The device name is not one of <c>cpu</c>, <c>ilgpu-cpu</c>, <c>cuda[:N]</c>, <c>opencl[:N]</c>.</exception>
    /// <exception cref="HandshakeException">The scheduler refused the connection (wrong token or version).</exception>
    /// <exception cref="IOException">The scheduler cannot be reached or refused the registration; the message says why.</exception>
    public static Task<WorkerServer> StartAsync(string schedulerAddress, WorkerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new WorkerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NThreads, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MemoryLimit);
        var device = options.Device is null ? null : ExecutionDevices.Open(options.Device, options.DeviceOptions);
        return StartAsync(schedulerAddress, options, device, cancellationToken);
    }

    /// <summary>Starts a worker on an opened <paramref name="device"/> (null: the host), which the worker then owns and disposes.</summary>
    internal static async Task<WorkerServer> StartAsync(string schedulerAddress, WorkerOptions options, IExecutionDevice? device, CancellationToken cancellationToken)
    {
        try
        {
            return await ConnectAsync(schedulerAddress, options, device, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            device?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Connects to the scheduler, trying again (every 0.1 s at first, backing off to 1 s) while it
    /// refuses connections or cannot be reached, until <paramref name="timeout"/> has passed.
    /// </summary>
    private static async Task<Comm> ConnectToSchedulerAsync(string address, CommOptions comm, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await Comm.ConnectAsync(address, comm, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e) when (e.InnerException is SocketException socket && IsNotListeningYet(socket.SocketErrorCode) && deadline.Elapsed + pause < timeout)
            {
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.TicksPerSecond));
            }
        }

        static bool IsNotListeningYet(SocketError error) => error is SocketError.ConnectionRefused or SocketError.HostUnreachable
            or SocketError.NetworkUnreachable or SocketError.TryAgain or SocketError.HostNotFound or SocketError.TimedOut;
    }

    private static async Task<WorkerServer> ConnectAsync(string schedulerAddress, WorkerOptions options, IExecutionDevice? device, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NThreads, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MemoryLimit);
        // A token in the address (as minidask scheduler prints it) is the cluster's: its peer port requires it too.
        (schedulerAddress, var token) = CommAddress.WithoutToken(schedulerAddress, options.Comm.Token);
        var comm = options.Comm with { Role = Wire.PeerRole.Worker, Name = options.Name, Token = token, Logger = new LogTail(options.Comm.Logger) };
        options = options with { Comm = comm };
        var schedulerComm = await ConnectToSchedulerAsync(schedulerAddress, comm, options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        Listener? listener = null;
        try
        {
            var parsed = CommAddress.Parse(schedulerAddress);
            var host = options.Host ?? CommAddress.Parse(schedulerComm.LocalAddress).Host;
            listener = await Listener.ListenAsync($"{parsed.Scheme}://{FormatHost(host)}:0", comm, cancellationToken).ConfigureAwait(false);
            var worker = new WorkerServer(options, schedulerComm, listener, device);
            await worker.RegisterAsync(schedulerComm, cancellationToken).ConfigureAwait(false);
            worker.Start();
            return worker;
        }
        catch
        {
            await schedulerComm.CloseAsync().ConfigureAwait(false);
            if (listener is not null)
            {
                await listener.StopAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Leaves the cluster gracefully: tells the scheduler, stops every loop and deletes the spill directory.</summary>
    public async ValueTask DisposeAsync() => await StopAsync("worker closed").ConfigureAwait(false);

    private static string FormatHost(string host) => host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;

    private async Task RegisterAsync(Comm scheduler, CancellationToken cancellationToken)
    {
        var register = new Wire.RegisterWorker
        {
            Address = Address,
            Name = Name,
            Threads = options.NThreads,
            MemoryLimit = options.MemoryLimit,
            Device = Device?.Name ?? "cpu",
            Resources = WorkerResources.Offered(options.Resources, Device?.Name),
        };
        await scheduler.SendAsync(new Message(register) { RequestId = 1 }, cancellationToken).ConfigureAwait(false);
        var reply = await scheduler.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        while (reply.Body is Wire.Ping)
        {
            // The scheduler pings every connection, registered or not.
            reply = await scheduler.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        }

        if (reply.Body is not Wire.RegisterWorkerReply answer)
        {
            throw new ProtocolException($"Scheduler {scheduler.RemoteAddress} answered RegisterWorker with {reply.Body}.");
        }

        if (!answer.Accepted)
        {
            throw new IOException($"Scheduler {scheduler.RemoteAddress} refused worker {Address}: {answer.Reason}");
        }

        if (answer.HeartbeatIntervalSeconds > 0)
        {
            heartbeatInterval = TimeSpan.FromSeconds(answer.HeartbeatIntervalSeconds);
        }
    }

    private void Start()
    {
        RecordCluster();
        loops.Add(Task.Run(EventLoopAsync));
        loops.Add(Task.Run(SchedulerLoopAsync));
        loops.Add(Task.Run(HeartbeatLoopAsync));
        loops.Add(Task.Run(DiagnosticsLoopAsync));
        loops.Add(Task.Run(PeerAcceptLoopAsync));
        if (monitor is not null)
        {
            loops.Add(Task.Run(MemoryMonitorLoopAsync));
        }
    }

    /// <summary>Checks process memory ten times a second (as Dask's memory monitor), spilling past its threshold.</summary>
    private async Task MemoryMonitorLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token).ConfigureAwait(false))
            {
                if (monitor!.Check() > 0)
                {
                    Post(new MemoryPressureEvent(Store.MemoryBytes));
                }

                if (monitor.IsPast(options.TerminateFraction, out var processBytes))
                {
                    StopForMemory($"process memory {ByteSize.Format(processBytes)} above its idle baseline is past {options.TerminateFraction:P0} of the memory limit {ByteSize.Format(options.MemoryLimit)} after spilling");
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// Stops at once without telling the scheduler, which then counts the worker as dead: what
    /// ran here is recomputed elsewhere (a task that keeps killing workers fails after the allowed
    /// failures), and a nanny or LocalCluster starts a fresh process.
    /// </summary>
    private void StopForMemory(string why)
    {
        OutOfMemory = true;
        WorkerLog.OutOfMemory(Logger, Address, why);
        _ = StopAsync($"out of memory: {why}", tellScheduler: false);
    }

    /// <summary>A full blocking collection that also compacts the large-object heap, where blocks live, so freed memory leaves the process.</summary>
    private static void CompactHeap()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    private async Task StopAsync(string reason, bool tellScheduler = true)
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            await stopped.Task.ConfigureAwait(false);
            return;
        }

        WorkerLog.Stopping(Logger, Address, reason);
        if (tellScheduler && !scheduler.IsClosed)
        {
            try
            {
                await scheduler.SendAsync(new Message(new Wire.Close { Reason = reason })).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The scheduler is already gone.
            }
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        events.Writer.TryComplete();
        await scheduler.CloseAsync().ConfigureAwait(false);
        await listener.StopAsync().ConfigureAwait(false);
        await peers.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(loops.Where(l => !l.IsCompleted)).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        await StopActorsAsync().ConfigureAwait(false);
        executor.Dispose();
        Store.Dispose();
        Code.Dispose();
        WorkDirectory.Dispose();
        Device?.Dispose();
        stopped.TrySetResult(reason);
    }

    /// <summary>
    /// The transfer bandwidth measured fetching from peers, in bytes per second: a running average
    /// over fetches of at least <see cref="MinMeasuredTransferBytes"/> (smaller ones measure latency,
    /// not bandwidth); 0 until there is one. Heartbeats report it, so the scheduler's transfer
    /// estimates follow the real network.
    /// </summary>
    public double Bandwidth
    {
        get
        {
            lock (bandwidthGate)
            {
                return bandwidth;
            }
        }
    }

    private void RecordTransfer(long bytes, double seconds)
    {
        if (bytes < MinMeasuredTransferBytes || !(seconds > 0))
        {
            return;
        }

        lock (bandwidthGate)
        {
            var measured = bytes / seconds;
            bandwidth = bandwidth == 0 ? measured : (0.8 * bandwidth) + (0.2 * measured);
        }
    }

    private void Post(WorkerEvent ev) => events.Writer.TryWrite(ev);

    /// <summary>The loop that owns the state machine: handles every queued event as one batch, then does what it says.</summary>
    private async Task EventLoopAsync()
    {
        try
        {
            var batch = new List<WorkerEvent>();
            var outgoing = new List<Message>();
            while (await events.Reader.WaitToReadAsync(stopping.Token).ConfigureAwait(false))
            {
                batch.Clear();
                while (events.Reader.TryRead(out var ev))
                {
                    batch.Add(ev);
                }

                batch.Add(new MemoryPressureEvent(Store.MemoryBytes));
                var instructions = state.HandleStimulus(batch);
                paused = state.Paused;
                outgoing.Clear();
                foreach (var instruction in instructions)
                {
                    Perform(instruction, outgoing);
                }

                if (outgoing.Count > 0)
                {
                    await SendToSchedulerAsync(outgoing).ConfigureAwait(false);
                }

                StartExecuting();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (IOException e)
        {
            _ = StopAsync($"lost the scheduler: {e.Message}", tellScheduler: false);
        }
    }

    /// <summary>
    /// Sends to the scheduler; while the worker reconnects (<see cref="WorkerOptions.ReconnectTimeout"/>),
    /// what cannot be sent is dropped: the scheduler it registers with next learns what it holds.
    /// </summary>
    private async Task SendToSchedulerAsync(List<Message> outgoing)
    {
        try
        {
            await scheduler.SendManyAsync(outgoing, stopping.Token).ConfigureAwait(false);
        }
        catch (IOException) when (options.ReconnectTimeout > TimeSpan.Zero)
        {
            // The scheduler loop notices the loss and reconnects.
        }
    }

    /// <summary>
    /// Handles the scheduler's messages until it closes the worker or goes away, including going
    /// silent for <see cref="WorkerOptions.SchedulerTimeout"/> (it pings every heartbeat interval).
    /// A lost scheduler is connected again for <see cref="WorkerOptions.ReconnectTimeout"/>.
    /// </summary>
    private async Task SchedulerLoopAsync()
    {
        // A stop while reconnecting ends the loop; checked first, as the closed comm fails at once.
        while (!stopping.IsCancellationRequested && await ServeSchedulerAsync().ConfigureAwait(false) is { } lost)
        {
            if (!lost.Reconnect || options.ReconnectTimeout <= TimeSpan.Zero)
            {
                _ = StopAsync(lost.Reason, tellScheduler: false);
                return;
            }

            if (await ReconnectAsync(lost.Reason).ConfigureAwait(false) is { } gaveUp)
            {
                _ = StopAsync(gaveUp, tellScheduler: false);
                return;
            }
        }
    }

    /// <summary>Serves one scheduler connection; null when the worker is stopping, else why the connection ended and whether to reconnect.</summary>
    private async Task<(string Reason, bool Reconnect)?> ServeSchedulerAsync()
    {
        string reason;
        var reconnect = true;
        var silence = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        try
        {
            while (true)
            {
                if (!silence.TryReset())
                {
                    silence.Dispose();
                    silence = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                }

                silence.CancelAfter(options.SchedulerTimeout);
                var message = await scheduler.ReceiveAsync(silence.Token).ConfigureAwait(false);
                if (FromScheduler(message) is { } closing)
                {
                    reason = closing;
                    reconnect = false;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            reason = new SchedulerSilentException(scheduler.RemoteAddress, options.SchedulerTimeout).Message;
        }
        catch (ProtocolException e)
        {
            reason = $"the scheduler broke the protocol: {e.Message}";
            reconnect = false;
        }
        catch (IOException e)
        {
            reason = $"lost the scheduler at {scheduler.RemoteAddress}: {e.Message}";
        }
        finally
        {
            silence.Dispose();
        }

        return (reason, reconnect);
    }

    private async Task HeartbeatLoopAsync()
    {
        using var timer = new PeriodicTimer(heartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token).ConfigureAwait(false))
            {
                Graph.Key[] running;
                lock (executing)
                {
                    running = [.. executing];
                }

                var heartbeat = new Wire.Heartbeat
                {
                    MemoryBytes = Store.MemoryBytes,
                    SpilledBytes = Store.SpilledBytes,
                    Executing = running.Length,
                    Paused = paused,
                    ExecutingKeys = running,
                    Bandwidth = Bandwidth,
                };
                await SendToSchedulerAsync([new Message(heartbeat)]).ConfigureAwait(false);
                Post(new MemoryPressureEvent(Store.MemoryBytes));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // Stopping, or the scheduler loop reports the lost connection.
        }
    }
}
