using Microsoft.Extensions.Logging;

namespace MiniDask.Worker;

/// <summary>The events a worker logs.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Worker {Address} stopping: {Reason}")]
    public static partial void Stopping(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Closing peer connection {Remote}: {Reason}")]
    public static partial void ClosingPeer(ILogger logger, string remote, string reason);
}
