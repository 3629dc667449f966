using Microsoft.Extensions.Logging;

namespace MiniDask.Worker;

/// <summary>The events a worker logs.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Worker {Address} stopping: {Reason}")]
    public static partial void Stopping(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Closing peer connection {Remote}: {Reason}")]
    public static partial void ClosingPeer(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Loaded {Files} uploaded file(s) of client {Owner}")]
    public static partial void CodeLoaded(ILogger logger, string owner, int files);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Unloaded the code of client {Owner}")]
    public static partial void CodeUnloaded(ILogger logger, string owner);

    [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "Purged {Directory}, left by a worker that is gone (its lock was free)")]
    public static partial void PurgedStaleDirectory(ILogger logger, string directory);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "Cannot purge stale worker directory {Directory}: {Reason}")]
    public static partial void CannotPurge(ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = 207, Level = LogLevel.Error, Message = "Worker {Address} is out of memory and stops so that a fresh process takes its place: {Reason}")]
    public static partial void OutOfMemory(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 217, Level = LogLevel.Warning, Message = "Worker {Address} lost its scheduler at {Scheduler} ({Reason}); reconnecting for up to {Seconds} s")]
    public static partial void Reconnecting(ILogger logger, string address, string scheduler, string reason, double seconds);

    [LoggerMessage(EventId = 218, Level = LogLevel.Information, Message = "Worker {Address} registered again with the scheduler at {Scheduler} after {Seconds:0.0} s, reporting the {Held} results it holds")]
    public static partial void Reconnected(ILogger logger, string address, string scheduler, double seconds, int held);

    [LoggerMessage(EventId = 219, Level = LogLevel.Warning, Message = "Worker {Address} could not fetch replicas from {Peer}: {Reason}")]
    public static partial void ReplicaFetchFailed(ILogger logger, string address, string peer, string reason);
}
