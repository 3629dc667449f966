using MessagePack;
using MiniDask.Graph;

namespace MiniDask.Protocol.Messages;

/// <summary>
/// Place values on a worker (client -> worker, Dask's <c>scatter</c>): each value's segments are
/// payload frames, as in <see cref="GetDataResponse"/>. The worker holds them as results and answers
/// <see cref="ScatterDataReply"/>; the client then tells the scheduler with <see cref="UpdateData"/>.
/// </summary>
[MessagePackObject]
public sealed class ScatterData : WireMessage
{
    /// <summary>The keys and their values.</summary>
    [Key(0)]
    public KeyValue[] Data { get; init; } = [];

    /// <summary>The client placing them, for logs.</summary>
    [Key(1)]
    public string Client { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() =>
        Data is null || !System.Array.TrueForAll(Data, d => d is { Key: not null, Value.Tag: not null })
            ? "a ScatterData has a missing or incomplete value"
            : Required(Client, "client");
}

/// <summary>The answer to <see cref="ScatterData"/> (worker -> client): the size each value takes there.</summary>
[MessagePackObject]
public sealed class ScatterDataReply : WireMessage
{
    /// <summary>The size of each value in bytes, in the order they were sent.</summary>
    [Key(0)]
    public long[] NBytes { get; init; } = [];

    /// <inheritdoc />
    protected internal override string? Problem() => Required(NBytes, "sizes");
}

/// <summary>
/// Values a client placed on workers are there (client -> scheduler, Dask's <c>update_data</c>): the
/// scheduler records each key as in memory on those workers, wanted by the client.
/// </summary>
[MessagePackObject]
public sealed class UpdateData : WireMessage
{
    /// <summary>The client id that wants the keys.</summary>
    [Key(0)]
    public string Client { get; init; } = "";

    /// <summary>Each key with the workers holding it and its size.</summary>
    [Key(1)]
    public DependencyLocation[] Data { get; init; } = [];

    /// <inheritdoc />
    protected internal override string? Problem() =>
        Data is null || !System.Array.TrueForAll(Data, d => d is not null && d.IsWellFormed && d.Workers.Length > 0)
            ? "an UpdateData has a missing or incomplete location"
            : Required(Client, "client");
}

/// <summary>Keep running these keys even once no client wants them (client -> scheduler, Dask's <c>fire_and_forget</c>).</summary>
[MessagePackObject]
public sealed class FireAndForget : WireMessage
{
    /// <summary>The keys.</summary>
    [Key(0)]
    public Key[] Keys { get; init; } = [];

    /// <inheritdoc />
    protected internal override string? Problem() => RequiredItems(Keys, "keys");
}

/// <summary>What a <see cref="ClusterQuery"/> asks.</summary>
public enum ClusterQueryKind
{
    /// <summary>The workers holding some keys.</summary>
    WhoHas = 0,

    /// <summary>The keys each worker holds.</summary>
    HasWhat = 1,

    /// <summary>The scheduler and its workers.</summary>
    SchedulerInfo = 2,
}

/// <summary>Ask the scheduler about its workers and data (client -> scheduler); answered by <see cref="ClusterReply"/>.</summary>
[MessagePackObject]
public sealed class ClusterQuery : WireMessage
{
    /// <summary>What is asked.</summary>
    [Key(0)]
    public ClusterQueryKind Kind { get; init; }

    /// <summary>For <see cref="ClusterQueryKind.WhoHas"/>: the keys; empty for every key in memory.</summary>
    [Key(1)]
    public Key[] Keys { get; init; } = [];

    /// <inheritdoc />
    protected internal override string? Problem() => RequiredItems(Keys, "keys");
}

/// <summary>One worker as the scheduler knows it.</summary>
[MessagePackObject]
public sealed class WorkerSummary
{
    /// <summary>The worker's address.</summary>
    [Key(0)]
    public string Address { get; init; } = "";

    /// <summary>Its name.</summary>
    [Key(1)]
    public string Name { get; init; } = "";

    /// <summary>Its task threads.</summary>
    [Key(2)]
    public int Threads { get; init; }

    /// <summary>Its memory limit in bytes; 0 for none.</summary>
    [Key(3)]
    public long MemoryLimit { get; init; }

    /// <summary>The resources it offers.</summary>
    [Key(4)]
    public Dictionary<string, double> Resources { get; init; } = [];

    /// <summary>The keys it holds (for <see cref="ClusterQueryKind.HasWhat"/>; empty otherwise).</summary>
    [Key(5)]
    public Key[] Keys { get; init; } = [];

    /// <summary>How many tasks are processing on it.</summary>
    [Key(6)]
    public int Processing { get; init; }

    /// <summary>The bytes of results it holds, as the scheduler counts them.</summary>
    [Key(7)]
    public long NBytes { get; init; }
}

/// <summary>The answer to <see cref="ClusterQuery"/> (scheduler -> client).</summary>
[MessagePackObject]
public sealed class ClusterReply : WireMessage
{
    /// <summary>The scheduler's address.</summary>
    [Key(0)]
    public string Address { get; init; } = "";

    /// <summary>The workers, by address.</summary>
    [Key(1)]
    public WorkerSummary[] Workers { get; init; } = [];

    /// <summary>For <see cref="ClusterQueryKind.WhoHas"/>: each key asked with the workers holding it (none when not in memory).</summary>
    [Key(2)]
    public DependencyLocation[] WhoHas { get; init; } = [];

    /// <summary>How many tasks the scheduler knows.</summary>
    [Key(3)]
    public int Tasks { get; init; }

    /// <summary>How many clients are connected.</summary>
    [Key(4)]
    public int Clients { get; init; }

    /// <inheritdoc />
    protected internal override string? Problem() =>
        Required(Address, "address") ?? RequiredItems(Workers, "workers")
        ?? (WhoHas is null || !System.Array.TrueForAll(WhoHas, d => d is not null && d.IsWellFormed) ? "a ClusterReply has an incomplete location" : null);
}

/// <summary>
/// Run a function on a worker outside the task graph (client -> worker, Dask's <c>client.run</c>):
/// <see cref="Run"/> and the payload frames are a run spec with no dependencies. Answered by
/// <see cref="RunOnWorkerReply"/>, or an <see cref="ErrorReply"/> naming the exception.
/// </summary>
[MessagePackObject]
public sealed class RunOnWorker : WireMessage
{
    /// <summary>The head of the run spec; its frames are the message's payload frames.</summary>
    [Key(0)]
    public byte[] Run { get; init; } = [];

    /// <summary>The op's name, for logs and errors.</summary>
    [Key(1)]
    public string Op { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Run, "run spec") ?? Required(Op, "op");
}

/// <summary>The value a <see cref="RunOnWorker"/> function returned (worker -> client).</summary>
[MessagePackObject]
public sealed class RunOnWorkerReply : WireMessage
{
    /// <summary>The value, its segments in payload frames.</summary>
    [Key(0)]
    public WireValue Value { get; init; } = null!;

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Value, "value");
}
