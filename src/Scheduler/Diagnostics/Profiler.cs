using MiniDask.Graph;

namespace MiniDask.Scheduler.Diagnostics;

/// <summary>
/// Records every task the local scheduler runs in this process while it is active, as Dask's
/// <c>dask.diagnostics.Profiler</c>: key, group, thread, start and end. Active from construction until
/// disposed; render the records with <see cref="Visualize"/>.
/// </summary>
/// <example>
/// <code>
/// using (var profiler = new Profiler())
/// {
///     x.Sum().Compute();
///     profiler.Visualize("profile.html");
/// }
/// </code>
/// </example>
public sealed class Profiler : IDisposable
{
    private readonly Observer observer;
    private readonly double started = MiniDask.Protocol.UnixTime.Now;
    private int disposed;

    /// <summary>Starts recording.</summary>
    public Profiler()
    {
        observer = new Observer();
        LocalTaskObservers.Add(observer);
    }

    /// <summary>The tasks run so far, in the order they finished (worker <c>local</c>, thread from 0).</summary>
    public IReadOnlyList<TaskStreamRecord> Results
    {
        get
        {
            lock (observer.Records)
            {
                return [.. observer.Records];
            }
        }
    }

    /// <summary>Forgets the records so far.</summary>
    public void Clear()
    {
        lock (observer.Records)
        {
            observer.Records.Clear();
        }
    }

    /// <summary>
    /// Writes the records as a self-contained HTML file (task stream and time per task group), with
    /// <paramref name="resources"/>' CPU and memory plot when given, as Dask's <c>visualize([prof, rprof])</c>.
    /// </summary>
    /// <returns>The full path written.</returns>
    public string Visualize(string path, ResourceProfiler? resources = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var records = Results;
        var samples = resources?.Results ?? [];
        var start = records.Select(r => r.Start).Concat(samples.Select(s => s.Time)).DefaultIfEmpty(started).Min();
        var stop = records.Select(r => r.Stop).Concat(samples.Select(s => s.Time)).DefaultIfEmpty(MiniDask.Protocol.UnixTime.Now).Max();
        PerformanceReportHtml.Write(path, new PerformanceReportData("MiniDask profile", start, stop, records, [], samples));
        return Path.GetFullPath(path);
    }

    /// <summary>Stops recording; the records stay readable.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            LocalTaskObservers.Remove(observer);
        }
    }

    private sealed class Observer : ILocalTaskObserver
    {
        public List<TaskStreamRecord> Records { get; } = [];

        public void RunStarted(TaskGraph graph)
        {
        }

        public void TaskStarted(Key key, int thread)
        {
        }

        public void TaskFinished(Key key, string op, int thread, double start, double stop, bool failed)
        {
            lock (Records)
            {
                Records.Add(new TaskStreamRecord(key.ToString(), key.Name, "local", thread, failed ? "erred" : "compute", start, stop, 0));
            }
        }
    }
}
