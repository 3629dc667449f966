using MiniDask.Protocol;
using MiniDask.Scheduler.Diagnostics;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Diagnostics from the scheduler: the dashboard's link, the task stream and performance reports.
/// Each request goes over a short connection of its own, so it never waits behind results.
/// </summary>
public sealed partial class Client
{
    private readonly CommOptions diagnosticsComm;
    private string? dashboardLink;

    /// <summary>
    /// The scheduler's dashboard (its status page, with <c>?token=</c> when the cluster has one), such as
    /// <c>http://127.0.0.1:8787/status</c>; null when the scheduler serves none. Asked once, then remembered.
    /// </summary>
    /// <exception cref="IOException">The scheduler cannot be reached.</exception>
    public string? DashboardLink
    {
        get
        {
            dashboardLink ??= AskAsync(-1, CancellationToken.None).GetAwaiter().GetResult().DashboardLink;
            return dashboardLink.Length == 0 ? null : dashboardLink;
        }
    }

    /// <summary>
    /// The task stream the scheduler has kept (Dask's <c>get_task_stream</c>): every task computed, transfer and
    /// spill, oldest first, after <paramref name="cursor"/> (0 for all kept; see <see cref="TaskStreamCursorAsync"/>).
    /// Tasks are there once their results are; transfers and spills arrive with the workers' next heartbeat.
    /// </summary>
    /// <exception cref="IOException">The scheduler cannot be reached.</exception>
    public IReadOnlyList<TaskStreamRecord> GetTaskStream(long cursor = 0) =>
        GetTaskStreamAsync(cursor).GetAwaiter().GetResult();

    /// <inheritdoc cref="GetTaskStream"/>
    public async Task<IReadOnlyList<TaskStreamRecord>> GetTaskStreamAsync(long cursor = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cursor);
        var reply = await AskAsync(cursor, cancellationToken).ConfigureAwait(false);
        return [.. reply.Stream.Select(ToRecord)];
    }

    /// <summary>The task stream's cursor now: pass it to <see cref="GetTaskStream"/> later for what ran in between.</summary>
    public async Task<long> TaskStreamCursorAsync(CancellationToken cancellationToken = default) =>
        (await AskAsync(-1, cancellationToken).ConfigureAwait(false)).Cursor;

    /// <summary>
    /// Measures a block, as Dask's <c>performance_report</c>: disposing the result writes <paramref name="path"/>, a
    /// self-contained HTML file (task stream, time per task group, transfers, worker memory over time).
    /// </summary>
    /// <exception cref="IOException">The scheduler cannot be reached.</exception>
    public PerformanceReport PerformanceReport(string path)
    {
        var cursor = TaskStreamCursorAsync().GetAwaiter().GetResult();
        return new PerformanceReport(path, async (start, stop) =>
        {
            var reply = await AskAsync(cursor, CancellationToken.None).ConfigureAwait(false);
            var memory = reply.Memory
                .Where(m => m.Time >= start && m.Time <= stop + 1)
                .Select(m => new MemorySample(m.Time, m.Worker, m.Managed, m.Spilled, m.Process))
                .ToList();
            var stream = reply.Stream.Select(ToRecord).ToList();
            return new PerformanceReportData($"MiniDask performance report ({SchedulerAddress})", Math.Min(start, stream.Select(r => r.Start).DefaultIfEmpty(start).Min()),
                Math.Max(stop, stream.Select(r => r.Stop).DefaultIfEmpty(stop).Max()), stream, memory, []);
        });
    }

    private static TaskStreamRecord ToRecord(Wire.TaskStreamEntry e) =>
        new(e.Key, e.Group, e.Worker, e.Thread, e.Action, e.Start, e.Stop, e.NBytes, e.Peer);

    private async Task<Wire.DiagnosticsReply> AskAsync(long since, CancellationToken cancellationToken)
    {
        await using var comm = await Comm.ConnectAsync(SchedulerAddress, diagnosticsComm, cancellationToken).ConfigureAwait(false);
        await comm.SendAsync(new Message(new Wire.DiagnosticsRequest { Since = since }) { RequestId = 1 }, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var message = await comm.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            switch (message.Body)
            {
                case Wire.DiagnosticsReply reply:
                    await comm.SendAsync(new Message(new Wire.Close { Reason = "diagnostics read" }), cancellationToken).ConfigureAwait(false);
                    return reply;
                case Wire.Ping:
                    continue;
                default:
                    throw new ProtocolException($"Scheduler {SchedulerAddress} answered a diagnostics request with {message.Body}.");
            }
        }
    }
}
