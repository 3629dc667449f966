using MiniDask.Graph;

namespace MiniDask.Scheduler.Distributed;

/// <summary>One entry of the scheduler's transition log: a key changed state because of a stimulus.</summary>
/// <param name="Key">The task's key.</param>
/// <param name="Start">The state it left.</param>
/// <param name="Finish">The state it entered (equal to <paramref name="Start"/> when a processing task was stolen to another worker).</param>
/// <param name="StimulusId">The id of the stimulus whose handling caused the change.</param>
/// <param name="Time">The scheduler's monotonic clock, in seconds.</param>
/// <param name="Worker">The worker involved, where there is one: the one it is processing on, or the one it ran on.</param>
public sealed record TransitionRecord(Key Key, SchedulerTaskState Start, SchedulerTaskState Finish, string StimulusId, double Time, string? Worker)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Key}: {Start} -> {Finish} [{StimulusId}]{(Worker is null ? "" : $" on {Worker}")} at {Time:0.###}s";
}
