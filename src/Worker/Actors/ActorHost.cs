using System.Collections.Concurrent;
using System.Reflection;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Worker;

/// <summary>
/// The actors living on this worker, by id: made when the scheduler relays a client's
/// <see cref="Wire.CreateActor"/>, called directly by clients and other workers on the peer port,
/// and dropped when the scheduler says no client holds them (or the worker stops).
/// </summary>
internal sealed class ActorHost(UploadedCode code, string worker)
{
    private readonly ConcurrentDictionary<string, HostedActor> actors = new(StringComparer.Ordinal);

    /// <summary>The ids of the actors living here.</summary>
    public IReadOnlyCollection<string> Ids => [.. actors.Keys];

    /// <summary>Makes the actor <paramref name="create"/> asks for and says how it went.</summary>
    public Wire.ActorCreated Create(Wire.CreateActor create, Message message)
    {
        var error = "";
        try
        {
            object instance;
            using (code.Enter(create.Owner))
            {
                var type = Type.GetType(create.TypeName, throwOnError: false)
                    ?? throw new TypeLoadException($"Type '{create.TypeName}' is not available on worker {worker}; the assembly that defines it must be uploaded by its client or shipped with the worker.");
                var args = new object?[create.ArgumentCount];
                for (var i = 0; i < args.Length; i++)
                {
                    args[i] = PackedValue.Unpack(message.Frame(i, $"constructor argument {i} of actor '{create.ActorId}'"));
                }

                instance = Activator.CreateInstance(type, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DoNotWrapExceptions, binder: null, args, culture: null)!;
            }

            if (!actors.TryAdd(create.ActorId, new HostedActor(create.ActorId, create.Name, create.Owner, instance, code)))
            {
                throw new InvalidOperationException($"Worker {worker} already holds an actor with id '{create.ActorId}'.");
            }
        }
        catch (Exception e)
        {
            error = RemoteErrorText.Format(e);
        }

        return new Wire.ActorCreated { ActorId = create.ActorId, Worker = worker, TypeName = create.TypeName, Name = create.Name, Error = error };
    }

    /// <summary>Queues a call for its actor; a call to an actor this worker does not hold is answered with an error at once.</summary>
    public async Task CallAsync(Comm caller, Message message)
    {
        var call = (Wire.ActorCall)message.Body;
        if (actors.TryGetValue(call.ActorId, out var actor) && actor.Post(caller, message))
        {
            return;
        }

        var missing = new KeyNotFoundException($"Worker {worker} holds no actor '{call.ActorId}': it was released by every client that held it, or the worker restarted.");
        await caller.SendAsync(new Message(new Wire.ActorReply { ExceptionType = Wire.ActorReply.NoSuchActor, Message = missing.Message, RemoteStackTrace = "" }) { RequestId = message.RequestId })
            .ConfigureAwait(false);
    }

    /// <summary>Drops an actor: calls already queued still run, later ones are refused.</summary>
    public void Release(string actorId)
    {
        if (actors.TryRemove(actorId, out var actor))
        {
            _ = actor.StopAsync();
        }
    }

    /// <summary>Drops every actor and waits (briefly) for their queued calls.</summary>
    public async Task StopAsync()
    {
        var stopping = actors.Values.Select(a => a.StopAsync()).ToList();
        actors.Clear();
        await Task.WhenAll(stopping).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
    }
}
