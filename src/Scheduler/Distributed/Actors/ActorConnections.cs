using System.Collections.Concurrent;
using MiniDask.Protocol;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Comms to the workers that hold actors, one per worker, each carrying many calls at once:
/// a call is sent under a fresh request id and its reply routed back by that id, so calls from
/// several tasks of this process share the comm without waiting on each other. A comm that breaks
/// fails the calls in flight on it, and the next call opens a new one.
/// </summary>
internal sealed class ActorConnections(CommOptions options) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Connection>>> byWorker = new(StringComparer.Ordinal);
    private int disposed;

    /// <summary>Sends <paramref name="call"/> to <paramref name="worker"/> and waits for its reply.</summary>
    /// <exception cref="IOException">The worker cannot be reached, or the connection broke before the reply came.</exception>
    public async Task<Message> CallAsync(string worker, Message call, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        var connection = await ConnectionToAsync(worker, cancellationToken).ConfigureAwait(false);
        return await connection.CallAsync(call, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        foreach (var entry in byWorker.Values)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully)
            {
                await entry.Value.Result.DisposeAsync().ConfigureAwait(false);
            }
        }

        byWorker.Clear();
    }

    private async Task<Connection> ConnectionToAsync(string worker, CancellationToken cancellationToken)
    {
        while (true)
        {
            var entry = byWorker.GetOrAdd(worker, w => new Lazy<Task<Connection>>(() => Connection.OpenAsync(w, options)));
            Connection connection;
            try
            {
                connection = await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A failed connect is not kept: the next call tries again.
                byWorker.TryRemove(new KeyValuePair<string, Lazy<Task<Connection>>>(worker, entry));
                throw;
            }

            if (!connection.Broken)
            {
                return connection;
            }

            byWorker.TryRemove(new KeyValuePair<string, Lazy<Task<Connection>>>(worker, entry));
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class Connection : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<ulong, TaskCompletionSource<Message>> pending = new();
        private readonly Comm comm;
        private readonly Task receiveLoop;
        private long nextId;
        private volatile Exception? failure;

        private Connection(Comm comm)
        {
            this.comm = comm;
            receiveLoop = Task.Run(ReceiveLoopAsync);
        }

        public bool Broken => failure is not null || comm.IsClosed;

        public static async Task<Connection> OpenAsync(string worker, CommOptions options) =>
            new(await Comm.ConnectAsync(worker, options).ConfigureAwait(false));

        public async Task<Message> CallAsync(Message call, CancellationToken cancellationToken)
        {
            var id = (ulong)Interlocked.Increment(ref nextId);
            var reply = new TaskCompletionSource<Message>(TaskCreationOptions.RunContinuationsAsynchronously);
            pending[id] = reply;
            try
            {
                if (failure is { } failed)
                {
                    throw new IOException(failed.Message, failed);
                }

                await comm.SendAsync(new Message(call.Body, call.Payload) { RequestId = id }, cancellationToken).ConfigureAwait(false);
                return await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                pending.TryRemove(id, out _);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await comm.CloseAsync().ConfigureAwait(false);
            await receiveLoop.ConfigureAwait(false);
        }

        private async Task ReceiveLoopAsync()
        {
            try
            {
                while (true)
                {
                    var message = await comm.ReceiveAsync().ConfigureAwait(false);
                    if (pending.TryRemove(message.RequestId, out var waiting))
                    {
                        waiting.TrySetResult(message);
                    }
                }
            }
            catch (Exception e) when (e is IOException or ProtocolException)
            {
                failure = e;
                foreach (var waiting in pending.Values)
                {
                    waiting.TrySetException(new IOException(e.Message, e));
                }
            }
        }
    }
}
