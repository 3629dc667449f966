using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// The scheduler's named coordination objects, as Dask's scheduler extensions keep them: queues,
/// variables, locks, semaphores, events and pub/sub topics, each made on first use under its
/// name (one namespace per kind), held by the connections that use it, and deleted with what it
/// holds once none does (every handle released, or its client gone). Requests that must wait are
/// parked, first come first served, until answered or cancelled. Called under the server's lock.
/// </summary>
internal sealed class CoordinationState
{
    private readonly Dictionary<(Wire.CoordinationKind, string), CoordinationObject> objects = [];
    private readonly Dictionary<(ServerConnection, ulong), (Waiter Waiter, CoordinationObject Object)> parked = [];

    /// <summary>How many named objects exist now, by kind and name.</summary>
    public IReadOnlyCollection<(Wire.CoordinationKind Kind, string Name)> Names => [.. objects.Keys];

    /// <summary>Answers, parks or refuses <paramref name="request"/> from <paramref name="connection"/>.</summary>
    /// <exception cref="ProtocolException">The request carries a value it must not, or lacks one it needs.</exception>
    public void Handle(ServerConnection connection, Message message, Wire.CoordinationRequest request)
    {
        var key = (request.Kind, request.Name);
        if (request.Op == Wire.CoordinationOp.Release)
        {
            if (objects.TryGetValue(key, out var released))
            {
                LetGo(released, connection);
            }

            return;
        }

        var waiter = new Waiter(connection, message.RequestId, request.Holder);
        if (!objects.TryGetValue(key, out var target))
        {
            if (Create(request) is not { } made)
            {
                waiter.Refuse($"Semaphore '{request.Name}' needs at least one lease; {request.Count} were asked for.");
                return;
            }

            objects[key] = target = made;
        }

        target.Holders.Add(connection);
        if (target.Handle(request, message, waiter) && message.RequestId != 0)
        {
            parked[(connection, message.RequestId)] = (waiter, target);
        }
    }

    /// <summary>Cancels the parked request <paramref name="requestId"/> of <paramref name="connection"/>; one already answered is left as it is.</summary>
    public void Cancel(ServerConnection connection, ulong requestId)
    {
        if (parked.Remove((connection, requestId), out var entry))
        {
            entry.Waiter.Cancelled();
        }
    }

    /// <summary>Forgets parked requests once answered; call after each batch of requests.</summary>
    public void Sweep()
    {
        if (parked.Count == 0)
        {
            return;
        }

        foreach (var (key, entry) in parked.Where(p => p.Value.Waiter.Answered).ToList())
        {
            parked.Remove(key);
        }
    }

    /// <summary><paramref name="connection"/> went away: it lets go of everything it held.</summary>
    public void Disconnected(ServerConnection connection)
    {
        foreach (var held in objects.Values.Where(o => o.Holders.Contains(connection)).ToList())
        {
            LetGo(held, connection);
        }

        foreach (var key in parked.Keys.Where(k => k.Item1 == connection).ToList())
        {
            parked.Remove(key);
        }
    }

    private void LetGo(CoordinationObject target, ServerConnection connection)
    {
        target.Left(connection);
        if (target.Holders.Remove(connection) && target.Holders.Count == 0)
        {
            objects.Remove((target.Kind, target.Name));
            target.Deleted();
        }
    }

    private static CoordinationObject? Create(Wire.CoordinationRequest request) => request.Kind switch
    {
        Wire.CoordinationKind.Queue => new QueueObject(request.Name),
        Wire.CoordinationKind.Variable => new VariableObject(request.Name),
        Wire.CoordinationKind.Lock => new LockObject(request.Name),
        Wire.CoordinationKind.Semaphore => request.Count >= 1 ? new SemaphoreObject(request.Name, request.Count) : null,
        Wire.CoordinationKind.Event => new EventObject(request.Name),
        _ => new TopicObject(request.Name),
    };
}
