using MiniDask.Graph;
using MiniDask.Graph.Devices;
using MiniDask.Graph.Optimization;
using MiniDask.Scheduler.Diagnostics;

namespace MiniDask.Scheduler;

/// <summary>
/// Runs a graph on a pool of threads in this process (Dask's threaded scheduler). One scheduling
/// loop: dependency counters, a ready queue ordered by the graph's memory-aware priority, and
/// release of every intermediate result as soon as its last dependent has run, so a reduction
/// over many blocks holds only a few of them at a time. With an execution device (<c>cpu</c>,
/// <c>ilgpu-cpu</c>, <c>cuda:N</c>, <c>opencl:N</c>), which it passes to every task it runs, block ops that run on the device keep
/// their results in its memory from task to task; only the outputs are copied back to the host,
/// and released intermediates free their device memory.
/// </summary>
public sealed class LocalScheduler : IScheduler, IDisposable
{
    private readonly bool ownsDevice;
    private readonly LocalClusterView? view;
    private readonly IDashboard? dashboard;

    /// <summary>A scheduler using every core.</summary>
    public LocalScheduler()
        : this(Environment.ProcessorCount)
    {
    }

    /// <summary>A scheduler running tasks on <paramref name="threads"/> threads, on the host.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is less than 1.</exception>
    public LocalScheduler(int threads)
        : this(threads, null, ownsDevice: false)
    {
    }

    /// <summary>
    /// A scheduler running tasks on <paramref name="threads"/> threads with block math on the
    /// device named <paramref name="device"/>: <c>cpu</c> (the host's SIMD and BLAS), <c>ilgpu-cpu</c>
    /// (ILGPU's CPU accelerator), <c>cuda</c> (the first GPU), <c>cuda:N</c> or <c>opencl:N</c>; null
    /// runs on the host, as <see cref="LocalScheduler(int)"/> does.
    /// The scheduler opens the device and frees it on <see cref="Dispose"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is less than 1.</exception>
    /// <exception cref="DeviceUnavailableException">The device is not available here; the message says why (such as <c>libcuda.so.1 not found</c>).</exception>
    /// <exception cref="ArgumentException">The device name is none of those.</exception>
    public LocalScheduler(int threads, string? device, ExecutionDeviceOptions? deviceOptions = null)
        : this(CheckThreads(threads), device is null ? null : ExecutionDevices.Open(device, deviceOptions), ownsDevice: true)
    {
    }

    /// <summary>
    /// A scheduler running tasks on <paramref name="threads"/> threads with block math on
    /// <paramref name="device"/>, which stays the caller's to dispose (several schedulers may share one).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is less than 1.</exception>
    public LocalScheduler(int threads, IExecutionDevice device)
        : this(threads, device ?? throw new ArgumentNullException(nameof(device)), ownsDevice: false)
    {
    }

    /// <summary>
    /// A scheduler on <paramref name="threads"/> threads that, with <paramref name="dashboard"/>, serves the
    /// live dashboard of its computes (task stream, progress, memory) at <paramref name="dashboardAddress"/>
    /// (<see cref="DashboardOptions.DefaultAddress"/> when null; <c>127.0.0.1:0</c> for a free port), as
    /// the distributed scheduler does. The dashboard needs <c>MiniDask.Dashboard</c> deployed with the app.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">A dashboard is asked for and <c>MiniDask.Dashboard</c> cannot be loaded.</exception>
    /// <exception cref="FormatException">The dashboard address is malformed.</exception>
    public LocalScheduler(int threads, bool dashboard, string? dashboardAddress = null)
        : this(threads, null, ownsDevice: false)
    {
        if (!dashboard)
        {
            return;
        }

        var host = DashboardHosts.Default
            ?? throw new InvalidOperationException("The local scheduler's dashboard needs MiniDask.Dashboard: add a reference to it (the MiniDask package brings it).");
        view = new LocalClusterView(Threads);
        this.dashboard = host.StartAsync(view, new DashboardOptions { Address = dashboardAddress ?? DashboardOptions.DefaultAddress })
            .GetAwaiter().GetResult();
    }

    private LocalScheduler(int threads, IExecutionDevice? device, bool ownsDevice)
    {
        Threads = CheckThreads(threads);
        Device = device;
        this.ownsDevice = ownsDevice;
    }

    /// <summary>The dashboard's status page, such as <c>http://127.0.0.1:8787/status</c>; null when this scheduler serves none.</summary>
    public string? DashboardLink => dashboard?.Link;

    /// <summary>
    /// Measures a block of local computes, as Dask's <c>performance_report</c>: disposing the result writes
    /// <paramref name="path"/>, a self-contained HTML file with the tasks of every local compute in this process
    /// during the block (task stream, time per task group) and this process's CPU and memory over time.
    /// </summary>
    public static PerformanceReport PerformanceReport(string path)
    {
        var profiler = new Profiler();
        var resources = new ResourceProfiler();
        return new PerformanceReport(path, (start, stop) =>
        {
            profiler.Dispose();
            resources.Dispose();
            return Task.FromResult(new PerformanceReportData(
                "MiniDask performance report (local scheduler)", start, stop, profiler.Results, [], resources.Results));
        });
    }

    /// <summary>How many threads run tasks (the calling thread is one of them).</summary>
    public int Threads { get; }

    /// <summary>The device block math runs on; null when it runs on the host.</summary>
    public IExecutionDevice? Device { get; }

    /// <inheritdoc />
    public string Name => "local";

    /// <inheritdoc />
    public Task<object?[]> GetAsync(
        TaskGraph graph, IReadOnlyList<Key> keys, ComputeOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(
            () => Get(graph, keys, options, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default);

    /// <inheritdoc />
    public object?[] Get(
        TaskGraph graph, IReadOnlyList<Key> keys, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(keys);
        options ??= new ComputeOptions();
        cancellationToken.ThrowIfCancellationRequested();
        var prepared = GraphPreparation.Prepare(graph, keys, options, onDevice: Device is not null);
        ILocalTaskObserver[] observers = view is null ? LocalTaskObservers.Current : [view, .. LocalTaskObservers.Current];
        var run = new Run(ExecutionPlan.Build(prepared), ProgressReporter.Start(options.Progress), Device, cancellationToken, observers);
        return run.Execute(Threads);
    }

    /// <summary>Stops the dashboard, and frees the device the scheduler opened by name; a device given to it stays with its owner.</summary>
    public void Dispose()
    {
        dashboard?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (ownsDevice)
        {
            Device?.Dispose();
        }
    }

    private static int CheckThreads(int threads) => threads >= 1
        ? threads
        : throw new ArgumentOutOfRangeException(nameof(threads), threads, "A local scheduler needs at least 1 thread.");
}
