using MiniDask.Graph;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Worker;

/// <summary>The worker's own listener: peers and clients fetch results with GetDataRequest.</summary>
public sealed partial class WorkerServer
{
    private async Task PeerAcceptLoopAsync()
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

            _ = Task.Run(() => ServePeerAsync(comm));
        }
    }

    private async Task ServePeerAsync(Comm comm)
    {
        await using (comm.ConfigureAwait(false))
        {
            try
            {
                while (!stopping.IsCancellationRequested)
                {
                    var message = await comm.ReceiveAsync(stopping.Token).ConfigureAwait(false);
                    if (message.Body is Wire.Close)
                    {
                        return;
                    }

                    if (message.Body is Wire.ScatterData or Wire.RunOnWorker)
                    {
                        await comm.SendAsync(await FromClientAsync(message).ConfigureAwait(false), stopping.Token).ConfigureAwait(false);
                        continue;
                    }

                    if (message.Body is not Wire.GetDataRequest request)
                    {
                        throw new ProtocolException($"Unexpected {message.Body} message from peer {comm.RemoteAddress}; a worker's listener serves GetDataRequest, ScatterData and RunOnWorker.");
                    }

                    Message reply;
                    var leased = new List<object?>();
                    try
                    {
                        reply = GetData(request, message.RequestId, leased);
                    }
                    catch (NotSupportedException e)
                    {
                        reply = new Message(new Wire.ErrorReply
                        {
                            ExceptionType = typeof(NotSupportedException).FullName!,
                            Message = $"Worker {Address} cannot send its data: {e.Message}",
                        })
                        { RequestId = message.RequestId };
                    }

                    try
                    {
                        // The reply's payload frames are the blocks' own buffers: they stay leased until written.
                        await comm.SendAsync(reply, stopping.Token).ConfigureAwait(false);
                    }
                    finally
                    {
                        leased.ForEach(Store.EndLease);
                    }
                }
            }
            catch (ProtocolException e)
            {
                WorkerLog.ClosingPeer(Logger, comm.RemoteAddress, e.Message);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                // The peer went away or the worker is stopping.
            }
        }
    }

    private Message GetData(Wire.GetDataRequest request, ulong requestId, List<object?> leased)
    {
        var builder = new MessageBuilder();
        var data = new List<Wire.KeyValue>(request.Keys.Length);
        var missing = new List<Key>();
        foreach (var key in request.Keys)
        {
            if (Store.TryLease(key, out var value))
            {
                leased.Add(value);
                Wire.WireValue encoded;
                try
                {
                    encoded = builder.AddValue(value);
                }
                catch (NotSupportedException e)
                {
                    throw new NotSupportedException($"the result of {key} cannot cross a process boundary: {e.Message}", e);
                }
                catch (ObjectDisposedException)
                {
                    // A block in device memory released while it was being sent: the key is gone.
                    missing.Add(key);
                    continue;
                }

                data.Add(new Wire.KeyValue { Key = key, Value = encoded });
            }
            else
            {
                missing.Add(key);
            }
        }

        return builder.Build(new Wire.GetDataResponse { Data = [.. data], Missing = [.. missing] }, requestId);
    }
}
