using System.Diagnostics;
using MiniDask.Graph;
using MiniDask.Protocol;

namespace MiniDask.Scheduler.Diagnostics;

/// <summary>
/// The dashboard's view of a <see cref="LocalScheduler"/>: one worker (this process) with the
/// scheduler's threads, the task groups of its computes, the task stream, and the process's memory.
/// A task's story here is what the local scheduler knows: when it started and when it finished.
/// </summary>
internal sealed class LocalClusterView(int threads) : IClusterView, ILocalTaskObserver
{
    private const string Worker = "local";
    private readonly DiagnosticsRecorder recorder = new();
    private readonly object gate = new();
    private readonly Dictionary<string, int[]> live = new(StringComparer.Ordinal);
    private readonly Stopwatch sinceSample = Stopwatch.StartNew();
    private TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    private long wallBefore = Stopwatch.GetTimestamp();
    private double cpuPercent;

    public string Kind => "local";

    public string SchedulerAddress => "local";

    public void RunStarted(TaskGraph graph)
    {
        lock (gate)
        {
            live.Clear();
            for (var i = 0; i < graph.Count; i++)
            {
                var key = graph.KeyAt(i);
                if (!live.TryGetValue(key.Name, out var counts))
                {
                    live[key.Name] = counts = new int[3];
                    var reads = graph.DependenciesAt(i).ToArray().Select(d => graph.KeyAt(d).Name).Where(n => n != key.Name);
                    recorder.SeeGroup(key.Name, graph.TaskAt(i).Op, reads);
                }

                counts[0]++;
            }
        }
    }

    public void TaskStarted(Key key, int thread)
    {
        lock (gate)
        {
            if (live.TryGetValue(key.Name, out var counts))
            {
                counts[1]++;
            }
        }
    }

    public void TaskFinished(Key key, string op, int thread, double start, double stop, bool failed)
    {
        lock (gate)
        {
            if (live.TryGetValue(key.Name, out var counts))
            {
                counts[2]++;
            }
        }

        recorder.Add(new TaskStreamRecord(key.ToString(), key.Name, Worker, thread, failed ? "erred" : "compute", start, stop, 0));
        if (sinceSample.Elapsed > TimeSpan.FromSeconds(0.5))
        {
            sinceSample.Restart();
            recorder.Add(new MemorySample(stop, Worker, 0, 0, Environment.WorkingSet));
        }
    }

    public IReadOnlyList<WorkerSnapshot> Workers()
    {
        int processing;
        lock (gate)
        {
            processing = live.Values.Sum(c => c[1] - c[2]);
            using var process = Process.GetCurrentProcess();
            var wall = Stopwatch.GetElapsedTime(wallBefore).TotalSeconds;
            if (wall > 0.2)
            {
                cpuPercent = Math.Round(100 * (process.TotalProcessorTime - cpuBefore).TotalSeconds / wall, 1);
                (cpuBefore, wallBefore) = (process.TotalProcessorTime, Stopwatch.GetTimestamp());
            }
        }

        return [new WorkerSnapshot(Worker, "local scheduler", threads, 0)
        {
            ProcessMemory = Environment.WorkingSet,
            CpuPercent = cpuPercent,
            Processing = processing,
            Executing = processing,
        }];
    }

    public IReadOnlyList<TaskGroupSnapshot> TaskGroups()
    {
        lock (gate)
        {
            return [.. recorder.Groups().Select(g => live.TryGetValue(g.Name, out var c)
                ? g with { Waiting = c[0] - c[1], Processing = c[1] - c[2] }
                : g)];
        }
    }

    public TaskStreamPage TaskStream(long cursor, int limit) => recorder.Since(cursor, limit);

    public IReadOnlyList<StoryEntry> Story(string key) =>
        [.. recorder.Since(0, int.MaxValue).Records
            .Where(r => r.Key == key && r.Action is "compute" or "erred")
            .SelectMany(r => new[]
            {
                new StoryEntry(r.Key, "waiting", "processing", "local-run", r.Start, Worker),
                new StoryEntry(r.Key, "processing", r.Action == "erred" ? "erred" : "memory", "local-run", r.Stop, Worker),
            })];

    public IReadOnlyList<string> Logs(string? source) => [];

    public IReadOnlyList<MemorySample> MemoryHistory(double since) => recorder.MemorySince(since);

    public ClusterMetrics Metrics()
    {
        Dictionary<string, int> byState;
        lock (gate)
        {
            byState = new(StringComparer.Ordinal)
            {
                ["waiting"] = live.Values.Sum(c => c[0] - c[1]),
                ["processing"] = live.Values.Sum(c => c[1] - c[2]),
            };
        }

        return recorder.Complete(new ClusterMetrics(byState, 1, threads, 0, 0, Environment.WorkingSet, 0, 0, [], [], 0, 0));
    }
}
