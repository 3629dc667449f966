using MessagePack;

namespace MiniDask.Protocol.Messages;

/// <summary>What a <see cref="CoordinationRequest"/> asks of the scheduler's named queues, variables, locks, semaphores, events and topics.</summary>
public enum CoordinationOp
{
    /// <summary>Not said (refused).</summary>
    None = 0,

    /// <summary>Append the request's values to a queue.</summary>
    QueuePut = 1,

    /// <summary>Take the oldest item of a queue, waiting while it is empty (unless <see cref="CoordinationRequest.Wait"/> is false).</summary>
    QueueGet = 2,

    /// <summary>How many items a queue holds.</summary>
    QueueCount = 3,

    /// <summary>Set a variable to the request's value.</summary>
    VariableSet = 4,

    /// <summary>Read a variable, waiting until it is set (unless <see cref="CoordinationRequest.Wait"/> is false).</summary>
    VariableGet = 5,

    /// <summary>Unset a variable.</summary>
    VariableDelete = 6,

    /// <summary>Take a lock for the holder <see cref="CoordinationRequest.Holder"/>, waiting while another holds it.</summary>
    LockAcquire = 7,

    /// <summary>Give a lock back.</summary>
    LockRelease = 8,

    /// <summary>Whether a lock is held.</summary>
    LockHeld = 9,

    /// <summary>Take a lease of a semaphore of <see cref="CoordinationRequest.Count"/> leases, waiting while all are taken.</summary>
    SemaphoreAcquire = 10,

    /// <summary>Give a lease back.</summary>
    SemaphoreRelease = 11,

    /// <summary>Set an event, waking every waiter.</summary>
    EventSet = 12,

    /// <summary>Clear an event.</summary>
    EventClear = 13,

    /// <summary>Wait until an event is set (answered at once when it is, or when <see cref="CoordinationRequest.Wait"/> is false).</summary>
    EventWait = 14,

    /// <summary>Deliver the published messages of a topic to this connection from now on.</summary>
    Subscribe = 15,

    /// <summary>Stop delivering a topic to this connection.</summary>
    Unsubscribe = 16,

    /// <summary>Send the request's value to every subscriber of a topic (no reply).</summary>
    Publish = 17,

    /// <summary>The sender no longer holds the named object; it is deleted once no connection holds it (no reply).</summary>
    Release = 18,
}

/// <summary>The kinds of named objects the scheduler keeps; each kind has its own names.</summary>
public enum CoordinationKind
{
    /// <summary>Not said (refused).</summary>
    None = 0,

    /// <summary>A first-in first-out queue of values.</summary>
    Queue = 1,

    /// <summary>One value, set and read.</summary>
    Variable = 2,

    /// <summary>A mutual-exclusion lock.</summary>
    Lock = 3,

    /// <summary>A semaphore of a fixed number of leases.</summary>
    Semaphore = 4,

    /// <summary>An event, set or clear.</summary>
    Event = 5,

    /// <summary>A publish/subscribe topic.</summary>
    Topic = 6,
}

/// <summary>
/// An operation on a named object the scheduler keeps (client -> scheduler). Values travel as
/// payload frames, each a <see cref="PackedValue"/> the scheduler keeps without decoding. A request
/// that waits stays parked at the scheduler until it can be answered or a
/// <see cref="CancelCoordination"/> with its request id arrives; every request but
/// <see cref="CoordinationOp.Publish"/> and <see cref="CoordinationOp.Release"/> is answered by a
/// <see cref="CoordinationReply"/> under its request id.
/// </summary>
[MessagePackObject]
public sealed class CoordinationRequest : WireMessage
{
    /// <summary>The operation.</summary>
    [Key(0)]
    public CoordinationOp Op { get; init; }

    /// <summary>The kind of object named.</summary>
    [Key(1)]
    public CoordinationKind Kind { get; init; }

    /// <summary>The object's name (a topic for publish/subscribe).</summary>
    [Key(2)]
    public string Name { get; init; } = "";

    /// <summary>Who takes a lock or lease: a handle's id, so that one connection may hold several handles apart.</summary>
    [Key(3)]
    public string Holder { get; init; } = "";

    /// <summary>A semaphore's number of leases.</summary>
    [Key(4)]
    public int Count { get; init; }

    /// <summary>Whether the request waits when it cannot be answered at once.</summary>
    [Key(5)]
    public bool Wait { get; init; } = true;

    /// <inheritdoc />
    protected internal override string? Problem() =>
        Required(Name, "name") ?? Required(Holder, "holder")
        ?? (Op is CoordinationOp.None || !Enum.IsDefined(Op) ? $"a CoordinationRequest has an unknown op {(int)Op}" : null)
        ?? (Kind is CoordinationKind.None || !Enum.IsDefined(Kind) ? $"a CoordinationRequest has an unknown kind {(int)Kind}" : null);
}

/// <summary>How a <see cref="CoordinationRequest"/> ended.</summary>
public enum CoordinationStatus
{
    /// <summary>Done; a value, if any, is payload frame 0.</summary>
    Done = 0,

    /// <summary>Nothing to take without waiting (an empty queue, an unset variable, a held lock, a clear event).</summary>
    NotAvailable = 1,

    /// <summary>Cancelled by a <see cref="CancelCoordination"/> before it could be answered.</summary>
    Cancelled = 2,

    /// <summary>Refused; <see cref="CoordinationReply.Message"/> says why.</summary>
    Refused = 3,
}

/// <summary>The answer to a <see cref="CoordinationRequest"/> (scheduler -> client), under its request id.</summary>
[MessagePackObject]
public sealed class CoordinationReply : WireMessage
{
    /// <summary>How it ended.</summary>
    [Key(0)]
    public CoordinationStatus Status { get; init; }

    /// <summary>A count (queue length) or flag (1 for a held lock); 0 otherwise.</summary>
    [Key(1)]
    public long Number { get; init; }

    /// <summary>Why a request was refused; empty otherwise.</summary>
    [Key(2)]
    public string Message { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Message, "message");
}

/// <summary>Stop waiting on the parked request with <see cref="RequestId"/> (client -> scheduler); it is answered <see cref="CoordinationStatus.Cancelled"/> unless already answered.</summary>
[MessagePackObject]
public sealed class CancelCoordination : WireMessage
{
    /// <summary>The request id of the request to cancel.</summary>
    [Key(0)]
    public ulong RequestId { get; init; }
}

/// <summary>A message published on a topic this connection subscribed to (scheduler -> client); payload frame 0 is the value.</summary>
[MessagePackObject]
public sealed class Published : WireMessage
{
    /// <summary>The topic.</summary>
    [Key(0)]
    public string Topic { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Topic, "topic");
}
