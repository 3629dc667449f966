using MiniDask.Graph;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Worker;

/// <summary>
/// What clients ask of a worker directly: holding values they scatter, and running a function
/// outside the task graph (Dask's <c>client.run</c>). Tasks and those functions see the worker
/// through a <see cref="TaskContext"/>, which also lets a task secede from the thread pool.
/// </summary>
public sealed partial class WorkerServer
{
    /// <summary>Bytes of values this worker has fetched from its peers so far, as its tasks' inputs.</summary>
    public long FetchedBytes => Interlocked.Read(ref fetchedBytes);

    /// <summary>The answer to a client's <see cref="Wire.ScatterData"/> or <see cref="Wire.RunOnWorker"/>.</summary>
    private async Task<Message> FromClientAsync(Message message)
    {
        try
        {
            return message.Body switch
            {
                Wire.ScatterData scatter => Scatter(scatter, message),
                Wire.RunOnWorker run => await RunFunctionAsync(run, message).ConfigureAwait(false),
                _ => throw new ProtocolException($"Unexpected {message.Body} message from a client."),
            };
        }
        catch (Exception e) when (e is not ProtocolException)
        {
            return new Message(new Wire.ErrorReply { ExceptionType = e.GetType().FullName!, Message = e.Message }) { RequestId = message.RequestId };
        }
    }

    /// <summary>Puts the scattered values in the store, then tells the state machine they are here, before answering.</summary>
    private Message Scatter(Wire.ScatterData scatter, Message message)
    {
        var sizes = new Dictionary<Key, long>(scatter.Data.Length);
        var answer = new long[scatter.Data.Length];
        for (var i = 0; i < scatter.Data.Length; i++)
        {
            var item = scatter.Data[i];
            answer[i] = sizes[item.Key] = Store.Put(item.Key, message.ReadValue(item.Value));
        }

        Post(new UpdateDataEvent(sizes));
        return new Message(new Wire.ScatterDataReply { NBytes = answer }) { RequestId = message.RequestId };
    }

    /// <summary>Runs the function on a task thread of its own (it is not a task: it takes no slot) and sends back its value.</summary>
    private async Task<Message> RunFunctionAsync(Wire.RunOnWorker run, Message message)
    {
        var spec = new RunSpec(run.Run, message.Payload);
        await Code.WaitForAsync(RunSpecCodec.ReadOwner(spec), TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        var value = await Task.Factory.StartNew(
            () =>
            {
                using var scope = Code.Enter(RunSpecCodec.ReadOwner(spec));
                using var context = TaskContext.Enter(ContextFor(key: null, RunSpecCodec.ReadOwner(spec)));
                var result = TaskRunner.Run(RunSpecCodec.Decode(spec), NoResults.Instance, Device);
                return Device is null ? result : Device.ToHost(result);
            },
            stopping.Token,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).ConfigureAwait(false);
        var builder = new MessageBuilder();
        var reply = new Wire.RunOnWorkerReply { Value = builder.AddValue(value) };
        return builder.Build(reply, message.RequestId);
    }

    private TaskContext ContextFor(Key? key, string codeOwner)
    {
        var token = options.Comm.Token;
        var address = string.IsNullOrEmpty(token) ? SchedulerAddress : $"{SchedulerAddress}?token={Uri.EscapeDataString(token)}";
        return new TaskContext(
            key,
            Address,
            Name,
            address,
            codeOwner,
            secede: () =>
            {
                if (executor.Secede() && key is not null)
                {
                    Post(new SecedeEvent(key));
                }
            },
            rejoin: executor.Rejoin,
            fetchedBytes: () => FetchedBytes);
    }

    /// <summary>The store a function outside the graph reads from: it has no dependencies.</summary>
    private sealed class NoResults : IResultLookup
    {
        public static readonly NoResults Instance = new();

        public object? Get(Key key) => throw new KeyNotFoundException($"A function run on a worker has no task inputs; it asked for {key}.");
    }
}
