using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// A handle of an actor: one instance of <typeparamref name="T"/> living on one worker, made by
/// <see cref="Client.SubmitActorAsync{T}(object?[])"/> (Dask's <c>submit(..., actor=True)</c>, Ray's
/// <c>Actor.remote()</c>) or found by name with <see cref="Client.GetActorAsync{T}"/>. Calls, such
/// as <c>await counter.CallAsync(c =&gt; c.Increment(5))</c>, go straight to the actor's worker,
/// not through the task graph, and run one at a time in the order they arrive there, so the
/// actor's state needs no lock. The actor lives while some client holds a handle of it: disposing
/// the handle (or the client) lets go. A handle can be passed to tasks and to other actors' methods
/// as an argument; there it calls the actor too, without holding it.
/// </summary>
/// <typeparam name="T">The actor's type.</typeparam>
public sealed class ActorHandle<T> : IAsyncDisposable
    where T : class
{
    /// <summary>The actor's id, unique in the cluster.</summary>
    public string Id { get; init; } = "";

    /// <summary>The name clients find it by; empty for none.</summary>
    public string Name { get; init; } = "";

    /// <summary>The address of the worker it lives on.</summary>
    public string Worker { get; init; } = "";

    private string Label => $"'{(Name.Length > 0 ? Name : Id)}' ({typeof(T).Name})";

    /// <summary>Calls a method of the actor that returns a value, such as <c>c =&gt; c.Increment(5)</c>, and returns the value.</summary>
    /// <exception cref="ArgumentException">The lambda is not a call of one of the actor's public methods.</exception>
    /// <exception cref="ActorDiedException">The actor is gone: its worker died or left, or it was released; the message names the actor and worker.</exception>
    /// <exception cref="ObjectDisposedException">This handle was disposed.</exception>
    /// <exception cref="Exception">What the actor's method raised, recreated here when its type is known (else a <see cref="RemoteException"/>).</exception>
    public async Task<TResult> CallAsync<TResult>(Expression<Func<T, TResult>> call, CancellationToken cancellationToken = default) =>
        Cast<TResult>(await InvokeAsync(call, cancellationToken).ConfigureAwait(false));

    /// <summary>Calls an async method of the actor, such as <c>c =&gt; c.FetchAsync(url)</c>; the worker awaits it and sends its result.</summary>
    /// <exception cref="ArgumentException">The lambda is not a call of one of the actor's public methods.</exception>
    /// <exception cref="ActorDiedException">The actor is gone; the message names the actor and worker.</exception>
    public async Task<TResult> CallAsync<TResult>(Expression<Func<T, Task<TResult>>> call, CancellationToken cancellationToken = default) =>
        Cast<TResult>(await InvokeAsync(call, cancellationToken).ConfigureAwait(false));

    /// <summary>Calls an async method of the actor that returns no value, and waits until it has finished.</summary>
    /// <exception cref="ArgumentException">The lambda is not a call of one of the actor's public methods.</exception>
    /// <exception cref="ActorDiedException">The actor is gone; the message names the actor and worker.</exception>
    public Task CallAsync(Expression<Func<T, Task>> call, CancellationToken cancellationToken = default) =>
        InvokeAsync(call, cancellationToken);

    /// <summary>Calls a method of the actor that returns nothing, and waits until it has run.</summary>
    /// <exception cref="ArgumentException">The lambda is not a call of one of the actor's public methods.</exception>
    /// <exception cref="ActorDiedException">The actor is gone; the message names the actor and worker.</exception>
    public Task CallAsync(Expression<Action<T>> call, CancellationToken cancellationToken = default) =>
        InvokeAsync(call, cancellationToken);

    /// <summary>Lets go of the actor: once no client holds it, its worker drops it. A handle received as an argument holds nothing, and this does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (ActorHandles.Detach(this) is { } client)
        {
            await client.ReleaseActorAsync(Id).ConfigureAwait(false);
        }
    }

    /// <summary>The actor's name or id, type and worker.</summary>
    public override string ToString() => $"<Actor {Label} on {Worker}>";

    private static TResult Cast<TResult>(object? value) => value is null ? default! : (TResult)value;

    private async Task<object?> InvokeAsync(LambdaExpression call, CancellationToken cancellationToken)
    {
        var (method, args) = ActorCallExpression.Read(call);
        var frames = new List<Graph.Codecs.PayloadSegment>(args.Length);
        foreach (var arg in args)
        {
            frames.Add(PackedValue.Pack(arg));
        }

        var message = new Message(
            new Wire.ActorCall { ActorId = Id, Method = method.Name, ParameterTypes = [.. method.GetParameters().Select(p => p.ParameterType.Name)] },
            frames);
        Message reply;
        try
        {
            reply = await ActorHandles.PoolOf(this).CallAsync(Worker, message, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new ActorDiedException(Label, Worker, $"Actor {Label} on worker {Worker} cannot be reached: its worker died or left the cluster ({e.Message}). Its state is lost.", e);
        }

        if (reply.Body is not Wire.ActorReply outcome)
        {
            throw new ProtocolException($"Worker {Worker} answered a call of actor {Label} with {reply.Body}.");
        }

        if (outcome.ExceptionType.Length == 0)
        {
            return PackedValue.Unpack(reply.Frame(0, $"result of {method.Name}"));
        }

        if (outcome.ExceptionType == Wire.ActorReply.NoSuchActor)
        {
            throw new ActorDiedException(Label, Worker, $"Actor {Label} is gone: {outcome.Message}");
        }

        throw RemoteErrors.Create(outcome.ExceptionType, outcome.Message, outcome.RemoteStackTrace);
    }
}

/// <summary>Which client holds each handle made here, and the comms that handles made elsewhere (received as arguments on a worker) call through.</summary>
internal static class ActorHandles
{
    private static readonly ConditionalWeakTable<object, Holding> Holders = [];
    private static readonly Lock Gate = new();
    private static (ClusterOfThisProcess.Endpoint Endpoint, ActorConnections Pool)? processPool;

    /// <summary>Records that <paramref name="client"/> holds <paramref name="handle"/>.</summary>
    public static void Attach(object handle, Client client) => Holders.AddOrUpdate(handle, new Holding(client));

    /// <summary>The client that held <paramref name="handle"/>, which holds it no more; null for a handle no client here held, or one already let go.</summary>
    public static Client? Detach(object handle) =>
        Holders.TryGetValue(handle, out var holding) && Interlocked.Exchange(ref holding.Released, 1) == 0 ? holding.Client : null;

    /// <summary>
    /// The comms a handle calls through: its client's, or for a handle received as an argument by
    /// code running on a worker, comms with the options of that worker's cluster.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The handle was disposed.</exception>
    /// <exception cref="InvalidOperationException">The handle came from no client here and this process runs no worker.</exception>
    public static ActorConnections PoolOf(object handle)
    {
        if (Holders.TryGetValue(handle, out var holding))
        {
            return holding.Released == 0
                ? holding.Client.ActorPool
                : throw new ObjectDisposedException(handle.ToString(), $"{handle} was disposed, so it no longer calls the actor; get another handle with client.GetActorAsync.");
        }

        var endpoint = ClusterOfThisProcess.Current ?? throw new InvalidOperationException(
            $"{handle} is held by no client of this process, and this process runs no worker; get a handle with client.GetActorAsync, or use one passed to a task or actor.");
        lock (Gate)
        {
            if (processPool is not { } pool || pool.Endpoint != endpoint)
            {
                processPool = pool = (endpoint, new ActorConnections(endpoint.Comm));
            }

            return pool.Pool;
        }
    }

    private sealed class Holding(Client client)
    {
        public readonly Client Client = client;
        public int Released;
    }
}
