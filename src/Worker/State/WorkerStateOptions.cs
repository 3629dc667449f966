namespace MiniDask.Worker;

/// <summary>Who a worker is and how it runs: threads, memory and transfer limits.</summary>
/// <param name="Address">The worker's own address, as peers and the scheduler name it.</param>
/// <param name="NThreads">How many tasks run at once; at least 1.</param>
public sealed record WorkerStateOptions(string Address, int NThreads)
{
    /// <summary>The memory limit in bytes; 0 for none (the worker never pauses).</summary>
    public long MemoryLimit { get; init; }

    /// <summary>Above this fraction of <see cref="MemoryLimit"/> the worker pauses: it starts no task and no transfer.</summary>
    public double PauseFraction { get; init; } = 0.8;

    /// <summary>
    /// Dask's <c>distributed.worker.memory.transfer</c>: the fraction of <see cref="MemoryLimit"/>
    /// that values being fetched from peers may take at once. A new transfer starts only while the
    /// bytes in flight are under it (one transfer always may, so a large value still arrives), so
    /// fetching many dependencies at once cannot push the worker past its limit.
    /// </summary>
    public double TransferFraction { get; init; } = 0.1;

    /// <summary>How many transfers may be in flight from one peer at once.</summary>
    public int MaxFlightsPerPeer { get; init; } = 1;

    /// <summary>How many transfers may be in flight from all peers at once.</summary>
    public int MaxConcurrentFlights { get; init; } = 4;

    /// <summary>A transfer from one peer bundles further keys it holds while the total stays under this many bytes.</summary>
    public long TransferMessageTargetBytes { get; init; } = 50_000_000;

    /// <summary>How many transitions the log keeps; older ones are dropped first.</summary>
    public int TransitionLogLength { get; init; } = 100_000;
}
