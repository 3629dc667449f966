using MiniDask.Graph;
using MiniDask.Protocol;

namespace MiniDask.Worker;

/// <summary>Something <see cref="WorkerState"/> asks its shell to do, in order: run a task, fetch data, or send a message.</summary>
/// <param name="StimulusId">The event that caused it.</param>
public abstract record WorkerInstruction(string StimulusId);

/// <summary>
/// Run a task on a free thread; its inputs are in the local data store. The shell stores the result
/// and answers with <see cref="ExecuteSuccessEvent"/> or <see cref="ExecuteFailureEvent"/>.
/// </summary>
/// <param name="Key">The task's key.</param>
/// <param name="Run">What to run, as the client encoded it; the shell decodes it on the task thread.</param>
/// <param name="StimulusId">The event that caused it.</param>
public sealed record Execute(Key Key, RunSpec Run, string StimulusId) : WorkerInstruction(StimulusId)
{
    /// <summary>The keys the task reads, all in memory here.</summary>
    public IReadOnlyList<Key> Inputs { get; init; } = [];

    /// <summary>The bytes of <see cref="Inputs"/>: the estimate of what the task's result and working set will add.</summary>
    public long InputBytes { get; init; }
}

/// <summary>
/// Get keys from a peer. The shell stores what arrives and answers with
/// <see cref="GatherDepSuccessEvent"/> or <see cref="GatherDepFailureEvent"/>.
/// </summary>
/// <param name="Peer">The peer's address.</param>
/// <param name="Keys">The keys, most urgent first.</param>
/// <param name="TotalNBytes">Their expected total size in bytes.</param>
/// <param name="StimulusId">The event that caused it.</param>
public sealed record GatherDep(string Peer, IReadOnlyList<Key> Keys, long TotalNBytes, string StimulusId) : WorkerInstruction(StimulusId);

/// <summary>Tell the scheduler a task finished here (its <c>TaskFinished</c>).</summary>
/// <param name="Key">The task's key.</param>
/// <param name="NBytes">The result's size in bytes.</param>
/// <param name="StartTime">When it started, in seconds.</param>
/// <param name="StopTime">When it stopped, in seconds.</param>
/// <param name="StimulusId">The event that caused it.</param>
public sealed record SendTaskFinished(Key Key, long NBytes, double StartTime, double StopTime, string StimulusId) : WorkerInstruction(StimulusId);

/// <summary>Tell the scheduler a task raised here (its <c>TaskErred</c>).</summary>
/// <param name="Key">The task's key.</param>
/// <param name="Exception">The exception's type and message.</param>
/// <param name="Traceback">The stack trace.</param>
/// <param name="StimulusId">The event that caused it.</param>
public sealed record SendTaskErred(Key Key, string Exception, string Traceback, string StimulusId) : WorkerInstruction(StimulusId);

/// <summary>Tell the scheduler a task seceded and no longer holds a thread (its <c>TaskLongRunning</c>, Dask's <c>long-running</c>).</summary>
/// <param name="Key">The task's key.</param>
/// <param name="StimulusId">The event that caused it.</param>
public sealed record SendLongRunning(Key Key, string StimulusId) : WorkerInstruction(StimulusId);

/// <summary>Answer the scheduler's steal request (its <c>StealResponse</c>).</summary>
/// <param name="Key">The task's key.</param>
/// <param name="Accepted">True when the task had not started and was dropped here.</param>
/// <param name="State">The state the task was in when asked; null when the worker did not know it.</param>
/// <param name="StimulusId">The event that caused it.</param>
public sealed record SendStealResponse(Key Key, bool Accepted, WorkerTaskState? State, string StimulusId) : WorkerInstruction(StimulusId);

/// <summary>Tell the scheduler a peer did not give a key it was said to hold (its <c>WorkerReportsMissingData</c>).</summary>
/// <param name="Key">The key.</param>
/// <param name="Peer">The peer's address.</param>
/// <param name="StimulusId">The event that caused it.</param>
public sealed record SendMissingData(Key Key, string Peer, string StimulusId) : WorkerInstruction(StimulusId);

/// <summary>Drop a value from the local data store.</summary>
/// <param name="Key">The key.</param>
/// <param name="StimulusId">The event that caused it.</param>
public sealed record ReleaseData(Key Key, string StimulusId) : WorkerInstruction(StimulusId);

/// <summary>Tell the scheduler which keys are now held here without having been computed here (<c>ReplicasAcquired</c>).</summary>
/// <param name="RequestId">The scheduler's request this answers; 0 when it answers none (after registering again).</param>
/// <param name="Keys">The keys held.</param>
/// <param name="NBytes">Their sizes, in the order of <paramref name="Keys"/>.</param>
/// <param name="Missing">Keys asked for that are not held.</param>
/// <param name="StimulusId">The stimulus that caused it.</param>
public sealed record SendReplicasAcquired(ulong RequestId, IReadOnlyList<Key> Keys, IReadOnlyList<long> NBytes, IReadOnlyList<Key> Missing, string StimulusId)
    : WorkerInstruction(StimulusId);
