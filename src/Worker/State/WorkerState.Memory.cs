namespace MiniDask.Worker;

/// <summary>Pausing under memory pressure; spilling is the data store's business, not this machine's.</summary>
public sealed partial class WorkerState
{
    /// <summary>Whether the worker is paused: memory is above the pause fraction of its limit, so no task or transfer starts.</summary>
    public bool Paused { get; private set; }

    /// <summary>The memory in use, in bytes, as last reported.</summary>
    public long MemoryBytes { get; private set; }

    /// <summary>The memory, in bytes, above which the worker pauses; <see cref="long.MaxValue"/> when it has no limit.</summary>
    public long PauseThreshold =>
        Options.MemoryLimit > 0 ? (long)(Options.MemoryLimit * Options.PauseFraction) : long.MaxValue;

    private void HandleMemoryPressure(MemoryPressureEvent e)
    {
        MemoryBytes = e.MemoryBytes;
        Paused = e.MemoryBytes > PauseThreshold;
    }
}
