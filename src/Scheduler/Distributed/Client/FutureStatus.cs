namespace MiniDask.Scheduler.Distributed;

/// <summary>Where a <see cref="Future"/> stands, as Dask's <c>future.status</c>.</summary>
public enum FutureStatus
{
    /// <summary>Its task has not finished yet.</summary>
    Pending,

    /// <summary>Its result is in memory on the cluster.</summary>
    Finished,

    /// <summary>Its task, or one it depends on, failed; <see cref="Future.Exception"/> says why.</summary>
    Error,

    /// <summary>It was released (or cancelled) before its result was read.</summary>
    Cancelled,
}

/// <summary>Which futures <see cref="Client.WaitAsync"/> waits for.</summary>
public enum ReturnWhen
{
    /// <summary>Until every future is done (Dask's <c>ALL_COMPLETED</c>).</summary>
    AllCompleted,

    /// <summary>Until at least one future is done (Dask's <c>FIRST_COMPLETED</c>).</summary>
    FirstCompleted,
}

/// <summary>What <see cref="Client.WaitAsync"/> found: the futures done (finished or failed) and those not.</summary>
/// <param name="Done">The futures whose tasks finished or failed, in the order given.</param>
/// <param name="NotDone">The others, in the order given.</param>
public sealed record WaitResult(IReadOnlyList<Future> Done, IReadOnlyList<Future> NotDone);
