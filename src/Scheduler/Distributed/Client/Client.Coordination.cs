using MiniDask.Graph.Codecs;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Coordination objects the scheduler keeps, named as Dask names them: queues, variables, locks,
/// semaphores, events and publish/subscribe topics. The same calls work in a task or an actor
/// method, on the client of <see cref="Worker.GetClient"/>.
/// </summary>
public sealed partial class Client
{
    private readonly Dictionary<(Wire.CoordinationKind, string), int> holds = [];
    private readonly Dictionary<string, List<ITopicSink>> subscriptions = new(StringComparer.Ordinal);

    /// <summary>The queue named <paramref name="name"/>, made on first use (Dask's <c>Queue("name")</c>).</summary>
    public DistributedQueue<T> Queue<T>(string name) => new(this, name);

    /// <summary>The variable named <paramref name="name"/>, made on first use (Dask's <c>Variable("name")</c>).</summary>
    public DistributedVariable<T> Variable<T>(string name) => new(this, name);

    /// <summary>A handle of the lock named <paramref name="name"/>, made on first use (Dask's <c>Lock("name")</c>); each handle holds it apart.</summary>
    public DistributedLock Lock(string name) => new(this, name);

    /// <summary>A handle of the semaphore named <paramref name="name"/> with <paramref name="maxLeases"/> leases, made on first use (Dask's <c>Semaphore(max_leases, "name")</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLeases"/> is less than 1.</exception>
    public DistributedSemaphore Semaphore(string name, int maxLeases = 1) => new(this, name, maxLeases);

    /// <summary>The event named <paramref name="name"/>, made clear on first use (Dask's <c>Event("name")</c>).</summary>
    public DistributedEvent Event(string name) => new(this, name);

    /// <summary>A publisher on <paramref name="topic"/> (Dask's <c>Pub("topic")</c>).</summary>
    public Publisher<T> Publisher<T>(string topic) => new(this, topic);

    /// <summary>Subscribes to <paramref name="topic"/> (Dask's <c>Sub("topic")</c>): messages published once this returns are delivered, in order.</summary>
    public async Task<Subscriber<T>> SubscribeAsync<T>(string topic, CancellationToken cancellationToken = default)
    {
        var subscriber = new Subscriber<T>(this, topic);
        lock (subscriptions)
        {
            if (!subscriptions.TryGetValue(topic, out var sinks))
            {
                subscriptions[topic] = sinks = [];
            }

            sinks.Add(subscriber);
        }

        try
        {
            await subscriber.SubscribeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await subscriber.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return subscriber;
    }

    /// <summary>Counts a handle of the object: the client holds it at the scheduler until its last handle is disposed.</summary>
    internal void Hold(Wire.CoordinationKind kind, string name)
    {
        lock (holds)
        {
            holds[(kind, name)] = holds.GetValueOrDefault((kind, name)) + 1;
        }
    }

    /// <summary>A handle of the object was disposed: after the last, the scheduler hears that this client lets go.</summary>
    internal async Task LetGoAsync(Wire.CoordinationKind kind, string name)
    {
        lock (holds)
        {
            var count = holds.GetValueOrDefault((kind, name)) - 1;
            if (count > 0)
            {
                holds[(kind, name)] = count;
                return;
            }

            holds.Remove((kind, name));
        }

        await PostAsync(new Wire.CoordinationRequest { Op = Wire.CoordinationOp.Release, Kind = kind, Name = name }, null, CancellationToken.None, quiet: true).ConfigureAwait(false);
    }

    /// <summary>A subscriber was disposed: after the topic's last here, the scheduler stops sending it.</summary>
    internal async Task UnsubscribeAsync(ITopicSink sink, string topic)
    {
        lock (subscriptions)
        {
            if (!subscriptions.TryGetValue(topic, out var sinks) || !sinks.Remove(sink) || sinks.Count > 0)
            {
                return;
            }

            subscriptions.Remove(topic);
        }

        var request = new Wire.CoordinationRequest { Op = Wire.CoordinationOp.Unsubscribe, Kind = Wire.CoordinationKind.Topic, Name = topic };
        if (disposed == 0 && lost is null)
        {
            try
            {
                await AskSchedulerAsync(request, null, $"unsubscribing from topic '{topic}'").ConfigureAwait(false);
            }
            catch (IOException)
            {
                // A scheduler that is gone sends nothing more.
            }
        }
    }

    /// <summary>Sends a message that has no answer; with <paramref name="quiet"/>, a gone scheduler is no error (it holds nothing of this client any more).</summary>
    /// <exception cref="IOException">The scheduler was lost (unless quiet).</exception>
    internal async Task PostAsync(Wire.WireMessage body, IReadOnlyList<PayloadSegment>? payload, CancellationToken cancellationToken, bool quiet = false)
    {
        if (quiet && (disposed != 0 || lost is not null))
        {
            return;
        }

        ObjectDisposedException.ThrowIf(disposed != 0, this);
        if (lost is { } cause)
        {
            throw LostScheduler(cause);
        }

        try
        {
            await scheduler.SendAsync(new Message(body, payload), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException) when (quiet)
        {
            // Gone: nothing is held there.
        }
    }

    private void Deliver(string topic, PayloadSegment message)
    {
        lock (subscriptions)
        {
            foreach (var sink in subscriptions.GetValueOrDefault(topic) ?? [])
            {
                sink.Deliver(message);
            }
        }
    }

    private void FailSubscriptions(Exception cause)
    {
        lock (subscriptions)
        {
            foreach (var sink in subscriptions.Values.SelectMany(s => s))
            {
                sink.Fail(cause);
            }
        }
    }
}
