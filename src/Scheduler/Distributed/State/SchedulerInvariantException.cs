namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// <see cref="SchedulerState.Validate"/> found the state inconsistent: a bug in a transition. The
/// message names the key or worker and the invariant that does not hold.
/// </summary>
public sealed class SchedulerInvariantException(string message) : Exception(message);
