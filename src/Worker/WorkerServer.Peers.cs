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
                    if (message.Kind == Wire.Envelope.KindOneofCase.Close)
                    {
                        return;
                    }

                    if (message.Kind != Wire.Envelope.KindOneofCase.GetDataRequest)
                    {
                        throw new ProtocolException($"Unexpected {message.Kind} message from peer {comm.RemoteAddress}; a worker's listener serves only GetDataRequest.");
                    }

                    Message reply;
                    var leased = new List<object?>();
                    try
                    {
                        reply = GetData(message.Envelope.GetDataRequest, message.Envelope.RequestId, leased);
                    }
                    catch (NotSupportedException e)
                    {
                        reply = new Message(new Wire.Envelope
                        {
                            RequestId = message.Envelope.RequestId,
                            ErrorReply = new Wire.ErrorReply { ExceptionType = typeof(NotSupportedException).FullName, Message = $"Worker {Address} cannot send its data: {e.Message}" },
                        });
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
        var response = new Wire.GetDataResponse();
        foreach (var proto in request.Keys)
        {
            var key = GraphCodec.DecodeKey(proto);
            if (Store.TryLease(key, out var value))
            {
                leased.Add(value);
                Wire.ValueProto encoded;
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
                    response.Missing.Add(proto);
                    continue;
                }

                response.Data.Add(new Wire.KeyValue { Key = proto, Value = encoded });
            }
            else
            {
                response.Missing.Add(proto);
            }
        }

        return builder.Build(new Wire.Envelope { RequestId = requestId, GetDataResponse = response });
    }
}
