using MiniDask.Graph;
using MiniDask.Protocol;

namespace MiniDask.Worker;

/// <summary>
/// An event fed to <see cref="WorkerState.HandleStimulus"/>: a message from the scheduler, a result
/// from the executor or a peer transfer, or a memory reading. The stimulus id is recorded on every
/// transition it causes; the worker makes one up when it is null.
/// </summary>
/// <param name="StimulusId">The id recorded on every transition this event causes.</param>
public abstract record WorkerEvent(string? StimulusId);

/// <summary>The scheduler asks this worker to compute a task (Dask's <c>compute-task</c>).</summary>
/// <param name="Key">The task's key.</param>
/// <param name="Run">What to run, as the client encoded it; decoded when the task executes.</param>
/// <param name="Priority">Lower runs first.</param>
/// <param name="WhoHas">Every dependency's key with the addresses of the workers holding it (possibly this one).</param>
/// <param name="NBytes">Every dependency's size in bytes.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record ComputeTaskEvent(
    Key Key,
    RunSpec Run,
    long Priority,
    IReadOnlyDictionary<Key, IReadOnlyList<string>> WhoHas,
    IReadOnlyDictionary<Key, long> NBytes,
    string? StimulusId = null) : WorkerEvent(StimulusId);

/// <summary>A task ran and its result is in the local data store.</summary>
/// <param name="Key">The task's key.</param>
/// <param name="NBytes">The result's size in bytes.</param>
/// <param name="StartTime">When it started, in seconds.</param>
/// <param name="StopTime">When it stopped, in seconds.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record ExecuteSuccessEvent(Key Key, long NBytes, double StartTime, double StopTime, string? StimulusId = null)
    : WorkerEvent(StimulusId);

/// <summary>A task raised.</summary>
/// <param name="Key">The task's key.</param>
/// <param name="Exception">The exception's type and message.</param>
/// <param name="Traceback">The stack trace.</param>
/// <param name="StartTime">When it started, in seconds.</param>
/// <param name="StopTime">When it stopped, in seconds.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record ExecuteFailureEvent(Key Key, string Exception, string Traceback, double StartTime, double StopTime, string? StimulusId = null)
    : WorkerEvent(StimulusId);

/// <summary>A transfer from a peer answered; the received values are in the local data store.</summary>
/// <param name="Peer">The peer's address.</param>
/// <param name="Requested">The keys the <see cref="GatherDep"/> asked for.</param>
/// <param name="Received">The keys the peer sent, with their sizes in bytes; a requested key absent here the peer did not have.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record GatherDepSuccessEvent(string Peer, IReadOnlyList<Key> Requested, IReadOnlyDictionary<Key, long> Received, string? StimulusId = null)
    : WorkerEvent(StimulusId);

/// <summary>A transfer from a peer failed: the peer could not be reached or broke off.</summary>
/// <param name="Peer">The peer's address.</param>
/// <param name="Requested">The keys the <see cref="GatherDep"/> asked for.</param>
/// <param name="Reason">What went wrong, for the log.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record GatherDepFailureEvent(string Peer, IReadOnlyList<Key> Requested, string Reason, string? StimulusId = null)
    : WorkerEvent(StimulusId);

/// <summary>The scheduler says who holds some keys (after this worker reported one missing).</summary>
/// <param name="WhoHas">Each key with the addresses of the workers holding it.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record RefreshWhoHasEvent(IReadOnlyDictionary<Key, IReadOnlyList<string>> WhoHas, string? StimulusId = null)
    : WorkerEvent(StimulusId);

/// <summary>The scheduler no longer needs these keys here (Dask's <c>free-keys</c>).</summary>
/// <param name="Keys">The keys.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record FreeKeysEvent(IReadOnlyList<Key> Keys, string? StimulusId = null) : WorkerEvent(StimulusId);

/// <summary>The scheduler would move a task to another worker if it has not started here.</summary>
/// <param name="Key">The task's key.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record StealRequestEvent(Key Key, string? StimulusId = null) : WorkerEvent(StimulusId);

/// <summary>
/// The process's memory use, measured by the shell: above the pause fraction of the memory limit
/// the worker pauses, at or below it the worker resumes.
/// </summary>
/// <param name="MemoryBytes">The memory in use, in bytes.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record MemoryPressureEvent(long MemoryBytes, string? StimulusId = null) : WorkerEvent(StimulusId);

/// <summary>Replicas the scheduler asked for (its request <paramref name="RequestId"/>) were fetched from peers and are in the store.</summary>
/// <param name="RequestId">The scheduler's request id, echoed in the answer.</param>
/// <param name="Received">Each key fetched, with its size in bytes.</param>
/// <param name="Missing">Keys no holder gave.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record ReplicasFetchedEvent(ulong RequestId, IReadOnlyDictionary<Key, long> Received, IReadOnlyList<Key> Missing, string? StimulusId = null)
    : WorkerEvent(StimulusId);

/// <summary>The worker registered again with a scheduler after losing its connection.</summary>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record SchedulerReconnectedEvent(string? StimulusId = null) : WorkerEvent(StimulusId);
