using MiniDask.Graph;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// A worker holds keys it did not compute: replicas the scheduler asked it to fetch, or what it
/// still held when it registered again. Keys in memory become replicas there; the rest are freed.
/// </summary>
/// <param name="Worker">The worker's address.</param>
/// <param name="Keys">The keys it holds.</param>
/// <param name="NBytes">Their sizes in bytes, in the order of <paramref name="Keys"/>.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record ReplicasAdded(string Worker, IReadOnlyList<Key> Keys, IReadOnlyList<long> NBytes, string? StimulusId = null)
    : SchedulerStimulus(StimulusId);

/// <summary>
/// Drop replicas that were copied elsewhere (rebalance): each key leaves <paramref name="Worker"/>
/// if another worker holds it and no task processing there reads it.
/// </summary>
/// <param name="Worker">The worker's address.</param>
/// <param name="Keys">The keys.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record DropReplicas(string Worker, IReadOnlyList<Key> Keys, string? StimulusId = null) : SchedulerStimulus(StimulusId);

/// <summary>Start retiring workers: nothing new is placed on them while their data moves.</summary>
/// <param name="Workers">The workers' addresses.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record StartRetiring(IReadOnlyList<string> Workers, string? StimulusId = null) : SchedulerStimulus(StimulusId);

/// <summary>Retiring ended without closing these workers (the data could not move): they take work again.</summary>
/// <param name="Workers">The workers' addresses.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record StopRetiring(IReadOnlyList<string> Workers, string? StimulusId = null) : SchedulerStimulus(StimulusId);

/// <summary>
/// Close retired workers: they are removed gracefully (their processing tasks go elsewhere without
/// blame; data moved off first is not lost) and told to leave for good.
/// </summary>
/// <param name="Workers">The workers' addresses.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record RetireWorkers(IReadOnlyList<string> Workers, string? StimulusId = null) : SchedulerStimulus(StimulusId);

/// <summary>
/// Restart the cluster (Dask's <c>restart</c>): every key a client wants fails with
/// <see cref="SchedulerState.RestartedException"/>, every task is forgotten, and every worker is
/// removed and told to restart.
/// </summary>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record RestartCluster(string? StimulusId = null) : SchedulerStimulus(StimulusId);

/// <summary>Tell a worker to leave for good: it was retired (<see cref="RetireWorkers"/>).</summary>
/// <param name="Worker">The worker's address.</param>
/// <param name="Reason">Why, for its log.</param>
/// <param name="StimulusId">The stimulus that caused it.</param>
public sealed record RetireWorkerInstruction(string Worker, string Reason, string StimulusId) : SchedulerToWorker(Worker, StimulusId);

/// <summary>Tell a worker to drop everything and restart (<see cref="RestartCluster"/>).</summary>
/// <param name="Worker">The worker's address.</param>
/// <param name="StimulusId">The stimulus that caused it.</param>
public sealed record RestartWorkerInstruction(string Worker, string StimulusId) : SchedulerToWorker(Worker, StimulusId);

/// <summary>One copy of a key to make: <paramref name="Target"/> fetches it from <paramref name="Sources"/>.</summary>
/// <param name="Key">The key.</param>
/// <param name="Sources">The addresses of the workers holding it.</param>
/// <param name="Target">The address of the worker that fetches it.</param>
/// <param name="NBytes">Its size in bytes.</param>
/// <param name="DropFrom">The worker to drop it from once copied (rebalance); null to keep every copy.</param>
public sealed record ReplicaMove(Key Key, IReadOnlyList<string> Sources, string Target, long NBytes, string? DropFrom = null);
