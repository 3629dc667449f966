using MiniDask.Graph.Codecs;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>Actors: stateful objects on workers, made and found through the scheduler and called directly on their workers.</summary>
public sealed partial class Client
{
    /// <summary>How many handles of each actor (by id) this client holds; the scheduler counts the client once.</summary>
    private readonly Dictionary<string, int> actorHolds = new(StringComparer.Ordinal);

    /// <summary>The comms this client's actor handles call their workers through.</summary>
    internal ActorConnections ActorPool { get; }

    /// <summary>
    /// Makes one <typeparamref name="T"/> on a worker, with the public constructor that takes
    /// <paramref name="args"/>, and returns a handle of it (Dask's <c>client.submit(Counter, actor=True)</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The type is abstract or has no public constructor taking that many arguments.</exception>
    /// <exception cref="NotSupportedException">An argument cannot cross a process boundary; the message names its type.</exception>
    /// <exception cref="InvalidOperationException">The actor could not be made: the cluster has no worker, or the constructor raised (the message carries what).</exception>
    public Task<ActorHandle<T>> SubmitActorAsync<T>(params object?[] args)
        where T : class => SubmitActorAsync<T>(new ActorOptions(), args);

    /// <summary>Makes one <typeparamref name="T"/> on a worker, named or placed as <paramref name="options"/> say, and returns a handle of it.</summary>
    /// <exception cref="ArgumentException">The type is abstract or has no public constructor taking that many arguments.</exception>
    /// <exception cref="NotSupportedException">An argument cannot cross a process boundary; the message names its type.</exception>
    /// <exception cref="InvalidOperationException">The actor could not be made: the name is taken, the cluster has no worker, or the constructor raised.</exception>
    public async Task<ActorHandle<T>> SubmitActorAsync<T>(ActorOptions options, params object?[] args)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        args ??= [];
        var type = typeof(T);
        if (type.IsAbstract || type.IsGenericTypeDefinition)
        {
            throw new ArgumentException($"An actor is an instance of a concrete class; {type.Name} is abstract or open generic.", nameof(T));
        }

        if (!type.GetConstructors().Any(c => c.GetParameters().Length == args.Length))
        {
            throw new ArgumentException($"{type.Name} has no public constructor taking {args.Length} argument(s), so no actor of it can be made with them.", nameof(args));
        }

        var frames = new List<PayloadSegment>(args.Length);
        foreach (var arg in args)
        {
            frames.Add(PackedValue.Pack(arg));
        }

        var needed = CodeNeeds.OfTypes([type, .. args.OfType<object>().Select(a => a.GetType())]);
        if (needed.Count > 0)
        {
            await UploadAsync([.. needed.Select(a => a.Location)], options.CancellationToken).ConfigureAwait(false);
        }

        var create = new Wire.CreateActor
        {
            ActorId = $"{type.Name}-{Guid.NewGuid().ToString("N")[..12]}",
            Name = options.Name ?? "",
            TypeName = type.AssemblyQualifiedName!,
            Owner = hasCode ? Id : "",
            ArgumentCount = args.Length,
            Worker = options.Worker ?? "",
        };
        var reply = await AskSchedulerAsync(create, frames, $"actor {type.Name}", cancellationToken: options.CancellationToken).ConfigureAwait(false);
        return Held<T>((Wire.ActorCreated)reply.Body, $"Could not make actor {type.Name}");
    }

    /// <summary>A handle of the actor named <paramref name="name"/>, made by this or another client; this client then holds it too.</summary>
    /// <exception cref="InvalidOperationException">No actor has that name (never made, released by every client, or its worker left).</exception>
    public async Task<ActorHandle<T>> GetActorAsync<T>(string name, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var reply = await AskSchedulerAsync(new Wire.LookupActor { Name = name }, null, $"actor '{name}'", cancellationToken: cancellationToken).ConfigureAwait(false);
        var found = (Wire.ActorCreated)reply.Body;
        if (found.Error.Length == 0 && Type.GetType(found.TypeName, throwOnError: false) is { } type && !typeof(T).IsAssignableFrom(type))
        {
            bool heldBefore;
            lock (actorHolds)
            {
                heldBefore = actorHolds.ContainsKey(found.ActorId);
            }

            if (!heldBefore)
            {
                await SendActorReleaseAsync(found.ActorId).ConfigureAwait(false);
            }

            throw new InvalidCastException($"Actor '{name}' is a {type.Name}, not a {typeof(T).Name}.");
        }

        return Held<T>(found, $"Could not find actor '{name}'");
    }

    /// <summary>A handle of the actor was disposed: after this client's last, the scheduler hears that it no longer holds the actor.</summary>
    internal async Task ReleaseActorAsync(string actorId)
    {
        lock (actorHolds)
        {
            var count = actorHolds.GetValueOrDefault(actorId) - 1;
            if (count > 0)
            {
                actorHolds[actorId] = count;
                return;
            }

            actorHolds.Remove(actorId);
        }

        await SendActorReleaseAsync(actorId).ConfigureAwait(false);
    }

    private async Task SendActorReleaseAsync(string actorId)
    {
        if (disposed != 0 || lost is not null)
        {
            return;
        }

        try
        {
            await scheduler.SendAsync(new Message(new Wire.ReleaseActor { ActorId = actorId })).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // A scheduler that is gone holds nothing for this client any more.
        }
    }

    private ActorHandle<T> Held<T>(Wire.ActorCreated created, string failure)
        where T : class
    {
        if (created.Error.Length > 0)
        {
            var (type, message) = RemoteErrorText.Split(created.Error);
            throw new InvalidOperationException($"{failure}: {message}", RemoteErrors.Create(type, message, ""));
        }

        var handle = new ActorHandle<T> { Id = created.ActorId, Name = created.Name, Worker = created.Worker };
        ActorHandles.Attach(handle, this);
        lock (actorHolds)
        {
            actorHolds[handle.Id] = actorHolds.GetValueOrDefault(handle.Id) + 1;
        }

        return handle;
    }
}

/// <summary>How <see cref="Client.SubmitActorAsync{T}(ActorOptions, object?[])"/> makes an actor.</summary>
public sealed record ActorOptions
{
    /// <summary>A name, unique in the cluster, by which other clients find the actor (<see cref="Client.GetActorAsync{T}"/>); null for none.</summary>
    public string? Name { get; init; }

    /// <summary>The address of the worker the actor must live on; null for the scheduler's choice (the worker holding fewest actors).</summary>
    public string? Worker { get; init; }

    /// <summary>Cancels waiting for the actor to be made.</summary>
    public CancellationToken CancellationToken { get; init; }
}
