using MiniDask.Graph;

namespace MiniDask.Scheduler.Distributed;

/// <summary>One value a client placed on workers: who holds it and its size.</summary>
/// <param name="Workers">The addresses of the workers holding it.</param>
/// <param name="NBytes">Its size in bytes.</param>
public sealed record ScatteredValue(IReadOnlyList<string> Workers, long NBytes);

/// <summary>
/// A client placed values on workers itself (Dask's <c>update_data</c> after a scatter): each key
/// is recorded as in memory there, wanted by the client, with no task that could recompute it.
/// </summary>
/// <param name="Client">The client's id.</param>
/// <param name="Data">Each key with its holders and size.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record ScatteredData(string Client, IReadOnlyDictionary<Key, ScatteredValue> Data, string? StimulusId = null)
    : SchedulerStimulus(StimulusId);

/// <summary>
/// Keep these keys running until they finish even when no client wants them any more (Dask's
/// <c>fire_and_forget</c>); once in memory or erred, they are let go.
/// </summary>
/// <param name="Keys">The keys.</param>
/// <param name="StimulusId">The stimulus id.</param>
public sealed record FireAndForgetKeys(IReadOnlyList<Key> Keys, string? StimulusId = null) : SchedulerStimulus(StimulusId);
