using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// An event held by the scheduler (Dask's <c>distributed.Event</c>): set or clear; waiting on a
/// clear event lasts until some client or task sets it. Get it with <see cref="Client.Event"/>.
/// </summary>
public sealed class DistributedEvent : CoordinationHandle
{
    internal DistributedEvent(Client client, string name)
        : base(client, Wire.CoordinationKind.Event, name)
    {
    }

    /// <summary>Sets the event, waking every waiter.</summary>
    public async Task SetAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(Wire.CoordinationOp.EventSet, $"a set of {Label}", cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Clears the event: later waits wait for the next set.</summary>
    public async Task ClearAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(Wire.CoordinationOp.EventClear, $"a clear of {Label}", cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Waits until the event is set (at most <paramref name="timeout"/>; null waits as long as it takes).</summary>
    /// <exception cref="TimeoutException">The event stayed clear for the whole timeout.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    public async Task WaitAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        await SendAsync(Wire.CoordinationOp.EventWait, $"{Label} to be set", wait: true, timeout: timeout, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Whether the event is set now.</summary>
    public async Task<bool> IsSetAsync(CancellationToken cancellationToken = default)
    {
        var (reply, _) = await SendAsync(Wire.CoordinationOp.EventWait, $"the state of {Label}", cancellationToken: cancellationToken).ConfigureAwait(false);
        return reply.Status == Wire.CoordinationStatus.Done;
    }
}
