using MiniDask.Graph.Codecs;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// A named object the scheduler keeps for its clients (Dask's Queue, Variable, Lock, Semaphore,
/// Event and pub/sub topics). It answers requests at once or parks them in a <see cref="WaitLine"/>;
/// values are packed buffers it never decodes.
/// </summary>
internal abstract class CoordinationObject(Wire.CoordinationKind kind, string name)
{
    public Wire.CoordinationKind Kind { get; } = kind;

    public string Name { get; } = name;

    /// <summary>The connections that hold a handle of it; it is deleted when the last lets go.</summary>
    public HashSet<ServerConnection> Holders { get; } = [];

    /// <summary>Answers or parks <paramref name="waiter"/>; true when it was parked.</summary>
    public abstract bool Handle(Wire.CoordinationRequest request, Message message, Waiter waiter);

    /// <summary><paramref name="connection"/> went away: what it held is given back and its waiting requests dropped.</summary>
    public virtual void Left(ServerConnection connection)
    {
    }

    /// <summary>The object is being deleted: requests still waiting are answered cancelled.</summary>
    public virtual void Deleted()
    {
    }

    protected bool NotFor(Wire.CoordinationRequest request, Waiter waiter)
    {
        waiter.Refuse($"{request.Op} does not apply to {Kind} '{Name}'.");
        return false;
    }

    protected static PayloadSegment? FirstValue(Message message, string what) =>
        message.Payload.Count > 0 ? message.Frame(0, what) : null;

    protected static bool ParkOrDecline(Wire.CoordinationRequest request, WaitLine line, Waiter waiter)
    {
        if (!request.Wait)
        {
            waiter.NotAvailable();
            return false;
        }

        line.Add(waiter);
        return true;
    }

    protected static void CancelAll(WaitLine line) => line.TakeAll().ForEach(w => w.Cancelled());
}

/// <summary>A first-in first-out queue: a put hands its item to the longest-waiting get, or keeps it.</summary>
internal sealed class QueueObject(string name) : CoordinationObject(Wire.CoordinationKind.Queue, name)
{
    private readonly Queue<PayloadSegment> items = new();
    private readonly WaitLine getters = new();

    public override bool Handle(Wire.CoordinationRequest request, Message message, Waiter waiter)
    {
        switch (request.Op)
        {
            case Wire.CoordinationOp.QueuePut:
                foreach (var item in message.Payload)
                {
                    if (getters.Next() is { } getter)
                    {
                        getter.Done(item);
                    }
                    else
                    {
                        items.Enqueue(item);
                    }
                }

                waiter.Done(number: items.Count);
                return false;
            case Wire.CoordinationOp.QueueGet:
                if (items.TryDequeue(out var next))
                {
                    waiter.Done(next);
                    return false;
                }

                return ParkOrDecline(request, getters, waiter);
            case Wire.CoordinationOp.QueueCount:
                waiter.Done(number: items.Count);
                return false;
            default:
                return NotFor(request, waiter);
        }
    }

    public override void Left(ServerConnection connection) => getters.Drop(connection);

    public override void Deleted() => CancelAll(getters);
}

/// <summary>One value: a get waits until the variable is set.</summary>
internal sealed class VariableObject(string name) : CoordinationObject(Wire.CoordinationKind.Variable, name)
{
    private readonly WaitLine readers = new();
    private PayloadSegment? value;

    public override bool Handle(Wire.CoordinationRequest request, Message message, Waiter waiter)
    {
        switch (request.Op)
        {
            case Wire.CoordinationOp.VariableSet:
                value = FirstValue(message, $"value of variable '{Name}'")
                    ?? throw new ProtocolException($"A VariableSet of '{Name}' carries no value.");
                foreach (var reader in readers.TakeAll())
                {
                    reader.Done(value);
                }

                waiter.Done();
                return false;
            case Wire.CoordinationOp.VariableGet:
                if (value is { } set)
                {
                    waiter.Done(set);
                    return false;
                }

                return ParkOrDecline(request, readers, waiter);
            case Wire.CoordinationOp.VariableDelete:
                value = null;
                waiter.Done();
                return false;
            default:
                return NotFor(request, waiter);
        }
    }

    public override void Left(ServerConnection connection) => readers.Drop(connection);

    public override void Deleted() => CancelAll(readers);
}

/// <summary>A mutual-exclusion lock held by one handle at a time; a holder that goes away gives it back.</summary>
internal sealed class LockObject(string name) : CoordinationObject(Wire.CoordinationKind.Lock, name)
{
    private readonly WaitLine line = new();
    private (ServerConnection Connection, string Holder)? owner;

    public override bool Handle(Wire.CoordinationRequest request, Message message, Waiter waiter)
    {
        switch (request.Op)
        {
            case Wire.CoordinationOp.LockAcquire:
                if (owner is null)
                {
                    owner = (waiter.Connection, waiter.Holder);
                    waiter.Done();
                    return false;
                }

                return ParkOrDecline(request, line, waiter);
            case Wire.CoordinationOp.LockRelease:
                if (owner != (waiter.Connection, waiter.Holder))
                {
                    waiter.Refuse($"Lock '{Name}' is not held by this handle, so it cannot release it.");
                    return false;
                }

                PassOn();
                waiter.Done();
                return false;
            case Wire.CoordinationOp.LockHeld:
                waiter.Done(number: owner is null ? 0 : 1);
                return false;
            default:
                return NotFor(request, waiter);
        }
    }

    public override void Left(ServerConnection connection)
    {
        line.Drop(connection);
        if (owner?.Connection == connection)
        {
            PassOn();
        }
    }

    public override void Deleted() => CancelAll(line);

    private void PassOn()
    {
        owner = null;
        if (line.Next() is { } next)
        {
            owner = (next.Connection, next.Holder);
            next.Done();
        }
    }
}

/// <summary>A semaphore of a fixed number of leases, each held by a handle; a holder that goes away gives its leases back.</summary>
internal sealed class SemaphoreObject(string name, int leases) : CoordinationObject(Wire.CoordinationKind.Semaphore, name)
{
    private readonly WaitLine line = new();
    private readonly Dictionary<(ServerConnection, string), int> held = [];
    private int taken;

    public override bool Handle(Wire.CoordinationRequest request, Message message, Waiter waiter)
    {
        if (request.Count != leases)
        {
            waiter.Refuse($"Semaphore '{Name}' has {leases} lease(s); a handle asking for {request.Count} names another semaphore.");
            return false;
        }

        switch (request.Op)
        {
            case Wire.CoordinationOp.SemaphoreAcquire:
                if (taken < leases)
                {
                    Grant(waiter);
                    return false;
                }

                return ParkOrDecline(request, line, waiter);
            case Wire.CoordinationOp.SemaphoreRelease:
                var key = (waiter.Connection, waiter.Holder);
                if (!held.TryGetValue(key, out var count))
                {
                    waiter.Refuse($"Semaphore '{Name}' has no lease of this handle to release.");
                    return false;
                }

                Return(key, count, 1);
                waiter.Done(number: taken);
                return false;
            default:
                return NotFor(request, waiter);
        }
    }

    public override void Left(ServerConnection connection)
    {
        line.Drop(connection);
        foreach (var (key, count) in held.Where(h => h.Key.Item1 == connection).ToList())
        {
            Return(key, count, count);
        }
    }

    public override void Deleted() => CancelAll(line);

    private void Grant(Waiter waiter)
    {
        var key = (waiter.Connection, waiter.Holder);
        held[key] = held.GetValueOrDefault(key) + 1;
        taken++;
        waiter.Done(number: taken);
    }

    private void Return((ServerConnection, string) key, int count, int returned)
    {
        if (count == returned)
        {
            held.Remove(key);
        }
        else
        {
            held[key] = count - returned;
        }

        taken -= returned;
        while (taken < leases && line.Next() is { } next)
        {
            Grant(next);
        }
    }
}

/// <summary>An event: set wakes every waiter; clear makes later waits wait.</summary>
internal sealed class EventObject(string name) : CoordinationObject(Wire.CoordinationKind.Event, name)
{
    private readonly WaitLine waiters = new();
    private bool set;

    public override bool Handle(Wire.CoordinationRequest request, Message message, Waiter waiter)
    {
        switch (request.Op)
        {
            case Wire.CoordinationOp.EventSet:
                set = true;
                foreach (var waiting in waiters.TakeAll())
                {
                    waiting.Done(number: 1);
                }

                waiter.Done(number: 1);
                return false;
            case Wire.CoordinationOp.EventClear:
                set = false;
                waiter.Done();
                return false;
            case Wire.CoordinationOp.EventWait:
                if (set)
                {
                    waiter.Done(number: 1);
                    return false;
                }

                return ParkOrDecline(request, waiters, waiter);
            default:
                return NotFor(request, waiter);
        }
    }

    public override void Left(ServerConnection connection) => waiters.Drop(connection);

    public override void Deleted() => CancelAll(waiters);
}

/// <summary>A publish/subscribe topic: each published value goes to every subscribed connection, in the order published.</summary>
internal sealed class TopicObject(string name) : CoordinationObject(Wire.CoordinationKind.Topic, name)
{
    private readonly HashSet<ServerConnection> subscribers = [];

    public override bool Handle(Wire.CoordinationRequest request, Message message, Waiter waiter)
    {
        switch (request.Op)
        {
            case Wire.CoordinationOp.Subscribe:
                subscribers.Add(waiter.Connection);
                waiter.Done(number: subscribers.Count);
                return false;
            case Wire.CoordinationOp.Unsubscribe:
                subscribers.Remove(waiter.Connection);
                waiter.Done(number: subscribers.Count);
                return false;
            case Wire.CoordinationOp.Publish:
                var value = FirstValue(message, $"message on topic '{Name}'")
                    ?? throw new ProtocolException($"A Publish on topic '{Name}' carries no value.");
                foreach (var subscriber in subscribers)
                {
                    subscriber.Post(new Message(new Wire.Published { Topic = Name }, [value]));
                }

                return false;
            default:
                return NotFor(request, waiter);
        }
    }

    public override void Left(ServerConnection connection) => subscribers.Remove(connection);
}
