namespace MiniDask.Scheduler.Distributed;

/// <summary>What the scheduler server last heard from a worker: its registration and its latest heartbeat.</summary>
/// <param name="Address">The worker's address.</param>
/// <param name="Name">The worker's name.</param>
/// <param name="NThreads">How many tasks it runs at once.</param>
/// <param name="MemoryLimit">Its memory limit in bytes; 0 for none.</param>
public sealed record WorkerInfo(string Address, string Name, int NThreads, long MemoryLimit)
{
    /// <summary>Bytes of results held in memory, at the last heartbeat.</summary>
    public long MemoryBytes { get; init; }

    /// <summary>Bytes of results spilled to disk so far, at the last heartbeat.</summary>
    public long SpilledBytes { get; init; }

    /// <summary>Tasks executing, at the last heartbeat.</summary>
    public int Executing { get; init; }

    /// <summary>Whether the worker had paused new work for memory, at the last heartbeat.</summary>
    public bool Paused { get; init; }

    /// <summary>How many heartbeats arrived.</summary>
    public int Heartbeats { get; init; }
}
