using MiniDask.Graph;
using MiniDask.Protocol;

namespace MiniDask.Worker;

/// <summary>
/// A worker's record of one task (Dask's worker-side <c>TaskState</c>): a task it computes, or a
/// dependency it gets from a peer. Read-only outside <see cref="WorkerState"/>, which owns every change.
/// </summary>
public sealed class WorkerTask
{
    internal WorkerTask(Key key, long priority)
    {
        Key = key;
        Priority = priority;
    }

    /// <summary>The task's key.</summary>
    public Key Key { get; }

    /// <summary>What to run, when the scheduler asked this worker to compute it; null for a dependency fetched from a peer.</summary>
    public RunSpec? Run { get; internal set; }

    /// <summary>Lower runs (or is fetched) first; a dependency takes the most urgent priority of the tasks that need it.</summary>
    public long Priority { get; internal set; }

    /// <summary>The current state.</summary>
    public WorkerTaskState State { get; internal set; }

    /// <summary>The tasks whose results this one reads.</summary>
    public IReadOnlySet<WorkerTask> Dependencies => DependencySet;

    /// <summary>The local tasks that read this one's result.</summary>
    public IReadOnlySet<WorkerTask> Dependents => DependentSet;

    /// <summary>While waiting: the dependencies not yet in local memory.</summary>
    public IReadOnlySet<WorkerTask> WaitingForData => WaitingForDataSet;

    /// <summary>For a dependency: the peers believed to hold it.</summary>
    public IReadOnlySet<string> WhoHas => WhoHasSet;

    /// <summary>In flight (or cancelled in flight): the peer it is coming from.</summary>
    public string? ComingFrom { get; internal set; }

    /// <summary>The result's size in bytes: reported by the executor, or by the scheduler for a dependency.</summary>
    public long NBytes { get; internal set; }

    /// <summary>Whether the scheduler asked this worker to compute it and has not freed it since.</summary>
    public bool Assigned { get; internal set; }

    /// <summary>When cancelled: the state it was cancelled from (executing or flight), which it resumes if asked again.</summary>
    public WorkerTaskState? CancelledFrom { get; internal set; }

    /// <summary>When erred: the exception's type and message.</summary>
    public string? Exception { get; internal set; }

    /// <summary>When erred: the stack trace.</summary>
    public string? Traceback { get; internal set; }

    /// <summary>When it ran: the start time, in seconds of the executor's clock.</summary>
    public double StartTime { get; internal set; }

    /// <summary>When it ran: the stop time, in seconds of the executor's clock.</summary>
    public double StopTime { get; internal set; }

    /// <summary>Whether it seceded while executing: it runs on without holding one of the worker's threads.</summary>
    public bool Seceded { get; internal set; }

    internal HashSet<WorkerTask> DependencySet { get; } = [];

    internal HashSet<WorkerTask> DependentSet { get; } = [];

    internal HashSet<WorkerTask> WaitingForDataSet { get; } = [];

    internal HashSet<string> WhoHasSet { get; } = new(StringComparer.Ordinal);

    /// <summary>A compute request that came while the key was in flight: applied if the transfer fails.</summary>
    internal ComputeTaskEvent? PendingCompute { get; set; }

    /// <summary>Whether a local task still needs it: the scheduler assigned it, or a dependent waits, is ready or runs.</summary>
    internal bool IsNeeded =>
        Assigned || PendingCompute is not null
        || DependentSet.Any(d => d.State is WorkerTaskState.Waiting or WorkerTaskState.Ready or WorkerTaskState.Executing);

    /// <inheritdoc />
    public override string ToString() => $"<WorkerTask {Key} {State}>";
}
