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
}
