using MiniDask.Graph;
using MiniDask.Graph.Functions;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>The cluster as the client sees it: where data is, what workers hold, and running a function on every worker.</summary>
public sealed partial class Client
{
    /// <summary>
    /// The workers holding each of <paramref name="futures"/> (Dask's <c>who_has</c>); with none
    /// given, every key in memory on the cluster. A key not in memory has no workers.
    /// </summary>
    public async Task<IReadOnlyDictionary<Key, IReadOnlyList<string>>> WhoHasAsync(IEnumerable<Future>? futures = null, CancellationToken cancellationToken = default)
    {
        var keys = futures?.Select(f => f.Key).ToArray() ?? [];
        var reply = await RequestAsync<Wire.ClusterReply>(new Wire.ClusterQuery { Kind = Wire.ClusterQueryKind.WhoHas, Keys = keys }, cancellationToken).ConfigureAwait(false);
        return reply.WhoHas.ToDictionary(l => l.Key, l => (IReadOnlyList<string>)l.Workers);
    }

    /// <summary>The keys each worker holds, by worker address (Dask's <c>has_what</c>).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<Key>>> HasWhatAsync(CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync<Wire.ClusterReply>(new Wire.ClusterQuery { Kind = Wire.ClusterQueryKind.HasWhat }, cancellationToken).ConfigureAwait(false);
        return reply.Workers.ToDictionary(w => w.Address, w => (IReadOnlyList<Key>)w.Keys, StringComparer.Ordinal);
    }

    /// <summary>The scheduler and its workers: names, threads, memory limits, resources and load (Dask's <c>scheduler_info</c>).</summary>
    public async Task<SchedulerInfo> SchedulerInfoAsync(CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync<Wire.ClusterReply>(new Wire.ClusterQuery { Kind = Wire.ClusterQueryKind.SchedulerInfo }, cancellationToken).ConfigureAwait(false);
        var workers = reply.Workers.ToDictionary(
            w => w.Address,
            w => new WorkerDetails(w.Address, w.Name, w.Threads, w.MemoryLimit, w.Resources, w.Processing, w.NBytes),
            StringComparer.Ordinal);
        return new SchedulerInfo(reply.Address, workers, reply.Tasks, reply.Clients);
    }

    /// <summary>
    /// Runs <paramref name="function"/> once on every worker, outside the task graph (Dask's
    /// <c>client.run</c>), and gives each worker's result by address. As with submit, it is a
    /// static method or a lambda that captures nothing, loaded by the workers from its assembly;
    /// inside it, <see cref="Worker.Current"/> describes the worker it runs on.
    /// </summary>
    /// <exception cref="ProcessLocalFunctionException">The function captures variables or <c>this</c>; the message names them.</exception>
    /// <exception cref="TaskFailedException">The function raised on a worker; the message names the worker, with its exception inside.</exception>
    public async Task<IReadOnlyDictionary<string, T>> RunAsync<T>(Func<T> function, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(function);
        var op = UserFunctions.Register(function);
        var task = new DaskTask(op, []);
        var key = new Key(Tokenize.Name("run", op, Guid.NewGuid().ToString("N")));
        var graph = TaskGraph.FromTasks([new KeyValuePair<Key, DaskTask>(key, task)]);
        UserFunctions.EnsureDistributable(graph);
        var needed = CodeNeeds.Of(graph);
        if (needed.Count > 0 && borrowedCodeOwner is null)
        {
            await UploadAsync([.. needed.Select(a => a.Location)], cancellationToken).ConfigureAwait(false);
        }

        var owner = borrowedCodeOwner ?? (hasCode ? Id : "");
        var run = new RunSpecCodec().Encode(task, owner);
        var info = await SchedulerInfoAsync(cancellationToken).ConfigureAwait(false);
        var calls = info.Workers.Keys.Select(async address =>
        {
            try
            {
                var (reply, message) = await RequestWorkerAsync<Wire.RunOnWorkerReply>(
                    address, new Message(new Wire.RunOnWorker { Run = run.Head, Op = op }, run.Frames), cancellationToken).ConfigureAwait(false);
                var value = message.ReadValue(reply.Value);
                return (Address: address, Value: value is T typed || (value is null && default(T) is null)
                    ? (T)value!
                    : throw new InvalidCastException($"Worker {address} returned {(value is null ? "null" : "a " + value.GetType().FullName)} from {op}, not a {typeof(T).FullName}."));
            }
            catch (Exception e) when (e is not (OperationCanceledException or InvalidCastException or IOException))
            {
                throw new TaskFailedException(key, $"{op} on {address}", e);
            }
        });
        var results = await Task.WhenAll(calls).ConfigureAwait(false);
        return results.ToDictionary(r => r.Address, r => r.Value, StringComparer.Ordinal);
    }
}
