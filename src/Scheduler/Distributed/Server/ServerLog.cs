using Microsoft.Extensions.Logging;

namespace MiniDask.Scheduler.Distributed;

/// <summary>The events the scheduler server and the worker shells log.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Closing connection {Connection}: {Reason}")]
    public static partial void ClosingConnection(ILogger logger, string connection, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Worker {Address} ('{Name}', {Threads} threads) joined")]
    public static partial void WorkerJoined(ILogger logger, string address, string name, int threads);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Worker {Address} left ({Reason})")]
    public static partial void WorkerLeft(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Client {Owner} uploaded {Files} file(s), {Bytes} bytes, for the workers")]
    public static partial void CodeUploaded(ILogger logger, string owner, int files, long bytes);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Refused graph {Client} from {Connection}: {Reason}")]
    public static partial void RefusedGraph(ILogger logger, string client, string connection, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "Scheduler loop failed: {Reason}")]
    public static partial void LoopFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 170, Level = LogLevel.Information, Message = "Dashboard at {Address}")]
    public static partial void DashboardAt(ILogger logger, string address);

    [LoggerMessage(EventId = 171, Level = LogLevel.Warning, Message = "No dashboard at {Address}: MiniDask.Dashboard is not deployed with this program")]
    public static partial void NoDashboard(ILogger logger, string address);
}
