using MiniDask.Graph;

namespace MiniDask.Worker;

/// <summary>
/// A client placed values in this worker's store (a scatter): the worker holds them as results, as
/// if computed here, until the scheduler frees them.
/// </summary>
/// <param name="NBytes">Each key with its size in bytes.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record UpdateDataEvent(IReadOnlyDictionary<Key, long> NBytes, string? StimulusId = null) : WorkerEvent(StimulusId);

/// <summary>
/// An executing task seceded from the worker's thread pool (Dask's <c>secede</c>): it keeps running
/// but no longer holds a thread, so another ready task may start.
/// </summary>
/// <param name="Key">The task's key.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record SecedeEvent(Key Key, string? StimulusId = null) : WorkerEvent(StimulusId);
