namespace MiniDask.Worker;

/// <summary>
/// Dask's worker memory monitor: the store spills by its own count of the values it holds, but
/// the process also holds task working sets, values in flight and the garbage collector's slack.
/// Past <see cref="SpillFraction"/> of the limit in process memory (resident memory above what the
/// process held idle when the worker started), it spills least recently used values until the
/// store holds no more than the excess allows and compacts the heap, so the freed blocks leave the
/// process instead of staying resident.
/// </summary>
internal sealed class ProcessMemoryMonitor
{
    /// <summary>Dask's <c>distributed.worker.memory.spill</c>: the process-memory fraction of the limit that triggers spilling.</summary>
    public const double SpillFraction = 0.7;

    /// <summary>Dask's <c>distributed.worker.memory.target</c>: the fraction spilling brings process memory back to.</summary>
    public const double TargetFraction = 0.6;

    private readonly MemoryStore store;
    private readonly long limit;
    private readonly Func<long> residentBytes;
    private readonly Action compact;

    /// <param name="store">The values to spill.</param>
    /// <param name="limit">The worker's memory limit in bytes (positive).</param>
    /// <param name="residentBytes">Reads the process's resident memory now.</param>
    /// <param name="compact">Compacts the heap after spilling (a full blocking GC).</param>
    public ProcessMemoryMonitor(MemoryStore store, long limit, Func<long> residentBytes, Action compact)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        this.store = store;
        this.limit = limit;
        this.residentBytes = residentBytes;
        this.compact = compact;
        Baseline = residentBytes();
    }

    /// <summary>The resident memory of the idle process, which the limit does not count.</summary>
    public long Baseline { get; }

    /// <summary>The process memory counted against the limit now.</summary>
    public long ProcessBytes => Math.Max(0, residentBytes() - Baseline);

    /// <summary>
    /// Whether process memory is past <paramref name="fraction"/> of the limit even after spilling
    /// (checked after <see cref="Check"/>): the worker should stop rather than grow further.
    /// </summary>
    public bool IsPast(double fraction, out long processBytes)
    {
        processBytes = ProcessBytes;
        return fraction > 0 && processBytes > (long)(limit * fraction);
    }

    /// <summary>Spills when process memory is past the spill fraction; returns the bytes spilled (0 when under it).</summary>
    public long Check()
    {
        var process = ProcessBytes;
        if (process <= (long)(limit * SpillFraction))
        {
            return 0;
        }

        var excess = process - (long)(limit * TargetFraction);
        var spilled = store.SpillDownTo(store.MemoryBytes - excess);
        if (spilled > 0)
        {
            compact();
        }

        return spilled;
    }
}
