using MessagePack;
using MiniDask.Graph;

namespace MiniDask.Protocol.Messages;

/// <summary>A worker joins the cluster (worker -> scheduler).</summary>
[MessagePackObject]
public sealed class RegisterWorker : WireMessage
{
    /// <summary>The address other workers fetch data from, such as <c>tcp://10.0.0.5:40123</c>.</summary>
    [Key(0)]
    public string Address { get; init; } = "";

    /// <summary>The worker's name.</summary>
    [Key(1)]
    public string Name { get; init; } = "";

    /// <summary>How many tasks it runs at once.</summary>
    [Key(2)]
    public int Threads { get; init; }

    /// <summary>Its memory limit in bytes (0 for none).</summary>
    [Key(3)]
    public long MemoryLimit { get; init; }

    /// <summary>Its compute device: <c>cpu</c> for the host, or the device's name.</summary>
    [Key(4)]
    public string Device { get; init; } = "";

    /// <summary>The abstract resources it offers tasks, such as <c>GPU = 1</c> (see <see cref="TaskOptions.Resources"/>); null for none.</summary>
    [Key(5)]
    public Dictionary<string, double>? Resources { get; init; }

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Address, "address") ?? Required(Name, "name") ?? Required(Device, "device");
}

/// <summary>The scheduler's answer to <see cref="RegisterWorker"/>.</summary>
[MessagePackObject]
public sealed class RegisterWorkerReply : WireMessage
{
    /// <summary>Whether the worker is accepted.</summary>
    [Key(0)]
    public bool Accepted { get; init; }

    /// <summary>Why it was refused; empty when accepted.</summary>
    [Key(1)]
    public string Reason { get; init; } = "";

    /// <summary>How often the worker should send heartbeats, in seconds.</summary>
    [Key(2)]
    public double HeartbeatIntervalSeconds { get; init; }

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Reason, "reason");
}

/// <summary>A worker's periodic report (worker -> scheduler).</summary>
[MessagePackObject]
public sealed class Heartbeat : WireMessage
{
    /// <summary>Bytes of task results held in memory.</summary>
    [Key(0)]
    public long MemoryBytes { get; init; }

    /// <summary>Bytes of task results spilled to disk.</summary>
    [Key(1)]
    public long SpilledBytes { get; init; }

    /// <summary>Tasks executing now.</summary>
    [Key(2)]
    public int Executing { get; init; }

    /// <summary>Whether the worker paused new work because memory is high.</summary>
    [Key(3)]
    public bool Paused { get; init; }

    /// <summary>The keys of the tasks executing now; work stealing leaves them alone.</summary>
    [Key(4)]
    public Key[] ExecutingKeys { get; init; } = [];

    /// <summary>
    /// The transfer bandwidth it measured fetching from peers, in bytes per second (a running average
    /// over fetches of at least 1 MB); 0 until it has one.
    /// </summary>
    [Key(5)]
    public double Bandwidth { get; init; }

    /// <inheritdoc />
    protected internal override string? Problem() => RequiredItems(ExecutingKeys, "executing keys");
}

/// <summary>Where a dependency of a task is held.</summary>
[MessagePackObject]
public sealed class DependencyLocation
{
    /// <summary>The dependency's key.</summary>
    [Key(0)]
    public Key Key { get; init; } = null!;

    /// <summary>Addresses of workers that hold it.</summary>
    [Key(1)]
    public string[] Workers { get; init; } = [];

    /// <summary>Its size in bytes, as reported when it was computed.</summary>
    [Key(2)]
    public long NBytes { get; init; }

    /// <summary>Whether the location is complete: a key and no missing worker address.</summary>
    internal bool IsWellFormed => Key is not null && Workers is not null && System.Array.TrueForAll(Workers, w => w is not null);
}

/// <summary>
/// Run a task (scheduler -> worker). <see cref="Run"/> and the message's payload frames are the
/// task's run spec as the client encoded it, forwarded untouched: the scheduler never decodes them.
/// </summary>
[MessagePackObject]
public sealed class ComputeTask : WireMessage
{
    /// <summary>The task's key.</summary>
    [Key(0)]
    public Key Key { get; init; } = null!;

    /// <summary>The task's op name, for logs.</summary>
    [Key(1)]
    public string Op { get; init; } = "";

    /// <summary>The head of the run spec (see <see cref="RunSpec"/>); its frames are the message's payload frames.</summary>
    [Key(2)]
    public byte[] Run { get; init; } = [];

    /// <summary>Where each dependency is held.</summary>
    [Key(3)]
    public DependencyLocation[] Dependencies { get; init; } = [];

    /// <summary>The task's priority; lower runs first.</summary>
    [Key(4)]
    public long Priority { get; init; }

    /// <summary>The stimulus that caused this instruction.</summary>
    [Key(5)]
    public string StimulusId { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() =>
        Required(Key, "key") ?? Required(Op, "op") ?? Required(Run, "run spec") ?? Required(StimulusId, "stimulus id")
        ?? (Dependencies is null || !System.Array.TrueForAll(Dependencies, d => d is not null && d.IsWellFormed)
            ? "a ComputeTask has a missing or incomplete dependency location"
            : null);
}

/// <summary>
/// A task is about to execute (worker -> scheduler): sent before it runs, so that if it kills its
/// worker the scheduler knows it was executing there.
/// </summary>
[MessagePackObject]
public sealed class TaskStarted : WireMessage
{
    /// <summary>The task's key.</summary>
    [Key(0)]
    public Key Key { get; init; } = null!;

    /// <summary>The stimulus of the worker event.</summary>
    [Key(1)]
    public string StimulusId { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Key, "key");
}

/// <summary>
/// A task seceded from its worker's thread pool (worker -> scheduler, Dask's <c>long-running</c>):
/// it runs on, waiting for other tasks, without holding one of the worker's threads, so the
/// scheduler stops counting it against the worker's slots and occupancy.
/// </summary>
[MessagePackObject]
public sealed class TaskLongRunning : WireMessage
{
    /// <summary>The task's key.</summary>
    [Key(0)]
    public Key Key { get; init; } = null!;

    /// <summary>The stimulus of the worker event.</summary>
    [Key(1)]
    public string StimulusId { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Key, "key");
}

/// <summary>A task finished and its result is in the worker's memory (worker -> scheduler).</summary>
[MessagePackObject]
public sealed class TaskFinished : WireMessage
{
    /// <summary>The task's key.</summary>
    [Key(0)]
    public Key Key { get; init; } = null!;

    /// <summary>The result's size in bytes.</summary>
    [Key(1)]
    public long NBytes { get; init; }

    /// <summary>How long the task ran, in seconds.</summary>
    [Key(2)]
    public double DurationSeconds { get; init; }

    /// <summary>The stimulus of the worker event.</summary>
    [Key(3)]
    public string StimulusId { get; init; } = "";

    /// <summary>When the task started, in Unix seconds on the worker's clock (for the task stream); 0 when unknown.</summary>
    [Key(4)]
    public double StartTime { get; init; }

    /// <summary>The worker thread (0-based) that ran it, for the task stream.</summary>
    [Key(5)]
    public int Thread { get; init; }

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Key, "key") ?? Required(StimulusId, "stimulus id");
}

/// <summary>A task raised an exception (worker -> scheduler).</summary>
[MessagePackObject]
public sealed class TaskErred : WireMessage
{
    /// <summary>The task's key.</summary>
    [Key(0)]
    public Key Key { get; init; } = null!;

    /// <summary>The exception's type, such as <c>System.DivideByZeroException</c>.</summary>
    [Key(1)]
    public string ExceptionType { get; init; } = "";

    /// <summary>The exception's message.</summary>
    [Key(2)]
    public string Message { get; init; } = "";

    /// <summary>The stack trace on the worker.</summary>
    [Key(3)]
    public string RemoteStackTrace { get; init; } = "";

    /// <summary>The stimulus of the worker event.</summary>
    [Key(4)]
    public string StimulusId { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() =>
        Required(Key, "key") ?? Required(ExceptionType, "exception type") ?? Required(Message, "message")
        ?? Required(RemoteStackTrace, "stack trace") ?? Required(StimulusId, "stimulus id");
}

/// <summary>Forget these keys: drop their results or stop their tasks (scheduler -> worker).</summary>
[MessagePackObject]
public sealed class ReleaseKeys : WireMessage
{
    /// <summary>The keys.</summary>
    [Key(0)]
    public Key[] Keys { get; init; } = [];

    /// <summary>The stimulus that caused this instruction.</summary>
    [Key(1)]
    public string StimulusId { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => RequiredItems(Keys, "keys") ?? Required(StimulusId, "stimulus id");
}

/// <summary>Ask a worker to give up a task it has not started, so that an idle worker can run it (scheduler -> worker).</summary>
[MessagePackObject]
public sealed class StealRequest : WireMessage
{
    /// <summary>The task's key.</summary>
    [Key(0)]
    public Key Key { get; init; } = null!;

    /// <summary>The stimulus that caused this request.</summary>
    [Key(1)]
    public string StimulusId { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Key, "key") ?? Required(StimulusId, "stimulus id");
}

/// <summary>The answer to a <see cref="StealRequest"/> (worker -> scheduler).</summary>
[MessagePackObject]
public sealed class StealResponse : WireMessage
{
    /// <summary>The task's key.</summary>
    [Key(0)]
    public Key Key { get; init; } = null!;

    /// <summary>The task's state on the worker when asked, such as <c>Ready</c> or <c>Executing</c>.</summary>
    [Key(1)]
    public string State { get; init; } = "";

    /// <summary>Whether the worker released the task (it had not started).</summary>
    [Key(2)]
    public bool Released { get; init; }

    /// <summary>The stimulus of the request.</summary>
    [Key(3)]
    public string StimulusId { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Key, "key") ?? Required(State, "state") ?? Required(StimulusId, "stimulus id");
}

/// <summary>A dependency could not be fetched from a worker that was said to hold it (worker -> scheduler).</summary>
[MessagePackObject]
public sealed class MissingData : WireMessage
{
    /// <summary>The dependency's key.</summary>
    [Key(0)]
    public Key Key { get; init; } = null!;

    /// <summary>The worker that did not have it.</summary>
    [Key(1)]
    public string ErrantWorker { get; init; } = "";

    /// <summary>The stimulus of the worker event.</summary>
    [Key(2)]
    public string StimulusId { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Key, "key") ?? Required(ErrantWorker, "errant worker") ?? Required(StimulusId, "stimulus id");
}

/// <summary>The holders of keys a worker reported missing on a peer (scheduler -> worker).</summary>
[MessagePackObject]
public sealed class RefreshWhoHas : WireMessage
{
    /// <summary>Each key with the workers holding it.</summary>
    [Key(0)]
    public DependencyLocation[] WhoHas { get; init; } = [];

    /// <summary>The stimulus that caused this message.</summary>
    [Key(1)]
    public string StimulusId { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() =>
        WhoHas is null || !System.Array.TrueForAll(WhoHas, d => d is not null && d.IsWellFormed)
            ? "a RefreshWhoHas has a missing or incomplete location"
            : Required(StimulusId, "stimulus id");
}
