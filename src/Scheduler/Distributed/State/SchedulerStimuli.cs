using MiniDask.Graph;
using MiniDask.Graph.Optimization;
using MiniDask.Protocol;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// An event fed to <see cref="SchedulerState.HandleStimulus"/>: a message from a client or a
/// worker, or a tick of the clock. Each carries a stimulus id, which every transition it causes
/// records, so a key's story says why it moved; the scheduler makes one up when it is null.
/// </summary>
/// <param name="StimulusId">The id recorded on every transition this stimulus causes.</param>
public abstract record SchedulerStimulus(string? StimulusId);

/// <summary>
/// What the scheduler knows of one task of an <see cref="UpdateGraph"/>: the control part the client
/// sent, and the run spec it holds as bytes for the worker (Dask's <c>run_spec</c>), never decoded here.
/// </summary>
/// <param name="Op">The op's name, for display and per-op duration estimates.</param>
/// <param name="Dependencies">The keys whose results it reads: tasks of the same update or keys the scheduler already knows.</param>
/// <param name="Run">What the worker runs, opaque to the scheduler.</param>
/// <param name="Options">The task's user priority, retries, resources and worker restrictions; null for none.</param>
public sealed record TaskSpec(string Op, IReadOnlyList<Key> Dependencies, RunSpec Run, Protocol.Messages.TaskOptions? Options = null);

/// <summary>A client submits tasks and asks for some of their keys (Dask's <c>update-graph</c>).</summary>
/// <param name="Client">The client's id.</param>
/// <param name="Tasks">The tasks, by key; tasks the scheduler already knows keep their state.</param>
/// <param name="Wanted">The keys the client wants results (or errors) for.</param>
/// <param name="Priorities">Each task's position in the graph's order (<see cref="Ordering"/>); lower runs first. Missing entries count as 0.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record UpdateGraph(
    string Client,
    IReadOnlyDictionary<Key, TaskSpec> Tasks,
    IReadOnlyList<Key> Wanted,
    IReadOnlyDictionary<Key, int> Priorities,
    string? StimulusId = null) : SchedulerStimulus(StimulusId);

/// <summary>A worker finished computing a task and holds its result.</summary>
/// <param name="Worker">The worker's address.</param>
/// <param name="Key">The task's key.</param>
/// <param name="NBytes">The size of the result in bytes.</param>
/// <param name="StartTime">When the task started, in seconds of the worker's clock.</param>
/// <param name="StopTime">When it stopped, in the same clock; the difference feeds duration estimates.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record TaskFinished(string Worker, Key Key, long NBytes, double StartTime, double StopTime, string? StimulusId = null)
    : SchedulerStimulus(StimulusId);

/// <summary>A task raised an exception on a worker.</summary>
/// <param name="Worker">The worker's address.</param>
/// <param name="Key">The task's key.</param>
/// <param name="Exception">The exception's type and message.</param>
/// <param name="Traceback">The stack trace.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record TaskErred(string Worker, Key Key, string Exception, string Traceback, string? StimulusId = null)
    : SchedulerStimulus(StimulusId);

/// <summary>A worker joined the cluster.</summary>
/// <param name="Address">The worker's address.</param>
/// <param name="NThreads">How many tasks it runs at once; at least 1.</param>
/// <param name="MemoryLimit">Its memory limit in bytes; 0 for none.</param>
/// <param name="StimulusId">The stimulus id.</param>
/// <param name="Name">Its name, which task restrictions may use instead of the address; empty for none.</param>
/// <param name="Resources">The abstract resources it offers tasks, such as <c>GPU = 1</c>; null for none.</param>
public sealed record AddWorker(
    string Address, int NThreads, long MemoryLimit = 0, string? StimulusId = null, string Name = "", IReadOnlyDictionary<string, double>? Resources = null)
    : SchedulerStimulus(StimulusId);

/// <summary>
/// A worker started executing a task (it sends this before the task runs). Only tasks executing on
/// a worker when it dies count that death against them, as Dask's <c>suspicious</c> count.
/// </summary>
/// <param name="Worker">The worker's address.</param>
/// <param name="Key">The task's key.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record TaskStarted(string Worker, Key Key, string? StimulusId = null)
    : SchedulerStimulus(StimulusId);

/// <summary>
/// A task processing on a worker seceded from its thread pool (Dask's <c>long-running</c>): it no
/// longer counts against the worker's slots or occupancy, so queued tasks, such as the ones it
/// waits for, may go there.
/// </summary>
/// <param name="Worker">The worker's address.</param>
/// <param name="Key">The task's key.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record TaskLongRunning(string Worker, Key Key, string? StimulusId = null)
    : SchedulerStimulus(StimulusId);

/// <summary>Why a worker left.</summary>
public enum WorkerRemovalReason
{
    /// <summary>It died or its connection broke: the tasks executing on it count a suspicious death.</summary>
    Lost,

    /// <summary>It was closed on purpose: its tasks are rescheduled without blame.</summary>
    Graceful,
}

/// <summary>A worker left the cluster; its data is gone.</summary>
/// <param name="Address">The worker's address.</param>
/// <param name="Reason">Whether it was lost or closed gracefully.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record RemoveWorker(string Address, WorkerRemovalReason Reason, string? StimulusId = null)
    : SchedulerStimulus(StimulusId);

/// <summary>A worker's periodic sign of life.</summary>
/// <param name="Worker">The worker's address.</param>
/// <param name="Memory">The memory it uses, in bytes.</param>
/// <param name="Executing">The keys it is running right now; work stealing leaves them alone.</param>
/// <param name="Time">The worker's own clock, in seconds (informational: the scheduler times heartbeats with its own clock).</param>
/// <param name="Bandwidth">The transfer bandwidth it measured from peers, in bytes per second, when it has one.</param>
/// <param name="StimulusId">The stimulus id.</param>
/// <param name="Paused">Whether it has paused new work (its memory is past the pause fraction of its limit): no task is placed there until it resumes.</param>
public sealed record Heartbeat(string Worker, long Memory, IReadOnlyList<Key> Executing, double Time, double? Bandwidth = null, string? StimulusId = null, bool Paused = false)
    : SchedulerStimulus(StimulusId);

/// <summary>A client no longer wants some keys.</summary>
/// <param name="Client">The client's id.</param>
/// <param name="Keys">The keys it releases.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record ClientReleasesKeys(string Client, IReadOnlyList<Key> Keys, string? StimulusId = null)
    : SchedulerStimulus(StimulusId);

/// <summary>A client went away: all the keys it wanted are released.</summary>
/// <param name="Client">The client's id.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record ClientDisconnected(string Client, string? StimulusId = null) : SchedulerStimulus(StimulusId);

/// <summary>A worker could not get a dependency from a peer the scheduler said holds it.</summary>
/// <param name="Worker">The worker that asked.</param>
/// <param name="Key">The dependency's key.</param>
/// <param name="Peer">The peer that did not give it.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record WorkerReportsMissingData(string Worker, Key Key, string Peer, string? StimulusId = null)
    : SchedulerStimulus(StimulusId);

/// <summary>A worker answers a <see cref="StealRequest"/>.</summary>
/// <param name="Worker">The victim's address.</param>
/// <param name="Key">The task asked for.</param>
/// <param name="Accepted">True when the task had not started and the worker dropped it; false when it keeps running it.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record StealResponse(string Worker, Key Key, bool Accepted, string? StimulusId = null) : SchedulerStimulus(StimulusId);

/// <summary>
/// The periodic check: workers silent for longer than <see cref="SchedulerOptions.WorkerTtlSeconds"/>
/// (by the scheduler's clock) are removed as lost, then idle workers steal from saturated ones.
/// </summary>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record Tick(string? StimulusId = null) : SchedulerStimulus(StimulusId);
