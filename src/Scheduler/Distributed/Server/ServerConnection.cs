using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MiniDask.Protocol;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// One accepted comm of the scheduler server: an outbox drained by a single send loop, so that
/// messages posted under the state lock leave in the order the state machine produced them.
/// </summary>
internal sealed class ServerConnection
{
    private readonly Channel<Message> outbox = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });

    private const int MaxBatch = 512;

    private readonly ILogger logger;

    public ServerConnection(Comm comm, ILogger logger)
    {
        Comm = comm;
        this.logger = logger;
        SendLoop = Task.Run(DrainAsync);
    }

    public Comm Comm { get; }

    /// <summary>The worker address this comm registered, or null for a client.</summary>
    public string? WorkerAddress { get; set; }

    /// <summary>The client ids whose graphs came over this comm.</summary>
    public HashSet<string> ClientIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Graphs whose parts are still arriving, by client id; only this comm's receive loop touches them.</summary>
    public Dictionary<string, GraphInParts> GraphParts { get; } = new(StringComparer.Ordinal);

    /// <summary>Why graphs refused part-way through their parts were refused, by client id, until their last part arrives.</summary>
    public Dictionary<string, string> RefusedGraphs { get; } = new(StringComparer.Ordinal);

    public Task SendLoop { get; }

    /// <summary>Queues <paramref name="message"/>; dropped when the connection is closing.</summary>
    public void Post(Message message) => outbox.Writer.TryWrite(message);

    /// <summary>Sends what is queued, then closes the comm.</summary>
    public void CloseAfterSending() => outbox.Writer.TryComplete();

    public override string ToString() => Comm.ToString();

    private async Task DrainAsync()
    {
        try
        {
            // Everything queued while the last batch was being written goes out in the next one.
            var batch = new List<Message>();
            while (await outbox.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && outbox.Reader.TryRead(out var message))
                {
                    batch.Add(message);
                }

                await Comm.SendManyAsync(batch).ConfigureAwait(false);
            }
        }
        catch (ProtocolException) when (Comm.IsClosed)
        {
            // The peer broke the protocol on the way in; the receive loop logged why.
        }
        catch (ProtocolException e)
        {
            ServerLog.ClosingConnection(logger, ToString(), $"a message to it breaks the frame limits: {e.Message}");
        }
        catch (IOException)
        {
            // The peer is gone; the receive loop reports it.
        }
        finally
        {
            outbox.Writer.TryComplete();
            await Comm.CloseAsync().ConfigureAwait(false);
        }
    }
}
