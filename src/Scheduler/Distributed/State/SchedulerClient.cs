namespace MiniDask.Scheduler.Distributed;

/// <summary>The scheduler's record of one client: the keys it asked for and has not released.</summary>
public sealed class SchedulerClient
{
    internal SchedulerClient(string id) => Id = id;

    /// <summary>The client's id, which names it in every stimulus and instruction.</summary>
    public string Id { get; }

    /// <summary>The tasks it wants.</summary>
    public IReadOnlySet<SchedulerTask> WantsWhat => WantsWhatSet;

    internal HashSet<SchedulerTask> WantsWhatSet { get; } = [];

    /// <inheritdoc />
    public override string ToString() => $"<SchedulerClient {Id} wants={WantsWhatSet.Count}>";
}
