using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MiniDask.Protocol.Messages;

namespace MiniDask.Protocol;

/// <summary>
/// Settings of comms and listeners: who this side is, the shared token, limits, TLS and logging.
/// Both ends of a connection check the protocol version and token during the handshake.
/// </summary>
public sealed record CommOptions
{
    /// <summary>The defaults: no token, no TLS, default limits, no logging.</summary>
    public static CommOptions Default { get; } = new();

    /// <summary>What this side is, told to the peer in the handshake.</summary>
    public PeerRole Role { get; init; } = PeerRole.Client;

    /// <summary>This side's name, told to the peer in the handshake and used in logs.</summary>
    public string Name { get; init; } = "";

    /// <summary>
    /// The cluster's shared token: a listener with a token refuses connections that do not present
    /// it; a connecting side presents it. Null for none.
    /// </summary>
    public string? Token { get; init; }

    /// <summary>The protocol version this side speaks; peers of another version are refused.</summary>
    public uint Version { get; init; } = ProtocolVersion.Current;

    /// <summary>Limits on the frames this side receives after the handshake.</summary>
    public FrameLimits Limits { get; init; } = FrameLimits.Default;

    /// <summary>TLS settings, required for <c>tls://</c> addresses.</summary>
    public TlsOptions? Tls { get; init; }

    /// <summary>How long a connection may take to connect, negotiate TLS and complete the handshake.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many accepted connections may wait for TLS and their handshake at once; past it a
    /// listener closes the oldest of them, so that a flood of idle connections cannot take every
    /// file descriptor. A listener lowers it to a quarter of the process's descriptor limit.
    /// </summary>
    public int MaxPendingConnections { get; init; } = 256;

    /// <summary>
    /// How long a TCP connection may go without a sign of life from the peer's machine before it
    /// is closed as lost: keepalive probes start after half of it idle and repeat three times in
    /// the rest, and unacknowledged data (<c>TCP_USER_TIMEOUT</c> on Linux) fails the connection
    /// after all of it. A cut link then surfaces as a lost connection instead of silence.
    /// Zero leaves the system's defaults (hours).
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How many connections, waiting or established, a listener takes from one remote host; 0 for no limit.</summary>
    public int MaxConnectionsPerHost { get; init; }

    /// <summary>Where connection events are logged, including the reason whenever a connection is refused or closed for bad input.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Where comms made with these options count the messages and bytes they move; null counts nothing.</summary>
    public CommTraffic? Traffic { get; init; }
}
