namespace MiniDask.Worker;

/// <summary>
/// The closed set of states a task goes through on a worker, as in Dask's worker state machine.
/// A task the scheduler asks to compute runs <c>waiting → ready → executing → memory</c>; a
/// dependency held by a peer runs <c>fetch → flight → memory</c>.
/// </summary>
public enum WorkerTaskState
{
    /// <summary>Known but neither computing nor held: a dependency of a local task, or on its way out.</summary>
    Released,

    /// <summary>To compute; some dependencies are not in local memory yet.</summary>
    Waiting,

    /// <summary>To compute; every dependency is in local memory, waiting for a free thread.</summary>
    Ready,

    /// <summary>Running on one of the worker's threads.</summary>
    Executing,

    /// <summary>A dependency to get from a peer that holds it, not asked for yet.</summary>
    Fetch,

    /// <summary>A dependency being transferred from a peer.</summary>
    Flight,

    /// <summary>A dependency no known peer holds; waits for the scheduler to say who has it.</summary>
    Missing,

    /// <summary>Its result is in local memory.</summary>
    Memory,

    /// <summary>Its task raised; the error was reported to the scheduler.</summary>
    Error,

    /// <summary>
    /// No longer wanted while a thread runs it or a transfer brings it: the result is dropped when it
    /// comes, unless the scheduler asks for the key again first.
    /// </summary>
    Cancelled,

    /// <summary>Dropped from the worker's records.</summary>
    Forgotten,
}
