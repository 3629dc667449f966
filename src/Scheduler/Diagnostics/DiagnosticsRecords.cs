namespace MiniDask.Scheduler.Diagnostics;

/// <summary>
/// One bar of the task stream (Dask's <c>get_task_stream</c> record): a task computed, data
/// transferred from a peer, or results spilled, on one thread of one worker.
/// </summary>
/// <param name="Key">The task's key as text; for a transfer, the first key fetched.</param>
/// <param name="Group">The key's name (its task group); for transfers and spills, the action.</param>
/// <param name="Worker">The worker it ran on (<c>local</c> on the local scheduler).</param>
/// <param name="Thread">The worker thread, from 0.</param>
/// <param name="Action"><c>compute</c>, <c>transfer</c>, <c>spill</c> or <c>erred</c>.</param>
/// <param name="Start">Start, in Unix seconds.</param>
/// <param name="Stop">Stop, in Unix seconds.</param>
/// <param name="NBytes">Bytes produced, moved or spilled.</param>
/// <param name="Peer">For a transfer, the worker the data came from.</param>
public sealed record TaskStreamRecord(
    string Key, string Group, string Worker, int Thread, string Action, double Start, double Stop, long NBytes, string Peer = "")
{
    /// <summary>Stop minus start, in seconds.</summary>
    public double Duration => Stop - Start;
}

/// <summary>A page of the task stream: records after a cursor, and the cursor to ask from next.</summary>
/// <param name="Records">The records, oldest first.</param>
/// <param name="Cursor">The cursor after the last record.</param>
public sealed record TaskStreamPage(IReadOnlyList<TaskStreamRecord> Records, long Cursor);

/// <summary>What the dashboard shows of one worker.</summary>
/// <param name="Address">Its address.</param>
/// <param name="Name">Its name.</param>
/// <param name="Threads">Task threads.</param>
/// <param name="MemoryLimit">Its memory limit in bytes; 0 for none.</param>
public sealed record WorkerSnapshot(string Address, string Name, int Threads, long MemoryLimit)
{
    /// <summary>Bytes of results held in memory (Dask's managed memory), as the last heartbeat said.</summary>
    public long Managed { get; init; }

    /// <summary>Bytes of results spilled to disk.</summary>
    public long Spilled { get; init; }

    /// <summary>The process's resident memory.</summary>
    public long ProcessMemory { get; init; }

    /// <summary>Process memory not accounted for by results: runtime, code, buffers (at least 0).</summary>
    public long Unmanaged => Math.Max(0, ProcessMemory - Managed);

    /// <summary>CPU used, in percent of one core.</summary>
    public double CpuPercent { get; init; }

    /// <summary>Transfer bandwidth from peers, bytes per second; 0 until measured.</summary>
    public double Bandwidth { get; init; }

    /// <summary>Tasks processing on it (sent, not finished).</summary>
    public int Processing { get; init; }

    /// <summary>Tasks executing now.</summary>
    public int Executing { get; init; }

    /// <summary>Whether it paused new work for memory.</summary>
    public bool Paused { get; init; }

    /// <summary>The fraction of the limit past which it spills.</summary>
    public double SpillFraction { get; init; }

    /// <summary>The fraction of the limit past which it pauses.</summary>
    public double PauseFraction { get; init; }

    /// <summary>Seconds since its last heartbeat.</summary>
    public double LastHeartbeatAge { get; init; }
}

/// <summary>The tasks of one task group (one key name) by state, for the progress bars.</summary>
/// <param name="Name">The key name.</param>
/// <param name="Op">The op its tasks run.</param>
public sealed record TaskGroupSnapshot(string Name, string Op)
{
    /// <summary>Waiting for dependencies.</summary>
    public int Waiting { get; init; }

    /// <summary>Queued at the scheduler, or waiting for a worker.</summary>
    public int Queued { get; init; }

    /// <summary>Processing on a worker.</summary>
    public int Processing { get; init; }

    /// <summary>Held in memory now.</summary>
    public int Memory { get; init; }

    /// <summary>Failed.</summary>
    public int Erred { get; init; }

    /// <summary>Finished so far, including results released since.</summary>
    public int Finished { get; init; }

    /// <summary>Seconds its tasks ran, summed.</summary>
    public double Duration { get; init; }

    /// <summary>The groups whose results its tasks read.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>Finished and erred tasks over all tasks seen, 0 to 100.</summary>
    public double Percent
    {
        get
        {
            var total = Finished + Erred + Waiting + Queued + Processing;
            return total == 0 ? 0 : Math.Round(100.0 * (Finished + Erred) / total, 1);
        }
    }
}

/// <summary>One transition of a task's story.</summary>
/// <param name="Key">The key.</param>
/// <param name="Start">The state left.</param>
/// <param name="Finish">The state entered.</param>
/// <param name="StimulusId">The stimulus that caused it.</param>
/// <param name="Time">Unix seconds.</param>
/// <param name="Worker">The worker involved, if any.</param>
public sealed record StoryEntry(string Key, string Start, string Finish, string StimulusId, double Time, string? Worker);

/// <summary>Memory of one worker at one time.</summary>
/// <param name="Time">Unix seconds.</param>
/// <param name="Worker">The worker.</param>
/// <param name="Managed">Bytes of results in memory.</param>
/// <param name="Spilled">Bytes spilled.</param>
/// <param name="Process">Process resident memory.</param>
public sealed record MemorySample(double Time, string Worker, long Managed, long Spilled, long Process);

/// <summary>The counters behind <c>/metrics</c>.</summary>
/// <param name="TasksByState">Tasks the scheduler holds, by state name.</param>
/// <param name="Workers">Workers connected.</param>
/// <param name="Threads">Their threads.</param>
/// <param name="ManagedBytes">Results in memory over all workers.</param>
/// <param name="SpilledBytes">Bytes spilled over all workers.</param>
/// <param name="ProcessBytes">Resident memory over all workers.</param>
/// <param name="Transfers">Transfers between workers so far.</param>
/// <param name="TransferBytes">Bytes they moved.</param>
/// <param name="DurationBuckets">Upper bounds (seconds) of the task-duration histogram's buckets.</param>
/// <param name="DurationCounts">Cumulative count of tasks at or under each bound.</param>
/// <param name="DurationCount">Tasks measured.</param>
/// <param name="DurationSum">Their durations summed, in seconds.</param>
public sealed record ClusterMetrics(
    IReadOnlyDictionary<string, int> TasksByState,
    int Workers,
    int Threads,
    long ManagedBytes,
    long SpilledBytes,
    long ProcessBytes,
    long Transfers,
    long TransferBytes,
    IReadOnlyList<double> DurationBuckets,
    IReadOnlyList<long> DurationCounts,
    long DurationCount,
    double DurationSum);

/// <summary>One sample of a <see cref="ResourceProfiler"/>: this process's CPU and memory.</summary>
/// <param name="Time">Unix seconds.</param>
/// <param name="CpuPercent">CPU used since the previous sample, in percent of one core.</param>
/// <param name="Memory">Resident memory in bytes.</param>
public sealed record ResourceSample(double Time, double CpuPercent, long Memory);
