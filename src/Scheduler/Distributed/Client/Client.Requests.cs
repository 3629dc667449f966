using System.Collections.Concurrent;
using MiniDask.Graph.Codecs;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Requests that the scheduler answers, one mechanism for all of them (cluster queries, datasets,
/// cluster operations, actors and coordination objects): each carries a request id of its own and
/// its answer comes back under it. A request that may wait at the scheduler (a queue get, a lock)
/// is cancelled by asking the scheduler to drop it: the answer that comes back is either the
/// cancellation or a grant that won the race, which is kept, so no item or lease is lost. Requests
/// sent straight to a worker (scatter, run) go on a comm of their own.
/// </summary>
public sealed partial class Client
{
    // Far above compute numbers (one per compute, which name their graphs' messages), so the two never meet.
    private long nextRequestId = 1L << 40;
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<Message>> requests = new();

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
        requests[id] = reply;
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
            requests.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Sends <paramref name="body"/> to the scheduler and waits for its answer, a <typeparamref name="TReply"/>;
    /// cancelling stops the wait (the scheduler still does what it was asked). An <see cref="Wire.ErrorReply"/> is raised as the error it names.
    /// </summary>
    /// <exception cref="IOException">The scheduler is lost.</exception>
    private async Task<TReply> RequestAsync<TReply>(Wire.WireMessage body, CancellationToken cancellationToken)
        where TReply : Wire.WireMessage
    {
        var reply = await AskSchedulerAsync(body, null, body.ToString()).WaitAsync(cancellationToken).ConfigureAwait(false);
        return Expect<TReply>(reply, $"the scheduler at {SchedulerAddress}");
    }

    /// <summary>Sends <paramref name="request"/> to the worker at <paramref name="address"/> on a comm of its own and waits for the answer.</summary>
    /// <exception cref="IOException">The worker cannot be reached or broke off.</exception>
    private async Task<(TReply Body, Message Message)> RequestWorkerAsync<TReply>(string address, Message request, CancellationToken cancellationToken)
        where TReply : Wire.WireMessage
    {
        var comm = await Comm.ConnectAsync(address, commOptions, cancellationToken).ConfigureAwait(false);
        await using (comm.ConfigureAwait(false))
        {
            var id = (ulong)Interlocked.Increment(ref computeCount);
            await comm.SendAsync(new Message(request.Body, request.Payload) { RequestId = id }, cancellationToken).ConfigureAwait(false);
            var reply = await comm.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            await comm.SendAsync(new Message(new Wire.Close { Reason = "request answered" }), cancellationToken).ConfigureAwait(false);
            return (Expect<TReply>(reply, $"worker {address}"), reply);
        }
    }

    private static TReply Expect<TReply>(Message reply, string peer)
        where TReply : Wire.WireMessage =>
        reply.Body switch
        {
            TReply body => body,
            Wire.ErrorReply error => throw RemoteErrors.Create(error.ExceptionType, $"{error.Message}", ""),
            _ => throw new ProtocolException($"{peer} answered with {reply.Body}, not a {typeof(TReply).Name}."),
        };

    /// <summary>Completes the request <paramref name="message"/> answers; false when it answers none.</summary>
    private bool AnswerRequest(Message message) =>
        requests.TryRemove(message.RequestId, out var answer) && answer.TrySetResult(message);

    /// <summary>The scheduler is lost: every request waiting for an answer fails, and so does every subscription.</summary>
    private void FailRequests(Exception cause)
    {
        foreach (var id in requests.Keys)
        {
            if (requests.TryRemove(id, out var answer))
            {
                answer.TrySetException(LostScheduler(cause));
            }
        }

        FailSubscriptions(LostScheduler(cause));
    }
}
