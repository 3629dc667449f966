using System.Collections.Concurrent;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Requests that the scheduler answers (cluster queries, datasets), matched to their answers by
/// request id, and requests sent straight to a worker (scatter, run) on a comm of their own.
/// </summary>
public sealed partial class Client
{
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<Message>> requests = new();

    /// <summary>Sends <paramref name="body"/> to the scheduler and waits for its answer.</summary>
    /// <exception cref="IOException">The scheduler is lost.</exception>
    private async Task<TReply> RequestAsync<TReply>(Wire.WireMessage body, CancellationToken cancellationToken)
        where TReply : Wire.WireMessage
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        var id = (ulong)Interlocked.Increment(ref computeCount);
        var answer = new TaskCompletionSource<Message>(TaskCreationOptions.RunContinuationsAsynchronously);
        requests[id] = answer;
        try
        {
            lock (waiting)
            {
                if (lost is not null)
                {
                    throw LostScheduler(lost);
                }
            }

            await scheduler.SendAsync(new Message(body) { RequestId = id }, cancellationToken).ConfigureAwait(false);
            var reply = await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return Expect<TReply>(reply, $"the scheduler at {SchedulerAddress}");
        }
        finally
        {
            requests.TryRemove(id, out _);
        }
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

    private void FailRequests(Exception error)
    {
        foreach (var id in requests.Keys)
        {
            if (requests.TryRemove(id, out var answer))
            {
                answer.TrySetException(error);
            }
        }
    }
}
