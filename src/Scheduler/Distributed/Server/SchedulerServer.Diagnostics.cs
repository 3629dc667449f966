using System.Collections.Concurrent;
using MiniDask.Graph;
using MiniDask.Protocol;
using MiniDask.Scheduler.Diagnostics;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Diagnostics: the task stream and worker metrics the workers report, the dashboard's view of the
/// state machine, the dashboard itself, and the answers to clients' diagnostics requests.
/// </summary>
public sealed partial class SchedulerServer
{
    private readonly DiagnosticsRecorder recorder = new();
    private readonly ConcurrentDictionary<string, WorkerMeasures> measures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LogTail> workerLogs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> bandwidths = new(StringComparer.Ordinal);
    private IDashboard? dashboard;

    /// <summary>The dashboard's status page with its token, such as <c>http://127.0.0.1:8787/status?token=T</c>; null when none is served.</summary>
    public string? DashboardLink => dashboard?.Link;

    /// <summary>A read-only view of this scheduler for diagnostics (what the dashboard shows).</summary>
    public IClusterView View => new ServerView(this);

    private LogTail SchedulerLog => (LogTail)options.Comm.Logger;

    /// <summary>Starts the dashboard when the options ask for one and an implementation is deployed.</summary>
    private async Task StartDashboardAsync(CancellationToken cancellationToken)
    {
        if (options.DashboardAddress is not { } address)
        {
            return;
        }

        if ((options.DashboardHost ?? DashboardHosts.Default) is not { } host)
        {
            ServerLog.NoDashboard(Logger, address);
            return;
        }

        dashboard = await host.StartAsync(View, new DashboardOptions { Address = address, Token = options.Comm.Token, Logger = Logger }, cancellationToken)
            .ConfigureAwait(false);
        ServerLog.DashboardAt(Logger, dashboard.Address);
    }

    private async ValueTask StopDashboardAsync()
    {
        if (dashboard is not null)
        {
            await dashboard.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Records what a worker message adds to the task stream: a finished task's bar, an erred task, a memory sample.</summary>
    private void Record(string worker, Wire.WireMessage body)
    {
        switch (body)
        {
            case Wire.TaskFinished finished:
                var stop = UnixTime.Now;
                var start = finished.StartTime > 0 ? finished.StartTime : stop - finished.DurationSeconds;
                recorder.Add(new TaskStreamRecord(
                    finished.Key.ToString(), finished.Key.Name, worker, finished.Thread, "compute", start, start + finished.DurationSeconds, finished.NBytes));
                break;
            case Wire.TaskErred erred:
                var now = UnixTime.Now;
                recorder.Add(new TaskStreamRecord(erred.Key.ToString(), erred.Key.Name, worker, 0, "erred", now, now, 0));
                break;
            case Wire.Heartbeat heartbeat:
                var process = measures.TryGetValue(worker, out var m) ? m.Diagnostics.ProcessMemory : 0;
                recorder.Add(new MemorySample(UnixTime.Now, worker, heartbeat.MemoryBytes, heartbeat.SpilledBytes, process));
                if (heartbeat.Bandwidth > 0 && double.IsFinite(heartbeat.Bandwidth))
                {
                    bandwidths[worker] = heartbeat.Bandwidth;
                }

                break;
        }
    }

    /// <summary>Makes the task groups of a submitted graph known, in order, with their ops and the groups they read.</summary>
    private void SeeGroups(IReadOnlyDictionary<Key, TaskSpec> tasks)
    {
        foreach (var group in tasks.GroupBy(t => t.Key.Name, StringComparer.Ordinal))
        {
            var reads = group.SelectMany(t => t.Value.Dependencies).Select(d => d.Name).Where(n => n != group.Key).Distinct(StringComparer.Ordinal);
            recorder.SeeGroup(group.Key, group.First().Value.Op, reads);
        }
    }

    private void WorkerReported(string worker, Wire.WorkerDiagnostics report)
    {
        measures[worker] = new WorkerMeasures(report, options.Clock.MonotonicSeconds);
        foreach (var entry in report.Stream)
        {
            recorder.Add(new TaskStreamRecord(entry.Key, entry.Group, worker, entry.Thread, entry.Action, entry.Start, entry.Stop, entry.NBytes, entry.Peer));
        }

        var log = workerLogs.GetOrAdd(worker, _ => new LogTail(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));
        foreach (var line in report.LogLines)
        {
            log.Append(line);
        }
    }

    private void AnswerDiagnostics(ServerConnection connection, Wire.DiagnosticsRequest request, ulong requestId)
    {
        var page = request.Since >= 0 ? recorder.Since(request.Since, int.MaxValue) : new TaskStreamPage([], recorder.Cursor);
        var first = page.Records.Count > 0 ? page.Records.Min(r => r.Start) : double.MaxValue;
        connection.Post(new Message(new Wire.DiagnosticsReply
        {
            DashboardLink = DashboardLink ?? "",
            Cursor = page.Cursor,
            Stream = [.. page.Records.Select(ToEntry)],
            Memory = request.Since >= 0
                ? [.. recorder.MemorySince(first).Select(s => new Wire.MemorySampleEntry { Time = s.Time, Worker = s.Worker, Managed = s.Managed, Spilled = s.Spilled, Process = s.Process })]
                : [],
        })
        { RequestId = requestId });
    }

    private static Wire.TaskStreamEntry ToEntry(TaskStreamRecord r) => new()
    {
        Key = r.Key,
        Group = r.Group,
        Worker = r.Worker,
        Thread = r.Thread,
        Action = r.Action,
        Start = r.Start,
        Stop = r.Stop,
        NBytes = r.NBytes,
        Peer = r.Peer,
    };

    private static readonly int StateCount = Enum.GetValues<SchedulerTaskState>().Length;

    /// <summary>A state's name as Dask spells it: <c>no-worker</c>, <c>processing</c>.</summary>
    private static string StateName(SchedulerTaskState state) =>
        state == SchedulerTaskState.NoWorker ? "no-worker" : state.ToString().ToLowerInvariant();

    /// <summary>A worker's last diagnostics report and when it came (scheduler monotonic seconds).</summary>
    private sealed record WorkerMeasures(Wire.WorkerDiagnostics Diagnostics, double Time);

    /// <summary>The dashboard's view: snapshots taken under the server's lock.</summary>
    private sealed class ServerView(SchedulerServer server) : IClusterView
    {
        public string Kind => "distributed";

        public string SchedulerAddress => server.Address;

        public IReadOnlyList<WorkerSnapshot> Workers()
        {
            var now = server.options.Clock.MonotonicSeconds;
            return server.Inspect(state => state.Workers.Values
                .OrderBy(w => w.Address, StringComparer.Ordinal)
                .Select(w =>
                {
                    var info = server.workerInfo.GetValueOrDefault(w.Address);
                    var measured = server.measures.GetValueOrDefault(w.Address)?.Diagnostics;
                    return new WorkerSnapshot(w.Address, info?.Name ?? w.Address, w.NThreads, w.MemoryLimit)
                    {
                        Managed = info?.MemoryBytes ?? 0,
                        Spilled = info?.SpilledBytes ?? 0,
                        ProcessMemory = measured?.ProcessMemory ?? 0,
                        CpuPercent = measured?.CpuPercent ?? 0,
                        Bandwidth = server.bandwidths.GetValueOrDefault(w.Address),
                        Processing = w.Processing.Count,
                        Executing = info?.Executing ?? 0,
                        Paused = w.Paused,
                        SpillFraction = measured?.SpillFraction ?? 0,
                        PauseFraction = measured?.PauseFraction ?? 0,
                        LastHeartbeatAge = Math.Max(0, now - w.LastSeen),
                    };
                })
                .ToList());
        }

        public IReadOnlyList<TaskGroupSnapshot> TaskGroups()
        {
            var live = server.Inspect(state =>
            {
                var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
                foreach (var ts in state.Tasks.Values)
                {
                    if (!counts.TryGetValue(ts.Key.Name, out var c))
                    {
                        counts[ts.Key.Name] = c = new int[StateCount];
                    }

                    c[(int)ts.State]++;
                }

                return counts;
            });
            return [.. server.recorder.Groups().Select(g =>
            {
                var c = live.GetValueOrDefault(g.Name) ?? new int[StateCount];
                return g with
                {
                    Waiting = c[(int)SchedulerTaskState.Waiting],
                    Queued = c[(int)SchedulerTaskState.Queued] + c[(int)SchedulerTaskState.NoWorker],
                    Processing = c[(int)SchedulerTaskState.Processing],
                    Memory = c[(int)SchedulerTaskState.Memory],
                    Erred = Math.Max(g.Erred, c[(int)SchedulerTaskState.Erred]),
                };
            })];
        }

        public TaskStreamPage TaskStream(long cursor, int limit) => server.recorder.Since(cursor, limit);

        public IReadOnlyList<StoryEntry> Story(string key)
        {
            var offset = UnixTime.Now - server.options.Clock.MonotonicSeconds;
            return server.Inspect(state => state.TransitionLog
                .Where(r => r.Key.ToString() == key || r.Key.Name == key)
                .Select(r => new StoryEntry(r.Key.ToString(), Name(r.Start), Name(r.Finish), r.StimulusId, r.Time + offset, r.Worker))
                .ToList());
        }

        public IReadOnlyList<string> Logs(string? source) =>
            source is null ? server.SchedulerLog.Lines
            : server.workerLogs.TryGetValue(source, out var log) ? log.Lines
            : [];

        public IReadOnlyList<MemorySample> MemoryHistory(double since) => server.recorder.MemorySince(since);

        public ClusterMetrics Metrics()
        {
            var (byState, threads) = server.Inspect(state =>
            {
                var counts = Enum.GetValues<SchedulerTaskState>().ToDictionary(Name, _ => 0, StringComparer.Ordinal);
                foreach (var ts in state.Tasks.Values)
                {
                    counts[Name(ts.State)]++;
                }

                return (counts, state.Workers.Values.Sum(w => w.NThreads));
            });
            var workers = Workers();
            return server.recorder.Complete(new ClusterMetrics(
                byState, workers.Count, threads, workers.Sum(w => w.Managed), workers.Sum(w => w.Spilled), workers.Sum(w => w.ProcessMemory),
                0, 0, [], [], 0, 0));
        }

        private static string Name(SchedulerTaskState s) => StateName(s);
    }
}
