using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// The distributed scheduler process: a <see cref="Listener"/> accepting workers and clients, one
/// receive loop per connection translating messages into stimuli of a <see cref="SchedulerState"/>
/// and its instructions back into messages, and a timer ticking the state machine (heartbeat
/// timeouts, work stealing). Every access to the state machine holds one lock, and messages are
/// queued under it, so each peer receives them in the order the machine produced them. A
/// connection that breaks the protocol is closed with a logged reason; a worker whose
/// connection drops is removed as lost.
/// </summary>
public sealed partial class SchedulerServer : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly object gate = new();
    private readonly SchedulerState state;
    private readonly Listener listener;
    private readonly SchedulerServerOptions options;
    private readonly Dictionary<string, ServerConnection> workers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServerConnection> clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WorkerInfo> workerInfo = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ServerConnection, Task> connections = new();
    private readonly ProgressTracker progress = new();
    private readonly CodeStore code = new();
    private readonly Dictionary<string, ServerConnection> codeOwners = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private Task acceptLoop = Task.CompletedTask;
    private Task tickLoop = Task.CompletedTask;
    private int stopped;
    private long tasksSent;

    private SchedulerServer(Listener listener, SchedulerServerOptions options)
    {
        this.listener = listener;
        this.options = options;
        state = new SchedulerState(options.State, options.Clock);
    }

    /// <summary>The address workers and clients connect to, with the port actually bound.</summary>
    public string Address => listener.Address;

    /// <summary>The workers connected now, by address, with what their last heartbeat said.</summary>
    public IReadOnlyDictionary<string, WorkerInfo> Workers => new Dictionary<string, WorkerInfo>(workerInfo, StringComparer.Ordinal);

    /// <summary>The messages and bytes through the scheduler so far, over all its connections, both ways.</summary>
    public CommTraffic Traffic => options.Comm.Traffic!;

    /// <summary>How many tasks the scheduler has sent to workers to compute so far (a task sent again after a steal or a lost worker counts again).</summary>
    public long TasksSent => Interlocked.Read(ref tasksSent);

    private ILogger Logger => options.Comm.Logger;

    /// <summary>
    /// Starts a scheduler listening on <paramref name="address"/> (<c>tcp://HOST:PORT</c>, port 0 for a
    /// free one; <c>tls://</c> with <see cref="CommOptions.Tls"/>).
    /// </summary>
    /// <exception cref="FormatException">The address is malformed.</exception>
    /// <exception cref="IOException">The address cannot be bound.</exception>
    public static async Task<SchedulerServer> StartAsync(string address, SchedulerServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SchedulerServerOptions();
        var comm = options.Comm with
        {
            Role = Protocol.Messages.PeerRole.Scheduler,
            Traffic = options.Comm.Traffic ?? new CommTraffic(),
            Logger = new LogTail(options.Comm.Logger),
        };
        options = options with { Comm = comm };
        var listener = await Listener.ListenAsync(address, comm, cancellationToken).ConfigureAwait(false);
        var server = new SchedulerServer(listener, options);
        server.acceptLoop = Task.Run(server.AcceptLoopAsync, CancellationToken.None);
        server.tickLoop = Task.Run(server.TickLoopAsync, CancellationToken.None);
        try
        {
            await server.StartDashboardAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>Reads the state machine under the server's lock, for diagnostics and tests.</summary>
    public T Inspect<T>(Func<SchedulerState, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (gate)
        {
            return read(state);
        }
    }

    /// <summary>Stops accepting, closes every connection (workers see the scheduler go) and stops the timer.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        // Workers hear that the scheduler stops on purpose, so those that would reconnect leave instead.
        var leaving = connections.Keys.Where(c => c.WorkerAddress is not null).ToList();
        foreach (var worker in leaving)
        {
            worker.Post(new Message(new Wire.Close { Reason = "the scheduler is stopping" }));
            worker.CloseAfterSending();
        }

        await Task.WhenAll(leaving.Select(w => w.SendLoop)).WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        await stopping.CancelAsync().ConfigureAwait(false);
        await StopDashboardAsync().ConfigureAwait(false);
        await listener.StopAsync().ConfigureAwait(false);

        foreach (var connection in connections.Keys)
        {
            await connection.Comm.CloseAsync().ConfigureAwait(false);
        }

        await Task.WhenAll([acceptLoop, tickLoop, .. connections.Values]).ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Comm comm;
            try
            {
                comm = await listener.AcceptAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or CommClosedException)
            {
                return;
            }

            var connection = new ServerConnection(comm, Logger);
            connections[connection] = Task.Run(() => ServeAsync(connection), CancellationToken.None);
        }
    }

    private async Task ServeAsync(ServerConnection connection)
    {
        var graceful = false;
        try
        {
            while (!graceful)
            {
                var message = await connection.Comm.ReceiveAsync(stopping.Token).ConfigureAwait(false);
                lock (gate)
                {
                    // What else has arrived on this connection is handled under the same lock, so a
                    // burst of task reports costs one lock and leaves its replies queued together.
                    graceful = !Handle(connection, message);
                    for (var more = 1; !graceful && more < MaxBatch && connection.Comm.TryReceive(out var next); more++)
                    {
                        graceful = !Handle(connection, next);
                    }
                }
            }
        }
        catch (ProtocolException) when (connection.Comm.IsClosed)
        {
            // A frame that broke the protocol: the comm closed itself and logged why.
        }
        catch (ProtocolException e)
        {
            ServerLog.ClosingConnection(Logger, connection.ToString(), e.Message);
            connection.Post(new Message(new MiniDask.Protocol.Messages.Close { Reason = e.Message }));
        }
        catch (Exception e) when (e is CommClosedException or IOException or OperationCanceledException)
        {
            // The peer went away or the server is stopping.
        }
        catch (Exception e)
        {
            // A message the state machine could not take: drop this peer, keep serving the others.
            ServerLog.LoopFailed(Logger, $"{connection}: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            Disconnected(connection, graceful);
            connection.CloseAfterSending();
            await connection.SendLoop.ConfigureAwait(false);
            connections.TryRemove(connection, out _);
        }
    }

    private async Task TickLoopAsync()
    {
        using var timer = new PeriodicTimer(options.TickInterval);
        var lastPing = Environment.TickCount64;
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token).ConfigureAwait(false))
            {
                if (Environment.TickCount64 - lastPing >= options.HeartbeatInterval.TotalMilliseconds)
                {
                    // Outside the state lock: a long graph update must not silence the scheduler.
                    lastPing = Environment.TickCount64;
                    PingEveryone();
                }

                lock (gate)
                {
                    Dispatch(state.HandleStimulus(new Tick()), requestId: 0);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Tells every client and worker that the scheduler is alive (they leave after hearing nothing for their timeout).</summary>
    private void PingEveryone()
    {
        foreach (var connection in connections.Keys)
        {
            connection.Post(new Message(new Wire.Ping()));
        }
    }

    private void Disconnected(ServerConnection connection, bool graceful)
    {
        lock (gate)
        {
            if (connection.WorkerAddress is { } address && workers.TryGetValue(address, out var live) && live == connection)
            {
                workers.Remove(address);
                workerInfo.TryRemove(address, out _);
                ServerLog.WorkerLeft(Logger, address, graceful ? "closed" : "connection lost");
                var reason = graceful ? WorkerRemovalReason.Graceful : WorkerRemovalReason.Lost;
                Dispatch(state.HandleStimulus(new RemoveWorker(address, reason)), requestId: 0);
            }

            foreach (var client in connection.ClientIds)
            {
                clients.Remove(client);
                progress.Untrack(client);
                Dispatch(state.HandleStimulus(new ClientDisconnected(client)), requestId: 0);
            }

            connection.ClientIds.Clear();
            ReleaseCode(connection);
            CoordinationLeft(connection);
            FailAcquiring(connection);
        }
    }
}
