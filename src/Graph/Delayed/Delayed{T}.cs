using MiniDask.Graph.Optimization;

namespace MiniDask.Graph;

/// <summary>
/// A lazy value (Dask's <c>Delayed</c>): the key of one task and the graph that computes it.
/// Made by <see cref="Delayed.Call{TResult}(Delegate, object?[])"/>, <see cref="Delayed.Value{T}(T, string?)"/>,
/// <see cref="Delayed.From{T}(IDaskCollection{T})"/> and the collections' <c>ToDelayed()</c>;
/// passed to further calls it stands for its value, and nothing runs until <see cref="Compute"/>.
/// Any scheduler computes it: the local threads, or a distributed client.
/// </summary>
/// <typeparam name="T">The type of the value.</typeparam>
public sealed class Delayed<T> : IDelayed, IDaskCollection<T>, IImplicitLiteral
{
    private readonly IReadOnlyList<IFuture> owned;
    private bool implicitLiteral;
    private object? implicitValue;

    internal Delayed(Key key, TaskGraph graph, IReadOnlyList<IFuture> futures, IReadOnlyList<IFuture>? owned = null)
    {
        Key = key;
        Graph = graph;
        Futures = futures;
        this.owned = owned ?? [];
    }

    /// <summary>
    /// Whether this value only wraps a plain value converted implicitly (a plain argument of a
    /// decorated function): a call then takes the plain value as a literal, as it would have
    /// without the conversion, so that both forms build the same keys.
    /// </summary>
    bool IImplicitLiteral.IsImplicitLiteral => implicitLiteral;

    /// <summary>The plain value an implicit conversion wrapped.</summary>
    object? IImplicitLiteral.ImplicitValue => implicitValue;

    /// <inheritdoc />
    public Key Key { get; }

    /// <summary>The name of the value's key: a deterministic token of the function and its arguments for pure calls.</summary>
    public string Name => Key.Name;

    /// <inheritdoc />
    public TaskGraph Graph { get; }

    /// <inheritdoc />
    public IReadOnlyList<Key> OutputKeys => [Key];

    /// <inheritdoc />
    public IReadOnlyList<IFuture> Futures { get; }

    /// <inheritdoc />
    public Type ResultType => typeof(T);

    /// <summary>The value from the computed result of <see cref="Key"/>.</summary>
    /// <exception cref="InvalidCastException">The result is not a <typeparamref name="T"/>; the message names the key and both types.</exception>
    public T Finalize(IReadOnlyList<object?> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return results.Count == 1 && results[0] is T value ? value
            : results.Count == 1 && results[0] is null && default(T) is null ? default!
            : throw new InvalidCastException(
                $"The result of {Key} is {(results.Count == 1 ? results[0]?.GetType().Name ?? "null" : $"{results.Count} values")}, not the {typeof(T).Name} the delayed value promises.");
    }

    /// <inheritdoc />
    public DaskTask FinalizeTask() => new(DelayedOps.ValueOp, TaskArg.Ref(Key));

    /// <summary>Computes the value on <paramref name="scheduler"/> (the ambient default when null).</summary>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op, with the function's exception inside.</exception>
    public T Compute(IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default) =>
        CollectionExtensions.Compute(this, scheduler, options, cancellationToken);

    /// <summary>The asynchronous form of <see cref="Compute"/>.</summary>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op, with the function's exception inside.</exception>
    public Task<T> ComputeAsync(IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default) =>
        CollectionExtensions.ComputeAsync(this, scheduler, options, cancellationToken);

    /// <summary>
    /// Computes the value now and returns a delayed value with the same key that starts from it
    /// (Dask's <c>persist</c>). On a scheduler that keeps results where it computes them (a
    /// distributed client) the value stays there, held by a future, and later graphs read it in
    /// place until <see cref="ReleaseAsync"/>; on any other scheduler the graph holds the value.
    /// </summary>
    /// <exception cref="TaskFailedException">A task failed (on a local scheduler; on a cluster, when the value is read).</exception>
    public Delayed<T> Persist(IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default) =>
        PersistAsync(scheduler, options, cancellationToken).GetAwaiter().GetResult();

    /// <summary>The asynchronous form of <see cref="Persist"/>.</summary>
    /// <exception cref="TaskFailedException">A task failed (on a local scheduler; on a cluster, when the value is read).</exception>
    public async Task<Delayed<T>> PersistAsync(IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        scheduler ??= Schedulers.Default;
        if (scheduler is IPersistingScheduler cluster)
        {
            var held = (await cluster.PersistAsync(Graph, [Key], options, cancellationToken).ConfigureAwait(false))[0];
            return new Delayed<T>(Key, FutureTasks.Graph(held), [held], [held]);
        }

        var value = await ComputeAsync(scheduler, options, cancellationToken).ConfigureAwait(false);
        var tasks = new Dictionary<Key, DaskTask> { [Key] = new DaskTask(DelayedOps.ValueOp, TaskArg.Literal(value)) };
        return new Delayed<T>(Key, TaskGraph.FromLayer(new MaterializedLayer(Key.ToString(), tasks)), []);
    }

    /// <summary>Releases the futures that <see cref="Persist"/> made for this value; nothing for other delayed values.</summary>
    public async ValueTask ReleaseAsync()
    {
        foreach (var future in owned)
        {
            await future.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Item <paramref name="index"/> of the value, a tuple or a list (Dask's <c>getitem</c> on a delayed value).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public Delayed<TItem> Item<TItem>(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var key = new Key(Tokenize.Name("getitem", Key, index));
        var tasks = new Dictionary<Key, DaskTask> { [key] = new DaskTask(DelayedOps.ItemOp, TaskArg.Ref(Key), TaskArg.Literal(index)) };
        return new Delayed<TItem>(key, TaskGraph.FromLayer(new MaterializedLayer(key.Name, tasks), Graph), Futures);
    }

    /// <summary>The graph in graphviz DOT (see <see cref="DotRenderer.ToDot"/>), culled to what this value needs.</summary>
    public string ToDot(DotOptions? options = null) => Culling.Cull(Graph, [Key]).ToDot(options);

    /// <summary>A summary in Dask's style: <c>Delayed('Load-3f2a...')</c>, or <c>Delayed(('x-3f2a...', 0, 1))</c> for a block.</summary>
    public override string ToString() => $"Delayed({Key})";

    /// <summary>A plain value as a delayed value (<see cref="Delayed.Value{T}(T, string?)"/>), so that it can be passed where a delayed argument is expected.</summary>
    public static implicit operator Delayed<T>(T value)
    {
        var held = Delayed.Value(value);
        return new Delayed<T>(held.Key, held.Graph, held.Futures) { implicitLiteral = true, implicitValue = value };
    }
}
