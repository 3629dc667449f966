namespace MiniDask.Scheduler.Distributed;

/// <summary>Tuning of <see cref="SchedulerState"/>; the defaults follow Dask's distributed scheduler where it has one.</summary>
public sealed record SchedulerOptions
{
    /// <summary>
    /// Root tasks are released to a worker only while it has fewer than
    /// <c>ceil(WorkerSaturation × nthreads)</c> processing tasks (Dask's
    /// <c>distributed.scheduler.worker-saturation</c>); <see cref="double.PositiveInfinity"/> disables
    /// queuing, so roots are placed like any other task.
    /// </summary>
    public double WorkerSaturation { get; init; } = 1.1;

    /// <summary>
    /// A worker keeps receiving queued root tasks past its <see cref="WorkerSaturation"/> count while the
    /// expected work it holds is under this many seconds per thread (at most
    /// <see cref="MaxRootBacklogPerThread"/> tasks per thread, and <see cref="MaxRootBacklogBytes"/> of
    /// expected results). Tasks much shorter than a round trip to the scheduler would otherwise leave
    /// the worker's threads idle between each. Only measured tasks qualify: a task whose op has not
    /// finished yet counts <see cref="DefaultTaskDuration"/>, and tasks whose measured duration exceeds
    /// this are held back exactly as by the count. The price is root overproduction: on a tree
    /// reduction of short tasks, workers finish roots faster than the reductions that consume them,
    /// so more results are held at once (the byte bound keeps their bytes small, not their number; roots
    /// of one family go to one worker, so the reductions find their inputs in place and release them
    /// without a transfer). The default, 0.002, lets a worker of one thread run about 1.7 times as many
    /// tasks of tens of microseconds per second as Dask's count-only queuing, which 0 restores.
    /// </summary>
    public double MinRootBacklogSeconds { get; init; } = 0.002;

    /// <summary>
    /// The most bytes of expected results (the measured average result size of the task's op, times the
    /// tasks past the saturation count) that <see cref="MinRootBacklogSeconds"/> lets a worker hold;
    /// a task whose op has no measured result size gets no backlog.
    /// </summary>
    public long MaxRootBacklogBytes { get; init; } = 64L << 20;

    /// <summary>The most root tasks per thread that <see cref="MinRootBacklogSeconds"/> lets a worker hold.</summary>
    public int MaxRootBacklogPerThread { get; init; } = 16;

    /// <summary>A worker silent (no heartbeat or message) for longer than this many seconds is removed as lost.</summary>
    public double WorkerTtlSeconds { get; init; } = 15;

    /// <summary>
    /// How many workers may die while executing a task (Dask's <c>allowed-failures</c>); the next
    /// death fails it with KilledWorker. Tasks only queued on a dying worker are not counted.
    /// </summary>
    public int AllowedFailures { get; init; } = 3;

    /// <summary>The network bandwidth, in bytes per second, assumed until workers report a measured one.</summary>
    public double DefaultBandwidth { get; init; } = 100e6;

    /// <summary>The duration, in seconds, assumed for a task whose op has never been seen to finish.</summary>
    public double DefaultTaskDuration { get; init; } = 0.5;

    /// <summary>Whether <see cref="Tick"/> moves not-yet-started tasks from saturated workers to idle ones.</summary>
    public bool WorkStealing { get; init; } = true;

    /// <summary>
    /// A task is stolen only if moving its missing dependencies to the thief takes at most this many
    /// times its expected duration, so tasks next to big data stay where the data is.
    /// </summary>
    public double StealTransferRatio { get; init; } = 1.0;

    /// <summary>How many transitions the log keeps; older ones are dropped first.</summary>
    public int TransitionLogLength { get; init; } = 100_000;

    /// <summary>The options with every default.</summary>
    public static SchedulerOptions Default { get; } = new();
}
