using System.Collections.Concurrent;
using MiniDask.Graph.Codecs;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Requests to the scheduler that may wait there, answered under their request id (actor creation
/// and lookup, coordination objects), and what it pushes on its own (published messages). A request that
/// may wait is cancelled by asking the scheduler to drop it: the answer that comes back is either
/// the cancellation or a grant that won the race, which is kept, so no item or lease is lost.
/// </summary>
public sealed partial class Client
{
    // Far above compute request ids (one per compute), so the two never meet.
    private long nextRequestId = 1L << 40;
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<Message>> coordinationRequests = new();

    /// <summary>
    /// Sends <paramref name="body"/> to the scheduler and waits for its answer. With
    /// <paramref name="waits"/>, a timeout or cancellation asks the scheduler to drop the parked
    /// request; <see cref="TimeoutException"/> then says it waited <paramref name="timeout"/> for <paramref name="what"/>.
    /// </summary>
    /// <exception cref="IOException">The scheduler was lost.</exception>
    /// <exception cref="TimeoutException">The timeout passed before the scheduler could answer.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the scheduler could answer.</exception>
    internal async Task<Message> AskSchedulerAsync(
        Wire.WireMessage body, IReadOnlyList<PayloadSegment>? payload, string what, bool waits = false, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        if (timeout is { } t && t < TimeSpan.Zero && t != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), t, $"A timeout for {what} must be positive (or null to wait without one).");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var id = (ulong)Interlocked.Increment(ref nextRequestId);
        var reply = new TaskCompletionSource<Message>(TaskCreationOptions.RunContinuationsAsynchronously);
        coordinationRequests[id] = reply;
        try
        {
            if (lost is { } cause)
            {
                throw LostScheduler(cause);
            }

            await scheduler.SendAsync(new Message(body, payload) { RequestId = id }, CancellationToken.None).ConfigureAwait(false);
            if (!waits || (timeout is null && !cancellationToken.CanBeCanceled))
            {
                return await reply.Task.ConfigureAwait(false);
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (timeout is { } limit && limit != Timeout.InfiniteTimeSpan)
            {
                deadline.CancelAfter(limit);
            }

            try
            {
                return await reply.Task.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                await scheduler.SendAsync(new Message(new Wire.CancelCoordination { RequestId = id })).ConfigureAwait(false);
                var answer = await reply.Task.ConfigureAwait(false);
                if (answer.Body is not Wire.CoordinationReply { Status: Wire.CoordinationStatus.Cancelled })
                {
                    return answer;
                }

                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"Timed out after {timeout!.Value.TotalSeconds:0.###} s waiting for {what}.");
            }
        }
        finally
        {
            coordinationRequests.TryRemove(id, out _);
        }
    }

    /// <summary>Routes an answer or a pushed message from the scheduler; false when it is neither.</summary>
    private bool RouteRequestReply(Message message)
    {
        switch (message.Body)
        {
            case Wire.ActorCreated or Wire.CoordinationReply:
                if (coordinationRequests.TryRemove(message.RequestId, out var waiting))
                {
                    waiting.TrySetResult(message);
                }

                return true;
            case Wire.Published published:
                Deliver(published.Topic, message.Frame(0, $"message on topic '{published.Topic}'"));
                return true;
            default:
                return false;
        }
    }

    /// <summary>The scheduler is lost: every request waiting for an answer fails, and so does every subscription.</summary>
    private void FailCoordinationRequests(Exception cause)
    {
        foreach (var waiting in coordinationRequests.Values)
        {
            waiting.TrySetException(LostScheduler(cause));
        }

        FailSubscriptions(LostScheduler(cause));
    }
}
