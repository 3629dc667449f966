namespace MiniDask.Worker;

/// <summary>
/// <see cref="WorkerState.Validate"/> found the state inconsistent: a bug in a transition. The message
/// names the key or peer and the invariant that does not hold.
/// </summary>
public sealed class WorkerInvariantException(string message) : Exception(message);
