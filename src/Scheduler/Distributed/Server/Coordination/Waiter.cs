using MiniDask.Graph.Codecs;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// One coordination request being answered: who asked (connection, request id, holder) and,
/// while it waits, whether it is still wanted. A waiter is answered once: later answers (a grant
/// racing a cancel) are dropped, so an item or lease is never handed to a request that gave up.
/// </summary>
internal sealed class Waiter(ServerConnection connection, ulong requestId, string holder)
{
    public ServerConnection Connection { get; } = connection;

    public ulong RequestId { get; } = requestId;

    /// <summary>The handle that asked, for locks and leases.</summary>
    public string Holder { get; } = holder;

    /// <summary>Whether it has been answered (or cancelled).</summary>
    public bool Answered { get; private set; }

    /// <summary>Answers the request: done, with an optional value or number.</summary>
    public void Done(PayloadSegment? value = null, long number = 0) =>
        Answer(Wire.CoordinationStatus.Done, number, "", value);

    /// <summary>Answers that nothing could be had without waiting.</summary>
    public void NotAvailable(long number = 0) => Answer(Wire.CoordinationStatus.NotAvailable, number, "", null);

    /// <summary>Answers that the request was cancelled.</summary>
    public void Cancelled() => Answer(Wire.CoordinationStatus.Cancelled, 0, "", null);

    /// <summary>Refuses the request, saying why.</summary>
    public void Refuse(string why) => Answer(Wire.CoordinationStatus.Refused, 0, why, null);

    private void Answer(Wire.CoordinationStatus status, long number, string why, PayloadSegment? value)
    {
        if (Answered)
        {
            return;
        }

        Answered = true;
        Connection.Post(new Message(
            new Wire.CoordinationReply { Status = status, Number = number, Message = why },
            value is { } v ? [v] : null)
        { RequestId = RequestId });
    }
}

/// <summary>Requests waiting their turn, first come first served; answered or cancelled ones are skipped.</summary>
internal sealed class WaitLine
{
    private readonly LinkedList<Waiter> waiters = new();

    public void Add(Waiter waiter) => waiters.AddLast(waiter);

    /// <summary>The longest-waiting request still wanting an answer, taken off the line; null when none.</summary>
    public Waiter? Next()
    {
        while (waiters.First is { } first)
        {
            waiters.RemoveFirst();
            if (!first.Value.Answered)
            {
                return first.Value;
            }
        }

        return null;
    }

    /// <summary>Takes every waiting request off the line.</summary>
    public List<Waiter> TakeAll()
    {
        var all = waiters.Where(w => !w.Answered).ToList();
        waiters.Clear();
        return all;
    }

    /// <summary>Drops the requests of <paramref name="connection"/>, which went away.</summary>
    public void Drop(ServerConnection connection)
    {
        for (var node = waiters.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.Connection == connection || node.Value.Answered)
            {
                waiters.Remove(node);
            }

            node = next;
        }
    }
}
