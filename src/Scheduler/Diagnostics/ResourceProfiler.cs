using System.Diagnostics;
using MiniDask.Protocol;

namespace MiniDask.Scheduler.Diagnostics;

/// <summary>
/// Samples this process's CPU and memory at a fixed interval while active, as Dask's
/// <c>dask.diagnostics.ResourceProfiler</c>: from construction until disposed. Render with
/// <see cref="Visualize"/>, or together with a <see cref="Profiler"/>'s tasks.
/// </summary>
public sealed class ResourceProfiler : IDisposable
{
    private readonly List<ResourceSample> samples = [];
    private readonly Process process = Process.GetCurrentProcess();
    private readonly Timer timer;
    private TimeSpan cpuBefore;
    private long wallBefore;
    private int disposed;
    private bool stopped;

    /// <summary>Starts sampling every <paramref name="interval"/> (0.1 s when null, as Dask's <c>dt</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not positive.</exception>
    public ResourceProfiler(TimeSpan? interval = null)
    {
        var every = interval ?? TimeSpan.FromSeconds(0.1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(every, TimeSpan.Zero, nameof(interval));
        cpuBefore = process.TotalProcessorTime;
        wallBefore = Stopwatch.GetTimestamp();
        Sample();
        timer = new Timer(_ => Sample(), null, every, every);
    }

    /// <summary>The samples so far, oldest first.</summary>
    public IReadOnlyList<ResourceSample> Results
    {
        get
        {
            lock (samples)
            {
                return [.. samples];
            }
        }
    }

    /// <summary>Writes the samples as a self-contained HTML file with the CPU and memory plot.</summary>
    /// <returns>The full path written.</returns>
    public string Visualize(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var results = Results;
        PerformanceReportHtml.Write(path, new PerformanceReportData("MiniDask resource profile", results[0].Time, results[^1].Time, [], [], results));
        return Path.GetFullPath(path);
    }

    /// <summary>Stops sampling, after one last sample; the samples stay readable.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        timer.Dispose();
        lock (samples)
        {
            Sample();
            stopped = true;
            process.Dispose();
        }
    }

    private void Sample()
    {
        lock (samples)
        {
            if (stopped)
            {
                // A timer callback that was already on its way when the profiler stopped.
                return;
            }

            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var wall = Stopwatch.GetElapsedTime(wallBefore).TotalSeconds;
            var percent = wall > 0 && samples.Count > 0 ? 100 * (cpu - cpuBefore).TotalSeconds / wall : 0;
            (cpuBefore, wallBefore) = (cpu, Stopwatch.GetTimestamp());
            samples.Add(new ResourceSample(UnixTime.Now, Math.Round(percent, 1), process.WorkingSet64));
        }
    }
}
