using MiniDask.Graph;

namespace MiniDask.Worker;

/// <summary>One entry of a worker's transition log: a key changed state because of an event.</summary>
/// <param name="Key">The task's key.</param>
/// <param name="Start">The state it left.</param>
/// <param name="Finish">The state it entered.</param>
/// <param name="StimulusId">The id of the event whose handling caused the change.</param>
/// <param name="Time">The worker's monotonic clock, in seconds.</param>
public sealed record WorkerTransitionRecord(Key Key, WorkerTaskState Start, WorkerTaskState Finish, string StimulusId, double Time)
{
    /// <inheritdoc />
    public override string ToString() => $"{Key}: {Start} -> {Finish} [{StimulusId}] at {Time:0.###}s";
}
