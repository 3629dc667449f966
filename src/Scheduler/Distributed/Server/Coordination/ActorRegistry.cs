using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Where the cluster's actors live and who holds them. The scheduler picks a worker for a new
/// actor (the one holding fewest), relays its creation there and answers the client once the
/// worker has made it; a named actor can be looked up by other clients, who then hold it too.
/// When no client holds an actor any more, its worker is told to drop it; when its worker leaves,
/// it is forgotten (calls to it fail at the caller, naming it and the worker). Actor calls do not
/// pass through here: callers talk to the actor's worker directly. Called under the server's lock.
/// </summary>
internal sealed class ActorRegistry
{
    private readonly Dictionary<string, Actor> byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Actor> byName = new(StringComparer.Ordinal);

    /// <summary>The ids of the actors alive now, by worker address.</summary>
    public ILookup<string, string> ByWorker => byId.Values.ToLookup(a => a.Worker, a => a.Id, StringComparer.Ordinal);

    /// <summary>
    /// Registers a new actor and sends its creation to a worker of <paramref name="workers"/>; the
    /// client hears back in <see cref="Created"/>. Refused at once when the id or name is taken or
    /// there is no worker.
    /// </summary>
    public void Create(ServerConnection client, Message message, Wire.CreateActor create, IReadOnlyDictionary<string, ServerConnection> workers)
    {
        string? refusal = byId.ContainsKey(create.ActorId) ? $"An actor with id '{create.ActorId}' already exists."
            : create.Name.Length > 0 && byName.ContainsKey(create.Name) ? $"An actor named '{create.Name}' already exists; look it up with GetActorAsync instead."
            : workers.Count == 0 ? "The cluster has no worker to hold the actor."
            : create.Worker.Length > 0 && !workers.ContainsKey(create.Worker) ? $"No worker at {create.Worker} is connected."
            : null;
        if (refusal is not null)
        {
            client.Post(Answer(create.ActorId, "", create.TypeName, create.Name, $"System.InvalidOperationException: {refusal}", message.RequestId));
            return;
        }

        var worker = create.Worker.Length > 0
            ? create.Worker
            : workers.Keys.OrderBy(w => byId.Values.Count(a => a.Worker == w)).ThenBy(w => w, StringComparer.Ordinal).First();
        var actor = new Actor(create.ActorId, create.Name, create.TypeName, worker);
        actor.Pending.Add((client, message.RequestId));
        byId[actor.Id] = actor;
        if (actor.Name.Length > 0)
        {
            byName[actor.Name] = actor;
        }

        workers[worker].Post(new Message(new Wire.CreateActor
        {
            ActorId = create.ActorId,
            Name = create.Name,
            TypeName = create.TypeName,
            Owner = create.Owner,
            ArgumentCount = create.ArgumentCount,
            Worker = worker,
        }, message.Payload));
    }

    /// <summary>
    /// A worker made the actor, or failed to: the clients waiting for it hear which, and hold it if
    /// it lives. One that every waiting client left while it was being made is dropped at once.
    /// </summary>
    public void Created(string worker, Wire.ActorCreated created, IReadOnlyDictionary<string, ServerConnection> workers)
    {
        if (!byId.TryGetValue(created.ActorId, out var actor) || actor.Worker != worker)
        {
            return;
        }

        var error = created.Error;
        if (error.Length > 0)
        {
            Forget(actor);
        }

        foreach (var (client, requestId) in actor.Pending)
        {
            if (error.Length == 0)
            {
                actor.Holders.Add(client);
            }

            client.Post(Answer(actor.Id, worker, actor.TypeName, actor.Name, error, requestId));
        }

        actor.Pending.Clear();
        actor.Live = error.Length == 0;
        if (actor.Live && actor.Holders.Count == 0)
        {
            Forget(actor);
            if (workers.TryGetValue(worker, out var holder))
            {
                holder.Post(new Message(new Wire.ReleaseActor { ActorId = actor.Id }));
            }
        }
    }

    /// <summary>Answers where the actor named in <paramref name="lookup"/> lives, and makes the asker a holder.</summary>
    public void Lookup(ServerConnection client, ulong requestId, Wire.LookupActor lookup)
    {
        if (!byName.TryGetValue(lookup.Name, out var actor))
        {
            client.Post(Answer("?", "", "", lookup.Name, $"System.Collections.Generic.KeyNotFoundException: No actor named '{lookup.Name}' exists (never created, released by every client, or its worker left).", requestId));
            return;
        }

        if (!actor.Live)
        {
            actor.Pending.Add((client, requestId));
            return;
        }

        actor.Holders.Add(client);
        client.Post(Answer(actor.Id, actor.Worker, actor.TypeName, actor.Name, "", requestId));
    }

    /// <summary><paramref name="client"/> lets go of the actor; the last holder's release drops it on its worker.</summary>
    public void Release(ServerConnection client, string actorId, IReadOnlyDictionary<string, ServerConnection> workers)
    {
        if (byId.TryGetValue(actorId, out var actor) && actor.Holders.Remove(client) && actor.Holders.Count == 0 && actor.Pending.Count == 0)
        {
            Forget(actor);
            if (workers.TryGetValue(actor.Worker, out var worker))
            {
                worker.Post(new Message(new Wire.ReleaseActor { ActorId = actor.Id }));
            }
        }
    }

    /// <summary>A client connection went away: it lets go of every actor it held.</summary>
    public void ClientLeft(ServerConnection client, IReadOnlyDictionary<string, ServerConnection> workers)
    {
        foreach (var actor in byId.Values.Where(a => a.Holders.Contains(client) || a.Pending.Any(p => p.Client == client)).ToList())
        {
            actor.Pending.RemoveAll(p => p.Client == client);
            Release(client, actor.Id, workers);
        }
    }

    /// <summary>A worker left: its actors are gone, and clients still waiting for one to be made hear so.</summary>
    public void WorkerLeft(string worker)
    {
        foreach (var actor in byId.Values.Where(a => a.Worker == worker).ToList())
        {
            foreach (var (client, requestId) in actor.Pending)
            {
                client.Post(Answer(actor.Id, worker, actor.TypeName, actor.Name, $"System.IO.IOException: Worker {worker}, which was to hold actor '{actor.Label}', left the cluster.", requestId));
            }

            Forget(actor);
        }
    }

    private void Forget(Actor actor)
    {
        byId.Remove(actor.Id);
        if (actor.Name.Length > 0 && byName.GetValueOrDefault(actor.Name) == actor)
        {
            byName.Remove(actor.Name);
        }
    }

    private static Message Answer(string id, string worker, string type, string name, string error, ulong requestId) =>
        new(new Wire.ActorCreated { ActorId = id, Worker = worker, TypeName = type, Name = name, Error = error }) { RequestId = requestId };

    private sealed class Actor(string id, string name, string typeName, string worker)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public string TypeName { get; } = typeName;

        public string Worker { get; } = worker;

        public string Label => Name.Length > 0 ? Name : Id;

        /// <summary>Whether its worker has made it.</summary>
        public bool Live { get; set; }

        public HashSet<ServerConnection> Holders { get; } = [];

        /// <summary>Clients waiting to hear that it was made.</summary>
        public List<(ServerConnection Client, ulong RequestId)> Pending { get; } = [];
    }
}
