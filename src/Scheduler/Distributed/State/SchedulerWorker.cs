namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// The scheduler's record of one live worker (Dask's <c>WorkerState</c> on the scheduler side):
/// its threads, the tasks sent to it, the results it holds and when it was last heard from.
/// Read-only outside <see cref="SchedulerState"/>.
/// </summary>
public sealed class SchedulerWorker
{
    internal SchedulerWorker(string address, int nthreads, long memoryLimit, double lastSeen, string name = "", IReadOnlyDictionary<string, double>? resources = null)
    {
        Address = address;
        NThreads = nthreads;
        MemoryLimit = memoryLimit;
        LastSeen = lastSeen;
        Name = name;
        Resources = resources is null ? new Dictionary<string, double>(StringComparer.Ordinal) : new Dictionary<string, double>(resources, StringComparer.Ordinal);
    }

    /// <summary>The worker's name (task restrictions may name it instead of its address); empty when it has none.</summary>
    public string Name { get; }

    /// <summary>The abstract resources it offers, such as <c>GPU = 1</c>.</summary>
    public IReadOnlyDictionary<string, double> Resources { get; }

    /// <summary>The resources held by the tasks processing on it now.</summary>
    public IReadOnlyDictionary<string, double> UsedResources => UsedResourceMap;

    /// <summary>The worker's address, which names it in every stimulus and instruction.</summary>
    public string Address { get; }

    /// <summary>How many tasks it runs at once.</summary>
    public int NThreads { get; }

    /// <summary>Its memory limit in bytes; 0 for none.</summary>
    public long MemoryLimit { get; }

    /// <summary>The tasks processing on it, with the duration (seconds) expected for each when it was sent.</summary>
    public IReadOnlyDictionary<SchedulerTask, double> Processing => ProcessingMap;

    /// <summary>
    /// The processing tasks that seceded from its thread pool (Dask's <c>long_running</c>): they run
    /// on without a thread, so they take no slot and add nothing to <see cref="Occupancy"/>.
    /// </summary>
    public IReadOnlySet<SchedulerTask> LongRunning => LongRunningSet;

    /// <summary>The sum of the expected durations of the tasks processing on it, in seconds.</summary>
    public double Occupancy { get; internal set; }

    /// <summary>The results it holds.</summary>
    public IReadOnlySet<SchedulerTask> HasWhat => HasWhatSet;

    /// <summary>The total size of the results it holds, in bytes.</summary>
    public long NBytes { get; internal set; }

    /// <summary>The memory it reported in its last heartbeat, in bytes.</summary>
    public long ReportedMemory { get; internal set; }

    /// <summary>The keys it reported as executing in its last heartbeat (only those still processing on it).</summary>
    public IReadOnlySet<SchedulerTask> Executing => ExecutingSet;

    /// <summary>The scheduler's monotonic time when it was last heard from.</summary>
    public double LastSeen { get; internal set; }

    /// <summary>Whether the worker said it paused new work (memory past its pause fraction): the scheduler places nothing there until it resumes, and idle workers may steal what waits on it.</summary>
    public bool Paused { get; internal set; }

    /// <summary>Whether the worker is being retired: its data moves to other workers and no new task is placed on it.</summary>
    public bool Retiring { get; internal set; }

    /// <summary>Whether new tasks may be placed on it: it is neither paused nor retiring.</summary>
    public bool TakesWork => !Paused && !Retiring;

    internal Dictionary<SchedulerTask, double> ProcessingMap { get; } = [];

    /// <summary>The root task placed here last; the queue gives this worker the rest of its family first.</summary>
    internal SchedulerTask? LastRoot { get; set; }

    internal HashSet<SchedulerTask> HasWhatSet { get; } = [];

    internal HashSet<SchedulerTask> ExecutingSet { get; } = [];

    internal HashSet<SchedulerTask> LongRunningSet { get; } = [];

    internal Dictionary<string, double> UsedResourceMap { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"<SchedulerWorker {Address} nthreads={NThreads} processing={ProcessingMap.Count}>";
}
