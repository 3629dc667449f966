using MiniDask.Graph.Codecs;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// A handle of a named object the scheduler keeps: a queue, variable, lock, semaphore, event or
/// topic, made on first use and shared by every client and task that names it (Dask's
/// <c>Queue("name")</c>). It lives while some client holds a handle of it; disposing the last
/// handle a client has of it lets go, and a client that disconnects lets go of everything,
/// giving back the locks and leases it held. Waits take a timeout (raising
/// <see cref="TimeoutException"/>) and a cancellation token.
/// </summary>
public abstract class CoordinationHandle : IAsyncDisposable, IDisposable
{
    private int disposed;

    private protected CoordinationHandle(Client client, Wire.CoordinationKind kind, string name)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Client = client;
        Kind = kind;
        Name = name;
        client.Hold(kind, name);
    }

    /// <summary>The object's name.</summary>
    public string Name { get; }

    /// <summary>This handle's id at the scheduler: locks and leases are held by a handle, not by its client.</summary>
    internal string Holder { get; } = Guid.NewGuid().ToString("N");

    private protected Client Client { get; }

    private protected Wire.CoordinationKind Kind { get; }

    /// <summary>The object's kind and name, as errors name it.</summary>
    private protected string Label => $"{Kind.ToString().ToLowerInvariant()} '{Name}'";

    /// <summary>Lets go of the object: once no client holds it, the scheduler deletes it and what it holds.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            await LetGoAsync().ConfigureAwait(false);
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>The same as <see cref="DisposeAsync"/>, for a task's synchronous code (<c>using var work = client.Queue&lt;int&gt;("work");</c>).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The object's kind and name.</summary>
    public override string ToString() => $"<{GetType().Name.Split('`')[0]} '{Name}'>";

    /// <summary>What the handle gives back when disposed, before the client lets go of the object.</summary>
    private protected virtual Task LetGoAsync() => Client.LetGoAsync(Kind, Name);

    /// <summary>
    /// Sends <paramref name="op"/> and returns the answer and its message. With <paramref name="wait"/>,
    /// the scheduler parks the request until it can answer; a zero timeout asks without waiting.
    /// </summary>
    /// <exception cref="TimeoutException">The timeout passed first.</exception>
    /// <exception cref="InvalidOperationException">The scheduler refused the request, saying why.</exception>
    private protected async Task<(Wire.CoordinationReply Reply, Message Message)> SendAsync(
        Wire.CoordinationOp op, string what, IReadOnlyList<PayloadSegment>? values = null, bool wait = false, TimeSpan? timeout = null, int count = 0,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        var immediate = wait && timeout == TimeSpan.Zero;
        var request = new Wire.CoordinationRequest { Op = op, Kind = Kind, Name = Name, Holder = Holder, Count = count, Wait = wait && !immediate };
        var message = await Client.AskSchedulerAsync(request, values, what, waits: wait && !immediate, timeout, cancellationToken).ConfigureAwait(false);
        var reply = (Wire.CoordinationReply)message.Body;
        switch (reply.Status)
        {
            case Wire.CoordinationStatus.Refused:
                throw new InvalidOperationException(reply.Message);
            case Wire.CoordinationStatus.Cancelled:
                throw new InvalidOperationException($"The {Label} was deleted (no client held it) while waiting for {what}.");
            case Wire.CoordinationStatus.NotAvailable when immediate:
                throw new TimeoutException($"Timed out after 0 s waiting for {what}.");
            default:
                return (reply, message);
        }
    }

    /// <summary>The value of an answer, as a <typeparamref name="T"/>.</summary>
    private protected static T ValueOf<T>(Message message, string what) =>
        PackedValue.Unpack(message.Frame(0, what)) is var value && value is null ? default! : (T)value;
}
