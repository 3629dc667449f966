using MessagePack;

namespace MiniDask.Protocol.Messages;

/// <summary>
/// What a client asks of one task beyond running it (Dask's task annotations): a priority, retries,
/// abstract resources and worker restrictions. It travels in the task's control part
/// (<see cref="TaskHeader.Options"/>), which the scheduler reads; the run spec stays opaque.
/// </summary>
[MessagePackObject]
public sealed class TaskOptions
{
    /// <summary>The user's priority: higher runs first, before the graph's own order (0 by default).</summary>
    [Key(0)]
    public int Priority { get; init; }

    /// <summary>How many times a task that raised is run again before its error is reported.</summary>
    [Key(1)]
    public int Retries { get; init; }

    /// <summary>Abstract resources the task holds while it runs, such as <c>GPU = 1</c> or <c>MEMORY = 8e9</c>; only workers advertising at least as much run it.</summary>
    [Key(2)]
    public Dictionary<string, double>? Resources { get; init; }

    /// <summary>The workers (addresses or names) allowed to run the task; null or empty for any.</summary>
    [Key(3)]
    public string[]? Workers { get; init; }

    /// <summary>Whether the task may run elsewhere when none of <see cref="Workers"/> is in the cluster.</summary>
    [Key(4)]
    public bool AllowLooseRestrictions { get; init; }

    /// <summary>Whether these options ask for nothing beyond the defaults.</summary>
    [IgnoreMember]
    public bool IsDefault =>
        Priority == 0 && Retries == 0 && (Resources is null || Resources.Count == 0) && (Workers is null || Workers.Length == 0);
}
