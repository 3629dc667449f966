using MessagePack;

namespace MiniDask.Protocol.Messages;

/// <summary>
/// Create an actor: one instance of a user type living on one worker (client -> scheduler, which
/// picks the worker and relays it there). Payload frame <c>i</c> is constructor argument <c>i</c>,
/// packed as a <see cref="PackedValue"/>. Answered with <see cref="ActorCreated"/>.
/// </summary>
[MessagePackObject]
public sealed class CreateActor : WireMessage
{
    /// <summary>The actor's id, unique in the cluster (made by the client).</summary>
    [Key(0)]
    public string ActorId { get; init; } = "";

    /// <summary>The name other clients find the actor by; empty for none.</summary>
    [Key(1)]
    public string Name { get; init; } = "";

    /// <summary>The assembly-qualified name of the actor's type.</summary>
    [Key(2)]
    public string TypeName { get; init; } = "";

    /// <summary>The client whose uploaded code defines the type; empty when workers ship it.</summary>
    [Key(3)]
    public string Owner { get; init; } = "";

    /// <summary>How many constructor arguments follow as payload frames.</summary>
    [Key(4)]
    public int ArgumentCount { get; init; }

    /// <summary>The worker address the actor must live on; empty for the scheduler's choice.</summary>
    [Key(5)]
    public string Worker { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() =>
        Required(ActorId, "actor id") ?? Required(Name, "name") ?? Required(TypeName, "type name") ?? Required(Owner, "owner")
        ?? Required(Worker, "worker") ?? (ActorId.Length == 0 ? "a CreateActor has an empty actor id" : null);
}

/// <summary>
/// Where an actor lives, or why it could not be created or found (worker -> scheduler after a
/// <see cref="CreateActor"/>; scheduler -> client answering <see cref="CreateActor"/> or <see cref="LookupActor"/>).
/// </summary>
[MessagePackObject]
public sealed class ActorCreated : WireMessage
{
    /// <summary>The actor's id.</summary>
    [Key(0)]
    public string ActorId { get; init; } = "";

    /// <summary>The address of the worker holding it.</summary>
    [Key(1)]
    public string Worker { get; init; } = "";

    /// <summary>The assembly-qualified name of its type.</summary>
    [Key(2)]
    public string TypeName { get; init; } = "";

    /// <summary>Its name; empty for none.</summary>
    [Key(3)]
    public string Name { get; init; } = "";

    /// <summary>Empty on success; otherwise <c>Type: message</c> of what went wrong.</summary>
    [Key(4)]
    public string Error { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() =>
        Required(ActorId, "actor id") ?? Required(Worker, "worker") ?? Required(TypeName, "type name") ?? Required(Name, "name") ?? Required(Error, "error");
}

/// <summary>Find a named actor and hold it (client -> scheduler); answered with <see cref="ActorCreated"/>.</summary>
[MessagePackObject]
public sealed class LookupActor : WireMessage
{
    /// <summary>The actor's name.</summary>
    [Key(0)]
    public string Name { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Name, "name");
}

/// <summary>
/// The sender no longer holds the actor (client -> scheduler); once no client holds it, the
/// scheduler sends the same message to its worker, which drops the instance.
/// </summary>
[MessagePackObject]
public sealed class ReleaseActor : WireMessage
{
    /// <summary>The actor's id.</summary>
    [Key(0)]
    public string ActorId { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => Required(ActorId, "actor id");
}

/// <summary>
/// Call a method of an actor (client or worker -> the worker holding it, on that worker's peer
/// port). Payload frame <c>i</c> is argument <c>i</c> as a <see cref="PackedValue"/>. The worker
/// runs the calls of one actor one at a time, in the order they arrive, and answers each with an
/// <see cref="ActorReply"/> under the call's request id.
/// </summary>
[MessagePackObject]
public sealed class ActorCall : WireMessage
{
    /// <summary>The actor's id.</summary>
    [Key(0)]
    public string ActorId { get; init; } = "";

    /// <summary>The method's name.</summary>
    [Key(1)]
    public string Method { get; init; } = "";

    /// <summary>The full names of the method's parameter types, to pick among overloads.</summary>
    [Key(2)]
    public string[] ParameterTypes { get; init; } = [];

    /// <inheritdoc />
    protected internal override string? Problem() => Required(ActorId, "actor id") ?? Required(Method, "method") ?? RequiredItems(ParameterTypes, "parameter types");
}

/// <summary>
/// The outcome of an <see cref="ActorCall"/> (worker -> caller): on success payload frame 0 is the
/// method's result as a <see cref="PackedValue"/> (null for a void method); on failure the
/// exception's type, message and stack trace.
/// </summary>
[MessagePackObject]
public sealed class ActorReply : WireMessage
{
    /// <summary>The <see cref="ExceptionType"/> of the reply to a call of an actor the worker does not hold.</summary>
    public const string NoSuchActor = "MiniDask.NoSuchActor";

    /// <summary>The exception's type; empty on success.</summary>
    [Key(0)]
    public string ExceptionType { get; init; } = "";

    /// <summary>The exception's message.</summary>
    [Key(1)]
    public string Message { get; init; } = "";

    /// <summary>The stack trace on the worker.</summary>
    [Key(2)]
    public string RemoteStackTrace { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() =>
        Required(ExceptionType, "exception type") ?? Required(Message, "message") ?? Required(RemoteStackTrace, "stack trace");
}
