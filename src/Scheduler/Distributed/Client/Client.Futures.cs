using MiniDask.Graph;
using MiniDask.Graph.Functions;
using MiniDask.Graph.Optimization;
using MiniDask.Protocol;

namespace MiniDask.Scheduler.Distributed;

/// <summary>Futures: submitting single tasks, persisting collections, gathering and cancelling.</summary>
public sealed partial class Client
{
    /// <summary>How a single submitted task is prepared: as it is, with no optimization.</summary>
    private static readonly ComputeOptions SingleTaskOptions = new() { Optimize = false };

    /// <summary>
    /// Runs the registered op <paramref name="op"/> on the cluster with <paramref name="args"/>: a
    /// <see cref="Future"/> argument passes that future's result (it stays on the cluster), anything
    /// else is a literal sent with the task.
    /// </summary>
    /// <exception cref="NotSupportedException">A literal has no value codec; the message names the type.</exception>
    public async Task<Future> SubmitAsync(string op, params object?[] args)
    {
        var (graph, key) = SingleTask(op, args);
        return (await SubmitGraphAsync(graph, [key], SingleTaskOptions).ConfigureAwait(false))[0];
    }

    /// <summary>The blocking form of <see cref="SubmitAsync(string, object?[])"/>.</summary>
    public Future Submit(string op, params object?[] args) => SubmitAsync(op, args).GetAwaiter().GetResult();

    /// <summary>
    /// Runs <paramref name="function"/> on the cluster with <paramref name="args"/>, like
    /// <c>client.submit(func, *args)</c>: a static method or a lambda that captures nothing, which
    /// the workers load by name from its assembly (uploaded by this client when they lack it).
    /// A <see cref="Future"/> argument passes that future's result.
    /// </summary>
    /// <exception cref="ProcessLocalFunctionException">The function captures variables or <c>this</c>; the message names them.</exception>
    /// <exception cref="NotSupportedException">A literal has no value codec; the message names the type.</exception>
    public Task<Future> SubmitAsync(Delegate function, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(function);
        return SubmitAsync(UserFunctions.Register(function), args);
    }

    /// <summary>The blocking form of <see cref="SubmitAsync(Delegate, object?[])"/>.</summary>
    public Future Submit(Delegate function, params object?[] args) => SubmitAsync(function, args).GetAwaiter().GetResult();

    /// <summary>Submits <paramref name="function"/> once per item, each item as the single argument (<c>client.map</c>).</summary>
    /// <exception cref="ProcessLocalFunctionException">The function captures variables or <c>this</c>; the message names them.</exception>
    public Task<IReadOnlyList<Future>> MapAsync(Delegate function, IEnumerable<object?> items)
    {
        ArgumentNullException.ThrowIfNull(function);
        return MapAsync(UserFunctions.Register(function), items);
    }

    /// <summary>Submits <paramref name="op"/> once per item, each item as the single argument.</summary>
    public async Task<IReadOnlyList<Future>> MapAsync(string op, IEnumerable<object?> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var futures = new List<Future>();
        foreach (var item in items)
        {
            futures.Add(await SubmitAsync(op, item).ConfigureAwait(false));
        }

        return futures;
    }

    /// <summary>
    /// Starts computing <paramref name="collection"/> and keeps its output blocks on the cluster:
    /// later computes that use the same keys reuse them until the futures are released.
    /// </summary>
    public Task<IReadOnlyList<Future>> PersistAsync(IDaskCollection collection, ComputeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return SubmitGraphAsync(collection.Graph, collection.OutputKeys, options);
    }

    /// <summary>Whether this client holds <paramref name="key"/> on the cluster (a live future or a persisted block).</summary>
    internal bool IsHeld(Key key)
    {
        lock (held)
        {
            return held.ContainsKey(key);
        }
    }

    private void Hold(Key key)
    {
        lock (held)
        {
            held[key] = held.GetValueOrDefault(key) + 1;
        }
    }

    private void Unhold(Key key)
    {
        lock (held)
        {
            if (held.TryGetValue(key, out var count) && count > 1)
            {
                held[key] = count - 1;
            }
            else
            {
                held.Remove(key);
            }
        }
    }

    /// <summary>The values of <paramref name="futures"/>, in order.</summary>
    /// <exception cref="TaskFailedException">A future's task failed.</exception>
    public async Task<object?[]> GatherAsync(IEnumerable<Future> futures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(futures);
        var list = futures.ToList();
        var values = new object?[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            values[i] = await list[i].ResultAsync(cancellationToken).ConfigureAwait(false);
        }

        return values;
    }

    /// <summary>Releases <paramref name="futures"/>: tasks not yet run are dropped unless something else wants them.</summary>
    public async Task CancelAsync(IEnumerable<Future> futures)
    {
        ArgumentNullException.ThrowIfNull(futures);
        foreach (var future in futures)
        {
            await future.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal async Task<object?> GatherOneAsync(Computation computation, CancellationToken cancellationToken)
    {
        await computation.Done.WaitAsync(cancellationToken).ConfigureAwait(false);
        var values = await GatherAsync(computation, cancellationToken).ConfigureAwait(false);
        return values[computation.Wanted.Single()];
    }

    internal async Task ReleaseFutureAsync(Future future, ulong requestId)
    {
        Untrack(future.Computation, requestId);
        Unhold(future.Key);
        await ReleaseAsync(future.Computation).ConfigureAwait(false);
    }

    /// <summary>The one-task graph of a submit: a <see cref="Future"/> argument refers to its key, anything else is a literal.</summary>
    private static (TaskGraph Graph, Key Key) SingleTask(string op, object?[] args)
    {
        ArgumentException.ThrowIfNullOrEmpty(op);
        ArgumentNullException.ThrowIfNull(args);
        var taskArgs = args.Select(a => a is Future f ? TaskArg.Ref(f.Key) : TaskArg.Literal(a)).ToArray();
        var key = new Key(Tokenize.Name(op, Guid.NewGuid().ToString("N")));
        return (TaskGraph.FromTasks([new KeyValuePair<Key, DaskTask>(key, new DaskTask(op, taskArgs))]), key);
    }

    private Task<IReadOnlyList<Future>> SubmitGraphAsync(TaskGraph graph, IReadOnlyList<Key> keys, ComputeOptions? options) =>
        SubmitGraphAsync(graph, keys, options, static (client, computation, id) => new Future(client, computation, id));

    private async Task<IReadOnlyList<Future>> SubmitGraphAsync(
        TaskGraph graph, IReadOnlyList<Key> keys, ComputeOptions? options, Func<Client, Computation, ulong, Future> newFuture)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        var prepared = GraphPreparation.Prepare(WithForeignResultsFetched(graph), keys, options, held: IsHeld);
        UserFunctions.EnsureDistributable(prepared.Graph);
        var wanted = keys.Distinct().ToList();
        var number = Interlocked.Increment(ref computeCount);
        var clientId = $"{Id}#{number}";
        var parts = await EncodeAndUploadCodeAsync(prepared, wanted, clientId, reportProgress: false, options, CancellationToken.None).ConfigureAwait(false);
        parts[^1] = new Message(parts[^1].Body, parts[^1].Payload) { RequestId = (ulong)number };

        // The futures share one client id on the scheduler; each releases only its own key.
        var futures = wanted.Select(key => newFuture(this, new Computation(clientId, prepared.Graph, [key], progress: null), (ulong)number)).ToList();
        foreach (var future in futures)
        {
            Track(future.Computation, (ulong)number);
            Hold(future.Key);
        }

        foreach (var message in parts)
        {
            await scheduler.SendAsync(message).ConfigureAwait(false);
        }

        return futures;
    }
}
