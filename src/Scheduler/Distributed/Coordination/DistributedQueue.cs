using MiniDask.Graph.Codecs;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// A first-in first-out queue of values held by the scheduler (Dask's <c>distributed.Queue</c>),
/// shared by every client and task that names it: each item put is taken by exactly one get,
/// the longest-waiting get first. Get it with <see cref="Client.Queue{T}"/>.
/// </summary>
/// <typeparam name="T">The items' type: anything that can cross a process boundary.</typeparam>
public sealed class DistributedQueue<T> : CoordinationHandle
{
    internal DistributedQueue(Client client, string name)
        : base(client, Wire.CoordinationKind.Queue, name)
    {
    }

    /// <summary>Appends <paramref name="item"/>; returns how many items the queue holds after it (0 when a waiting get took it).</summary>
    /// <exception cref="NotSupportedException">The item cannot cross a process boundary; the message names its type.</exception>
    public Task<int> PutAsync(T item, CancellationToken cancellationToken = default) => PutManyAsync([item], cancellationToken);

    /// <summary>Appends <paramref name="items"/> in order, in one message; returns how many items the queue holds after them.</summary>
    /// <exception cref="NotSupportedException">An item cannot cross a process boundary; the message names its type.</exception>
    public async Task<int> PutManyAsync(IEnumerable<T> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var values = items.Select(i => PackedValue.Pack(i)).ToList();
        var (reply, _) = await SendAsync(Wire.CoordinationOp.QueuePut, $"a put on {Label}", values, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (int)reply.Number;
    }

    /// <summary>Takes the oldest item, waiting while the queue is empty (at most <paramref name="timeout"/>; null waits as long as it takes).</summary>
    /// <exception cref="TimeoutException">The queue stayed empty for the whole timeout.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting; no item was taken.</exception>
    public async Task<T> GetAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var what = $"an item of {Label}";
        var (_, message) = await SendAsync(Wire.CoordinationOp.QueueGet, what, wait: true, timeout: timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ValueOf<T>(message, what);
    }

    /// <summary>Takes the oldest item if there is one, without waiting.</summary>
    public async Task<(bool Found, T Item)> TryGetAsync(CancellationToken cancellationToken = default)
    {
        var what = $"an item of {Label}";
        var (reply, message) = await SendAsync(Wire.CoordinationOp.QueueGet, what, cancellationToken: cancellationToken).ConfigureAwait(false);
        return reply.Status == Wire.CoordinationStatus.Done ? (true, ValueOf<T>(message, what)) : (false, default!);
    }

    /// <summary>How many items the queue holds now.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        var (reply, _) = await SendAsync(Wire.CoordinationOp.QueueCount, $"the length of {Label}", cancellationToken: cancellationToken).ConfigureAwait(false);
        return (int)reply.Number;
    }
}
