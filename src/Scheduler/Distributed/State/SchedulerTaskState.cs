namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// The closed set of states a task goes through on the scheduler, as in Dask's distributed
/// scheduler. A task normally runs <c>released → waiting → processing → memory</c>; root tasks
/// pass through <see cref="Queued"/>, tasks with no live worker through <see cref="NoWorker"/>.
/// </summary>
public enum SchedulerTaskState
{
    /// <summary>Known, with its lineage, but neither wanted for computation nor held anywhere.</summary>
    Released,

    /// <summary>Wanted; waiting for some dependencies to reach memory.</summary>
    Waiting,

    /// <summary>A ready root task held back at the scheduler until a worker has room (worker saturation).</summary>
    Queued,

    /// <summary>Ready, but no live worker can run it; placed when a worker arrives.</summary>
    NoWorker,

    /// <summary>Sent to exactly one worker, which is computing it or will soon.</summary>
    Processing,

    /// <summary>Its result is held by at least one worker.</summary>
    Memory,

    /// <summary>It, or one of its dependencies, failed; the error is kept for the clients that want it.</summary>
    Erred,

    /// <summary>Dropped: no client wants it and no known task depends on it.</summary>
    Forgotten,
}
