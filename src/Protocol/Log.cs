using Microsoft.Extensions.Logging;

namespace MiniDask.Protocol;

/// <summary>The connection events comms and listeners log.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Refused connection from {Remote}: {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Closing connection with {Remote} ({Peer}): {Reason}")]
    public static partial void ClosingForBadInput(ILogger logger, string remote, string peer, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "TLS handshake with {Remote} failed, closing it: {Reason}")]
    public static partial void TlsFailed(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Accepted connection from {Remote} ({Peer})")]
    public static partial void Accepted(ILogger logger, string remote, string peer);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Listening on {Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "Listener on {Address} stopped accepting: {Reason}")]
    public static partial void AcceptFailed(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Connection with {Remote} ({Peer}) lost: {Reason}")]
    public static partial void ConnectionLost(ILogger logger, string remote, string peer, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Listener on {Address} cannot accept ({Reason}); backing off and retrying, logged once until it accepts again")]
    public static partial void AcceptFailing(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Listener on {Address} accepting again after {Failures} failed accepts over {Seconds:0.0} s")]
    public static partial void AcceptResumed(ILogger logger, string address, int failures, double seconds);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Listener on {Address} is shedding connections: more than {Max} wait for their handshake, the oldest are closed first (logged once per burst)")]
    public static partial void SheddingConnections(ILogger logger, string address, int max);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Listener on {Address} stopped shedding: {Count} unauthenticated connections closed in the burst")]
    public static partial void StoppedShedding(ILogger logger, string address, int count);
}
