using MessagePack;
using MiniDask.Graph;

namespace MiniDask.Protocol.Messages;

/// <summary>
/// Submit tasks (client -> scheduler). The tasks' control parts and the wanted keys travel as a
/// <see cref="GraphSpec"/> in payload frame 0 (graphs can exceed the header limit); the run specs'
/// frames follow it. A graph with more frames than one message may carry travels in parts under
/// the same client id, all but the last with <see cref="More"/> set.
/// </summary>
[MessagePackObject]
public sealed class UpdateGraph : WireMessage
{
    /// <summary>The client id the graph is submitted under.</summary>
    [Key(0)]
    public string Client { get; init; } = "";

    /// <summary>The stimulus of the client request.</summary>
    [Key(1)]
    public string StimulusId { get; init; } = "";

    /// <summary>Whether the client wants a <see cref="TaskProgress"/> for each task of the graph that finishes.</summary>
    [Key(2)]
    public bool ReportProgress { get; init; }

    /// <summary>True when further parts of this graph follow; the last part carries the wanted keys.</summary>
    [Key(3)]
    public bool More { get; init; }

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Client, "client") ?? Required(StimulusId, "stimulus id");
}

/// <summary>The tasks of an <see cref="UpdateGraph"/> and the keys wanted from them (payload frame 0 of the message).</summary>
[MessagePackObject]
public sealed class GraphSpec
{
    /// <summary>The tasks' control parts.</summary>
    [Key(0)]
    public TaskHeader[] Tasks { get; init; } = [];

    /// <summary>The keys whose results are wanted; empty for all but the last part of a graph.</summary>
    [Key(1)]
    public Key[] Wanted { get; init; } = [];
}

/// <summary>
/// The control part of one task: what the scheduler reads. The task's run spec (op and arguments)
/// is <see cref="Run"/> plus payload frames <c>[FirstFrame, FirstFrame + FrameCount)</c> of the
/// message, which the scheduler keeps and forwards to a worker as they came.
/// </summary>
[MessagePackObject]
public sealed class TaskHeader
{
    /// <summary>The task's key.</summary>
    [Key(0)]
    public Key Key { get; init; } = null!;

    /// <summary>The keys whose results the task reads: tasks of the graph or keys the scheduler holds.</summary>
    [Key(1)]
    public Key[] Dependencies { get; init; } = [];

    /// <summary>The client's priority for the task (the graph's order); lower runs first.</summary>
    [Key(2)]
    public long Priority { get; init; }

    /// <summary>The op's name, for display and per-op duration estimates.</summary>
    [Key(3)]
    public string Op { get; init; } = "";

    /// <summary>The size of the run spec in bytes (head and frames): what the scheduler holds for the task.</summary>
    [Key(4)]
    public long SpecBytes { get; init; }

    /// <summary>The head of the run spec, opaque to the scheduler.</summary>
    [Key(5)]
    public byte[] Run { get; init; } = [];

    /// <summary>The index of the run spec's first frame among the message's payload frames.</summary>
    [Key(6)]
    public int FirstFrame { get; init; }

    /// <summary>How many frames the run spec has.</summary>
    [Key(7)]
    public int FrameCount { get; init; }

    /// <summary>The task's priority, retries, resources and worker restrictions; null for none.</summary>
    [Key(8)]
    public TaskOptions? Options { get; init; }
}

/// <summary>A wanted key's result is in memory (scheduler -> client).</summary>
[MessagePackObject]
public sealed class KeyInMemory : WireMessage
{
    /// <summary>The key.</summary>
    [Key(0)]
    public Key Key { get; init; } = null!;

    /// <summary>The result's size in bytes.</summary>
    [Key(1)]
    public long NBytes { get; init; }

    /// <summary>Addresses of workers holding it.</summary>
    [Key(2)]
    public string[] Workers { get; init; } = [];

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Key, "key") ?? RequiredItems(Workers, "workers");
}

/// <summary>A wanted key failed (scheduler -> client).</summary>
[MessagePackObject]
public sealed class KeyErred : WireMessage
{
    /// <summary>The wanted key.</summary>
    [Key(0)]
    public Key Key { get; init; } = null!;

    /// <summary>The key whose task raised the exception (the key itself or a dependency).</summary>
    [Key(1)]
    public Key BlamedKey { get; init; } = null!;

    /// <summary>The exception's type.</summary>
    [Key(2)]
    public string ExceptionType { get; init; } = "";

    /// <summary>The exception's message.</summary>
    [Key(3)]
    public string Message { get; init; } = "";

    /// <summary>The stack trace on the worker.</summary>
    [Key(4)]
    public string RemoteStackTrace { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() =>
        Required(Key, "key") ?? Required(BlamedKey, "blamed key") ?? Required(ExceptionType, "exception type")
        ?? Required(Message, "message") ?? Required(RemoteStackTrace, "stack trace");
}

/// <summary>A task of a graph submitted with progress reporting finished (scheduler -> client).</summary>
[MessagePackObject]
public sealed class TaskProgress : WireMessage
{
    /// <summary>The client id the graph was submitted under.</summary>
    [Key(0)]
    public string Client { get; init; } = "";

    /// <summary>The task's key.</summary>
    [Key(1)]
    public Key Key { get; init; } = null!;

    /// <summary>How many results of that graph are held in cluster memory now.</summary>
    [Key(2)]
    public int InMemory { get; init; }

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Client, "client") ?? Required(Key, "key");
}

/// <summary>The client no longer wants these keys (client -> scheduler).</summary>
[MessagePackObject]
public sealed class Cancel : WireMessage
{
    /// <summary>The keys.</summary>
    [Key(0)]
    public Key[] Keys { get; init; } = [];

    /// <summary>The client id that wanted them.</summary>
    [Key(1)]
    public string Client { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => RequiredItems(Keys, "keys") ?? Required(Client, "client");
}
