namespace MiniDask.Scheduler.Diagnostics;

/// <summary>
/// A read-only view of a scheduler for diagnostics: what the dashboard, <c>/metrics</c> and the
/// performance report read. The distributed scheduler and the local scheduler each provide one;
/// every member is safe to call from any thread at any time and returns a snapshot.
/// </summary>
public interface IClusterView
{
    /// <summary><c>distributed</c> or <c>local</c>.</summary>
    string Kind { get; }

    /// <summary>The scheduler's address (<c>tcp://...</c>), or <c>local</c>.</summary>
    string SchedulerAddress { get; }

    /// <summary>The workers now, in address order.</summary>
    IReadOnlyList<WorkerSnapshot> Workers();

    /// <summary>The task groups of the current and recent graphs, in the order they first appeared.</summary>
    IReadOnlyList<TaskGroupSnapshot> TaskGroups();

    /// <summary>Up to <paramref name="limit"/> task-stream records after <paramref name="cursor"/> (0 for the oldest kept).</summary>
    TaskStreamPage TaskStream(long cursor, int limit);

    /// <summary>The transitions of the key whose text is <paramref name="key"/>, oldest first; empty when none is known.</summary>
    IReadOnlyList<StoryEntry> Story(string key);

    /// <summary>The last log lines of the scheduler (<paramref name="source"/> null) or of the worker at that address.</summary>
    IReadOnlyList<string> Logs(string? source);

    /// <summary>Worker memory samples taken at or after <paramref name="since"/> (Unix seconds), oldest first.</summary>
    IReadOnlyList<MemorySample> MemoryHistory(double since);

    /// <summary>The counters behind <c>/metrics</c>.</summary>
    ClusterMetrics Metrics();
}
