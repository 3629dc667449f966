using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MiniDask.Graph.Codecs;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Publishes messages on a topic (Dask's <c>distributed.Pub</c>): each goes through the scheduler
/// to every client and task subscribed to the topic at that moment, in the order this handle
/// published them. Get it with <see cref="Client.Publisher{T}"/>.
/// </summary>
/// <typeparam name="T">The messages' type: anything that can cross a process boundary.</typeparam>
public sealed class Publisher<T> : CoordinationHandle
{
    internal Publisher(Client client, string topic)
        : base(client, Wire.CoordinationKind.Topic, topic)
    {
    }

    /// <summary>Publishes <paramref name="message"/>; it is sent once the scheduler has it, without waiting for subscribers.</summary>
    /// <exception cref="NotSupportedException">The message cannot cross a process boundary; the message names its type.</exception>
    /// <exception cref="IOException">The scheduler was lost.</exception>
    public Task PublishAsync(T message, CancellationToken cancellationToken = default) =>
        Client.PostAsync(
            new Wire.CoordinationRequest { Op = Wire.CoordinationOp.Publish, Kind = Kind, Name = Name, Holder = Holder },
            [PackedValue.Pack(message)],
            cancellationToken);
}

/// <summary>
/// Receives the messages published on a topic from the moment it subscribed (Dask's
/// <c>distributed.Sub</c>), in the order each publisher sent them. Get it with
/// <see cref="Client.SubscribeAsync{T}"/>; disposing it unsubscribes.
/// </summary>
/// <typeparam name="T">The messages' type.</typeparam>
public sealed class Subscriber<T> : CoordinationHandle, ITopicSink
{
    private readonly Channel<PayloadSegment> inbox = Channel.CreateUnbounded<PayloadSegment>(new UnboundedChannelOptions { SingleWriter = true });

    internal Subscriber(Client client, string topic)
        : base(client, Wire.CoordinationKind.Topic, topic)
    {
    }

    /// <summary>The next message, waiting for one (at most <paramref name="timeout"/>; null waits as long as it takes).</summary>
    /// <exception cref="TimeoutException">No message came within the timeout.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    /// <exception cref="IOException">The scheduler was lost.</exception>
    public async Task<T> GetAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit && limit != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(limit);
        }

        PayloadSegment next;
        try
        {
            next = await inbox.Reader.ReadAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out after {timeout!.Value.TotalSeconds:0.###} s waiting for a message on {Label}.");
        }
        catch (ChannelClosedException e)
        {
            throw e.InnerException ?? new InvalidOperationException($"This subscription to {Label} has ended.");
        }

        return Unpack(next);
    }

    /// <summary>The messages as they come, until the subscription ends or <paramref name="cancellationToken"/> is cancelled.</summary>
    public async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var next in inbox.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Unpack(next);
        }
    }

    void ITopicSink.Deliver(PayloadSegment message) => inbox.Writer.TryWrite(message);

    void ITopicSink.Fail(Exception error) => inbox.Writer.TryComplete(error);

    /// <summary>Asks the scheduler to send this topic's messages to this client from now on.</summary>
    internal Task SubscribeAsync(CancellationToken cancellationToken) =>
        SendAsync(Wire.CoordinationOp.Subscribe, $"a subscription to {Label}", cancellationToken: cancellationToken);

    private protected override async Task LetGoAsync()
    {
        inbox.Writer.TryComplete();
        await Client.UnsubscribeAsync(this, Name).ConfigureAwait(false);
        await base.LetGoAsync().ConfigureAwait(false);
    }

    private static T Unpack(PayloadSegment message) => PackedValue.Unpack(message) is var value && value is null ? default! : (T)value;
}

/// <summary>Where a client delivers the messages of a topic it subscribed to.</summary>
internal interface ITopicSink
{
    /// <summary>A message published on the topic.</summary>
    void Deliver(PayloadSegment message);

    /// <summary>No more messages will come: the scheduler was lost.</summary>
    void Fail(Exception error);
}
