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
}
