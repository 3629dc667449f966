namespace MiniDask.Scheduler.Diagnostics;

/// <summary>
/// A block measured for a performance report, as Dask's <c>performance_report</c>: made by
/// <c>client.PerformanceReport(path)</c> or <see cref="LocalScheduler.PerformanceReport"/>; disposing it
/// collects what ran since it was made and writes the self-contained HTML file.
/// </summary>
/// <example>
/// <code>
/// await using (client.PerformanceReport("report.html"))
/// {
///     total = client.Compute(x.Sum());
/// }
/// </code>
/// </example>
public sealed class PerformanceReport : IDisposable, IAsyncDisposable
{
    private readonly Func<double, double, Task<PerformanceReportData>> collect;
    private readonly double start = MiniDask.Protocol.UnixTime.Now;
    private int disposed;

    internal PerformanceReport(string path, Func<double, double, Task<PerformanceReportData>> collect)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        this.collect = collect;
    }

    /// <summary>The file it writes.</summary>
    public string Path { get; }

    /// <summary>What the report showed, once written; null before.</summary>
    public PerformanceReportData? Data { get; private set; }

    /// <summary>Collects the block's diagnostics and writes the report.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Collects the block's diagnostics and writes the report.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        Data = await collect(start, MiniDask.Protocol.UnixTime.Now).ConfigureAwait(false);
        PerformanceReportHtml.Write(Path, Data);
    }
}
