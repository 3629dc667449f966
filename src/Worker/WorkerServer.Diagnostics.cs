using System.Collections.Concurrent;
using System.Diagnostics;
using MiniDask.Graph;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Worker;

/// <summary>
/// What the worker tells the scheduler for its dashboard: which thread ran each task (sent with the
/// task's result), and once per heartbeat interval its CPU and process memory, the transfers it
/// made, and its new log lines.
/// </summary>
public sealed partial class WorkerServer
{
    private readonly ConcurrentDictionary<int, int> threadLanes = new();
    private readonly ConcurrentDictionary<Key, int> taskLanes = new();
    private readonly ConcurrentQueue<Wire.TaskStreamEntry> streamed = new();

    /// <summary>Notes the lane (0-based worker thread) of the task thread about to run <paramref name="key"/>.</summary>
    private void NoteLane(Key key) =>
        taskLanes[key] = threadLanes.GetOrAdd(Environment.CurrentManagedThreadId, _ => threadLanes.Count);

    /// <summary>The lane that ran <paramref name="key"/>, forgotten once asked.</summary>
    private int TakeLane(Key key) => taskLanes.TryRemove(key, out var lane) ? lane : 0;

    /// <summary>Adds a transfer bar for a fetch from a peer that started at <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    private void StreamTransfer(GatherDep gather, long bytes, long started)
    {
        var stop = UnixTime.Now;
        streamed.Enqueue(new Wire.TaskStreamEntry
        {
            Key = gather.Keys.Count > 0 ? gather.Keys[0].ToString() : "",
            Group = "transfer",
            Worker = Address,
            Action = "transfer",
            Start = stop - Stopwatch.GetElapsedTime(started).TotalSeconds,
            Stop = stop,
            NBytes = bytes,
            Peer = gather.Peer,
        });
    }

    private async Task DiagnosticsLoopAsync()
    {
        using var timer = new PeriodicTimer(heartbeatInterval);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wallBefore = Stopwatch.GetTimestamp();
        Store.Spilled += StreamSpill;
        long logCount = 0;
        try
        {
            // The first report goes out at once, so a dashboard shows a new worker's process memory from the start.
            do
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var wall = Stopwatch.GetElapsedTime(wallBefore).TotalSeconds;
                var percent = wall > 0 ? 100 * (cpu - cpuBefore).TotalSeconds / wall : 0;
                (cpuBefore, wallBefore) = (cpu, Stopwatch.GetTimestamp());
                var (lines, written) = options.Comm.Logger is LogTail tail ? tail.Since(logCount) : ([], 0);
                logCount = written;
                List<Wire.TaskStreamEntry> entries = [];
                while (streamed.TryDequeue(out var entry))
                {
                    entries.Add(entry);
                }

                var report = new Wire.WorkerDiagnostics
                {
                    CpuPercent = Math.Round(percent, 1),
                    ProcessMemory = Environment.WorkingSet,
                    SpillFraction = options.SpillFraction,
                    PauseFraction = options.PauseFraction,
                    Stream = [.. entries],
                    LogLines = [.. lines],
                };
                await SendToSchedulerAsync([new Message(report)]).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stopping.Token).ConfigureAwait(false));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or CommClosedException)
        {
            // Stopping, or the scheduler loop reports the lost connection.
        }
    }

    /// <summary>Adds a spill bar: <paramref name="bytes"/> written to disk from <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp) until now.</summary>
    private void StreamSpill(long bytes, long started)
    {
        var stop = UnixTime.Now;
        streamed.Enqueue(new Wire.TaskStreamEntry
        {
            Key = "spill",
            Group = "spill",
            Worker = Address,
            Action = "spill",
            Start = stop - Stopwatch.GetElapsedTime(started).TotalSeconds,
            Stop = stop,
            NBytes = bytes,
        });
    }
}
