using MessagePack;

namespace MiniDask.Protocol.Messages;

/// <summary>The first message on every connection, sent by the connecting side.</summary>
[MessagePackObject]
public sealed class Handshake : WireMessage
{
    /// <summary>The protocol version the sender speaks (<see cref="ProtocolVersion.Current"/>).</summary>
    [Key(0)]
    public uint Version { get; init; }

    /// <summary>The cluster's shared token; empty when the cluster has none.</summary>
    [Key(1)]
    public string Token { get; init; } = "";

    /// <summary>What the sender is.</summary>
    [Key(2)]
    public PeerRole Role { get; init; }

    /// <summary>The sender's name, for logs.</summary>
    [Key(3)]
    public string Name { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Token, "token") ?? Required(Name, "name");
}

/// <summary>The accepting side's answer to a <see cref="Handshake"/>.</summary>
[MessagePackObject]
public sealed class HandshakeReply : WireMessage
{
    /// <summary>Whether the connection is accepted.</summary>
    [Key(0)]
    public bool Accepted { get; init; }

    /// <summary>Why it was refused; empty when accepted.</summary>
    [Key(1)]
    public string Reason { get; init; } = "";

    /// <summary>The protocol version the accepting side speaks.</summary>
    [Key(2)]
    public uint Version { get; init; }

    /// <summary>The accepting side's name.</summary>
    [Key(3)]
    public string Name { get; init; } = "";

    /// <summary>What the accepting side is.</summary>
    [Key(4)]
    public PeerRole Role { get; init; }

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Reason, "reason") ?? Required(Name, "name");
}

/// <summary>A request failed (any direction), answering a request id.</summary>
[MessagePackObject]
public sealed class ErrorReply : WireMessage
{
    /// <summary>The exception's type.</summary>
    [Key(0)]
    public string ExceptionType { get; init; } = "";

    /// <summary>The exception's message.</summary>
    [Key(1)]
    public string Message { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => Required(ExceptionType, "exception type") ?? Required(Message, "message");
}

/// <summary>The sender closes this connection; the reason is logged by the receiver.</summary>
[MessagePackObject]
public sealed class Close : WireMessage
{
    /// <summary>Why.</summary>
    [Key(0)]
    public string Reason { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Reason, "reason");
}

/// <summary>
/// A sign of life (scheduler -> clients and workers), sent every heartbeat interval: a client or
/// worker that hears nothing from its scheduler for its scheduler timeout treats it as lost, which
/// is how a scheduler behind a cut link or a stopped process is told from an idle one.
/// </summary>
[MessagePackObject]
public sealed class Ping : WireMessage
{
}

/// <summary>Stop the receiving process (scheduler -> workers).</summary>
[MessagePackObject]
public sealed class Shutdown : WireMessage
{
    /// <summary>Why.</summary>
    [Key(0)]
    public string Reason { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Reason, "reason");
}
