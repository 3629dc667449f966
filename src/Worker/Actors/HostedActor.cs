using System.Collections.Concurrent;
using System.Reflection;
using System.Threading.Channels;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Worker;

/// <summary>
/// One actor on this worker: the instance and its mailbox. Calls run one at a time in the order
/// they arrived (an async method is awaited before the next call starts), so the actor's state
/// needs no lock, as a Dask or Ray actor's does not. Each call runs with its owner's uploaded code
/// as the reflection context, so its arguments' user types resolve.
/// </summary>
internal sealed class HostedActor
{
    private readonly Channel<(Comm Caller, Message Call)> mailbox =
        Channel.CreateUnbounded<(Comm, Message)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly ConcurrentDictionary<string, MethodInfo> methods = new(StringComparer.Ordinal);
    private readonly UploadedCode code;
    private readonly Task loop;

    public HostedActor(string id, string name, string owner, object instance, UploadedCode code)
    {
        Id = id;
        Name = name;
        Owner = owner;
        Instance = instance;
        this.code = code;
        loop = Task.Run(RunAsync);
    }

    public string Id { get; }

    public string Name { get; }

    public string Owner { get; }

    public object Instance { get; }

    /// <summary>The actor as errors name it: its name (or id) and type.</summary>
    public string Label => $"'{(Name.Length > 0 ? Name : Id)}' ({Instance.GetType().Name})";

    /// <summary>Queues a call; its reply goes back on <paramref name="caller"/>.</summary>
    public bool Post(Comm caller, Message call) => mailbox.Writer.TryWrite((caller, call));

    /// <summary>Takes no more calls; those queued still run. Completes when the last has answered.</summary>
    public Task StopAsync()
    {
        mailbox.Writer.TryComplete();
        return loop;
    }

    private async Task RunAsync()
    {
        await foreach (var (caller, call) in mailbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var reply = await InvokeAsync(call).ConfigureAwait(false);
            try
            {
                await caller.SendAsync(reply).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ProtocolException)
            {
                // The caller went away (or the result breaks the frame limits); the actor serves the others.
            }
        }

        (Instance as IDisposable)?.Dispose();
    }

    private async Task<Message> InvokeAsync(Message message)
    {
        var call = (Wire.ActorCall)message.Body;
        try
        {
            MethodInfo method;
            object? result;
            using (code.Enter(Owner))
            {
                method = Resolve(call);
                var parameters = method.GetParameters();
                if (message.Payload.Count != parameters.Length)
                {
                    throw new ArgumentException($"Actor {Label}'s {method.Name} takes {parameters.Length} argument(s); the call carried {message.Payload.Count}.");
                }

                var args = new object?[parameters.Length];
                for (var i = 0; i < args.Length; i++)
                {
                    args[i] = PackedValue.Unpack(message.Frame(i, $"argument {i} of {call.Method}"));
                }

                result = method.Invoke(Instance, BindingFlags.DoNotWrapExceptions, binder: null, args, culture: null);
            }

            result = await AwaitedAsync(result).ConfigureAwait(false);
            return new Message(new Wire.ActorReply(), [PackedValue.Pack(result)]) { RequestId = message.RequestId };
        }
        catch (Exception e)
        {
            return Failure(e, message.RequestId);
        }
    }

    /// <summary>The reply that carries <paramref name="error"/>.</summary>
    public static Message Failure(Exception error, ulong requestId) => new(new Wire.ActorReply
    {
        ExceptionType = error.GetType().FullName ?? error.GetType().Name,
        Message = error.Message,
        RemoteStackTrace = error.ToString(),
    })
    { RequestId = requestId };

    /// <summary>What an async method's task or value task finished with (null for a plain one); a synchronous result as it is.</summary>
    private static async Task<object?> AwaitedAsync(object? result)
    {
        var type = result?.GetType();
        if (result is ValueTask plain)
        {
            await plain.ConfigureAwait(false);
            return null;
        }

        if (type is { IsGenericType: true } && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            result = type.GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(result, null);
            type = result!.GetType();
        }

        if (result is not Task task)
        {
            return result;
        }

        await task.ConfigureAwait(false);
        var resultProperty = type!.IsGenericType ? type.GetProperty(nameof(Task<int>.Result)) : null;

        // A Task<VoidTaskResult> (an async method returning Task) has a Result of an internal type: that is no value.
        return resultProperty is null || !resultProperty.PropertyType.IsPublic ? null : resultProperty.GetValue(task);
    }

    private MethodInfo Resolve(Wire.ActorCall call)
    {
        var signature = $"{call.Method}({string.Join(',', call.ParameterTypes)})";
        return methods.GetOrAdd(signature, _ =>
            Instance.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(m => m.Name == call.Method && !m.IsGenericMethodDefinition
                    && m.GetParameters().Select(p => p.ParameterType.Name).SequenceEqual(call.ParameterTypes, StringComparer.Ordinal))
            ?? throw new MissingMethodException($"Actor {Label} has no public method {signature}."));
    }
}
