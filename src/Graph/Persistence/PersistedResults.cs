namespace MiniDask.Graph.Persistence;

/// <summary>
/// Results a scheduler keeps for a persisted collection (a distributed client's futures). A
/// persisted collection's graph holds one task per key that reads the kept result
/// (<see cref="Tasks"/>): the scheduler that keeps them runs graphs that use those keys without
/// recomputing or moving them; any other scheduler fetches their values first. Releasing (dispose)
/// lets the scheduler drop them.
/// </summary>
public abstract class PersistedResults : IAsyncDisposable, IDisposable
{
    /// <summary>The op of the tasks that read a kept result; its one argument is a <see cref="PersistedBlock"/>.</summary>
    public const string Op = "persisted";

    /// <summary>The op of a task whose one argument is its result (a kept value fetched for another scheduler).</summary>
    public const string ValueOp = "persisted-value";

    static PersistedResults()
    {
        OpRegistry.Register(Op, static args => ((PersistedBlock)args[0]!).Fetch());
        OpRegistry.Register(ValueOp, static args => args[0]);
    }

    /// <summary>Keeps results of <paramref name="keys"/> on <paramref name="owner"/>.</summary>
    protected PersistedResults(IScheduler owner, IReadOnlyList<Key> keys)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(keys);
        Owner = owner;
        Keys = keys;
    }

    /// <summary>The scheduler keeping the results.</summary>
    public IScheduler Owner { get; }

    /// <summary>The keys whose results are kept.</summary>
    public IReadOnlyList<Key> Keys { get; }

    /// <summary>Whether the results were released; a graph that still reads them fails naming the key.</summary>
    public abstract bool IsReleased { get; }

    /// <summary>
    /// One task per kept key that reads the kept result: the layer a persisted collection's graph is
    /// made of, under the same keys as the collection it was persisted from.
    /// </summary>
    public IReadOnlyDictionary<Key, DaskTask> Tasks() =>
        Keys.Distinct().ToDictionary(key => key, key => new DaskTask(Op, TaskArg.Literal(new PersistedBlock(this, key))));

    /// <summary>The values of <paramref name="keys"/> (kept keys), fetched from where they are kept.</summary>
    /// <exception cref="ObjectDisposedException">The results were released.</exception>
    public abstract Task<object?[]> FetchAsync(IReadOnlyList<Key> keys, CancellationToken cancellationToken = default);

    /// <summary>Releases the results: the scheduler may drop them unless something else holds them.</summary>
    public abstract ValueTask DisposeAsync();

    /// <summary>The blocking form of <see cref="DisposeAsync"/>.</summary>
    public void Dispose()
    {
        DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }

    /// <summary>The owner and key count, for logs.</summary>
    public override string ToString() => $"<PersistedResults of {Keys.Count} key(s) on {Owner.Name}{(IsReleased ? ", released" : "")}>";
}

/// <summary>The literal argument of a task that reads one kept result.</summary>
/// <param name="Results">Where the result is kept.</param>
/// <param name="Key">The result's key.</param>
public sealed record PersistedBlock(PersistedResults Results, Key Key)
{
    /// <summary>The value, fetched from where it is kept (how schedulers other than the owner read it).</summary>
    /// <exception cref="ObjectDisposedException">The results were released.</exception>
    public object? Fetch() => Results.IsReleased
        ? throw new ObjectDisposedException(nameof(PersistedResults), $"The persisted result {Key} was released; persist the collection again.")
        : Results.FetchAsync([Key]).GetAwaiter().GetResult()[0];

    /// <summary>The key and where it is kept.</summary>
    public override string ToString() => $"persisted {Key} on {Results.Owner.Name}";
}
