using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>Actors and coordination objects: the messages that create, find and release actors, and the requests on named queues, variables, locks, semaphores, events and topics.</summary>
public sealed partial class SchedulerServer
{
    private readonly CoordinationState coordination = new();
    private readonly ActorRegistry actors = new();
    private int sweepAt = 64;

    /// <summary>The named coordination objects alive now (kind and name), for diagnostics and tests.</summary>
    public IReadOnlyCollection<(Wire.CoordinationKind Kind, string Name)> CoordinationObjects
    {
        get
        {
            lock (gate)
            {
                return coordination.Names;
            }
        }
    }

    /// <summary>The ids of the actors alive now, by the address of the worker holding them.</summary>
    public ILookup<string, string> Actors
    {
        get
        {
            lock (gate)
            {
                return actors.ByWorker;
            }
        }
    }

    /// <summary>Handles an actor or coordination message; call under the lock.</summary>
    private void HandleCoordination(ServerConnection connection, Message message)
    {
        switch (message.Body)
        {
            case Wire.CoordinationRequest request:
                coordination.Handle(connection, message, request);
                if (--sweepAt <= 0)
                {
                    // Answered requests that were parked are forgotten now and then, not on every request.
                    coordination.Sweep();
                    sweepAt = 64;
                }

                break;
            case Wire.CancelCoordination cancel:
                coordination.Cancel(connection, cancel.RequestId);
                break;
            case Wire.CreateActor create:
                actors.Create(connection, message, create, workers);
                break;
            case Wire.LookupActor lookup:
                actors.Lookup(connection, message.RequestId, lookup);
                break;
            case Wire.ReleaseActor release:
                actors.Release(connection, release.ActorId, workers);
                break;
            case Wire.ActorCreated created:
                actors.Created(WorkerOf(connection, message), created, workers);
                break;
        }
    }

    /// <summary>A connection went away: what it held is let go, and a worker's actors are forgotten; call under the lock.</summary>
    private void CoordinationLeft(ServerConnection connection)
    {
        if (connection.WorkerAddress is { } worker)
        {
            actors.WorkerLeft(worker);
        }

        actors.ClientLeft(connection, workers);
        coordination.Disconnected(connection);
    }
}
