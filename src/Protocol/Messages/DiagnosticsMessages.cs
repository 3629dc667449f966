using MessagePack;

namespace MiniDask.Protocol.Messages;

/// <summary>
/// One bar of the task stream: a task computed, a transfer from a peer or a spill to disk, on one
/// worker thread, from start to stop (Unix seconds on the worker's clock).
/// </summary>
[MessagePackObject]
public sealed class TaskStreamEntry
{
    /// <summary>The task's key as text; for a transfer, the first key fetched.</summary>
    [Key(0)]
    public string Key { get; init; } = "";

    /// <summary>The key's name (its task group); for a transfer or spill, the action's name.</summary>
    [Key(1)]
    public string Group { get; init; } = "";

    /// <summary>The worker it happened on.</summary>
    [Key(2)]
    public string Worker { get; init; } = "";

    /// <summary>The worker thread (0-based) for a compute; 0 for transfers and spills.</summary>
    [Key(3)]
    public int Thread { get; init; }

    /// <summary><c>compute</c>, <c>transfer</c>, <c>spill</c> or <c>erred</c>.</summary>
    [Key(4)]
    public string Action { get; init; } = "";

    /// <summary>When it started, in Unix seconds.</summary>
    [Key(5)]
    public double Start { get; init; }

    /// <summary>When it stopped, in Unix seconds.</summary>
    [Key(6)]
    public double Stop { get; init; }

    /// <summary>Bytes produced, moved or spilled.</summary>
    [Key(7)]
    public long NBytes { get; init; }

    /// <summary>For a transfer, the peer the data came from; empty otherwise.</summary>
    [Key(8)]
    public string Peer { get; init; } = "";
}

/// <summary>
/// What a worker measured since its last report (worker -> scheduler, once per heartbeat interval):
/// process CPU and memory, its memory thresholds, the transfers and spills it did, and its new log lines.
/// </summary>
[MessagePackObject]
public sealed class WorkerDiagnostics : WireMessage
{
    /// <summary>CPU used by the worker process over the interval, in percent of one core.</summary>
    [Key(0)]
    public double CpuPercent { get; init; }

    /// <summary>The process's resident memory in bytes.</summary>
    [Key(1)]
    public long ProcessMemory { get; init; }

    /// <summary>The fraction of the memory limit past which the worker spills.</summary>
    [Key(2)]
    public double SpillFraction { get; init; }

    /// <summary>The fraction of the memory limit past which the worker pauses new work.</summary>
    [Key(3)]
    public double PauseFraction { get; init; }

    /// <summary>Transfers and spills since the last report.</summary>
    [Key(4)]
    public TaskStreamEntry[] Stream { get; init; } = [];

    /// <summary>Log lines written since the last report, oldest first.</summary>
    [Key(5)]
    public string[] LogLines { get; init; } = [];

    /// <inheritdoc />
    protected internal override string? Problem() => RequiredItems(Stream, "stream") ?? RequiredItems(LogLines, "log lines");
}

/// <summary>
/// A client asks the scheduler for its diagnostics (client -> scheduler): the dashboard's link, and
/// the task stream and memory samples recorded since a cursor. Answered with <see cref="DiagnosticsReply"/>.
/// </summary>
[MessagePackObject]
public sealed class DiagnosticsRequest : WireMessage
{
    /// <summary>The task-stream cursor to read from (a <see cref="DiagnosticsReply.Cursor"/>); -1 for none of the stream.</summary>
    [Key(0)]
    public long Since { get; init; } = -1;
}

/// <summary>A memory figure of one worker at one time.</summary>
[MessagePackObject]
public sealed class MemorySampleEntry
{
    /// <summary>When, in Unix seconds.</summary>
    [Key(0)]
    public double Time { get; init; }

    /// <summary>The worker.</summary>
    [Key(1)]
    public string Worker { get; init; } = "";

    /// <summary>Bytes of results in memory.</summary>
    [Key(2)]
    public long Managed { get; init; }

    /// <summary>Bytes spilled to disk.</summary>
    [Key(3)]
    public long Spilled { get; init; }

    /// <summary>The process's resident memory.</summary>
    [Key(4)]
    public long Process { get; init; }
}

/// <summary>The scheduler's answer to a <see cref="DiagnosticsRequest"/>.</summary>
[MessagePackObject]
public sealed class DiagnosticsReply : WireMessage
{
    /// <summary>The dashboard's address with its token, such as <c>http://127.0.0.1:8787/status</c>; empty when it serves none.</summary>
    [Key(0)]
    public string DashboardLink { get; init; } = "";

    /// <summary>The cursor after the last record returned: ask again from it for what came later.</summary>
    [Key(1)]
    public long Cursor { get; init; }

    /// <summary>The task stream since the requested cursor, oldest first.</summary>
    [Key(2)]
    public TaskStreamEntry[] Stream { get; init; } = [];

    /// <summary>Worker memory samples over the same span, oldest first.</summary>
    [Key(3)]
    public MemorySampleEntry[] Memory { get; init; } = [];

    /// <inheritdoc />
    protected internal override string? Problem() =>
        Required(DashboardLink, "dashboard link") ?? RequiredItems(Stream, "stream") ?? RequiredItems(Memory, "memory samples");
}
