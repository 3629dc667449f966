using MessagePack;
using MiniDask.Graph;

namespace MiniDask.Protocol.Messages;

/// <summary>What a <see cref="ClusterOperation"/> asks the scheduler to do with the cluster's data and workers.</summary>
public enum ClusterOperationKind
{
    /// <summary>Not said; refused.</summary>
    Unspecified = 0,

    /// <summary>Copy keys until each is held by <see cref="ClusterOperation.Count"/> workers (Dask's <c>replicate</c>).</summary>
    Replicate = 1,

    /// <summary>Move results from workers holding more than the mean to those holding less (Dask's <c>rebalance</c>).</summary>
    Rebalance = 2,

    /// <summary>Move the data only the named workers hold onto others, then close them (Dask's <c>retire_workers</c>).</summary>
    Retire = 3,

    /// <summary>Forget every task and restart every worker (Dask's <c>restart</c>).</summary>
    Restart = 4,

    /// <summary>Propose a worker count for the work known now, and which workers to close to get there (Dask's <c>adaptive_target</c>).</summary>
    AdaptiveTarget = 5,
}

/// <summary>A client asks the scheduler to move data or change the set of workers (client -> scheduler); answered by <see cref="ClusterOperationReply"/>.</summary>
[MessagePackObject]
public sealed class ClusterOperation : WireMessage
{
    /// <summary>What to do.</summary>
    [Key(0)]
    public ClusterOperationKind Kind { get; init; }

    /// <summary>The keys it concerns (replicate, rebalance); empty for every key (rebalance).</summary>
    [Key(1)]
    public Key[] Keys { get; init; } = [];

    /// <summary>The workers it concerns, by address or name (retire); empty for every worker (rebalance).</summary>
    [Key(2)]
    public string[] Workers { get; init; } = [];

    /// <summary>How many replicas (replicate).</summary>
    [Key(3)]
    public int Count { get; init; }

    /// <summary>The seconds the work should take on the proposed workers (adaptive target).</summary>
    [Key(4)]
    public double TargetSeconds { get; init; }

    /// <inheritdoc />
    protected internal override string? Problem() =>
        Kind == ClusterOperationKind.Unspecified ? "a ClusterOperation lacks its kind" : RequiredItems(Keys, "keys") ?? RequiredItems(Workers, "workers");
}

/// <summary>The scheduler's answer to a <see cref="ClusterOperation"/> (scheduler -> client), once the operation is done.</summary>
[MessagePackObject]
public sealed class ClusterOperationReply : WireMessage
{
    /// <summary>The workers the operation affected: those retired or restarted; for an adaptive target, those to close to reach it.</summary>
    [Key(0)]
    public string[] Workers { get; init; } = [];

    /// <summary>How many key copies moved between workers.</summary>
    [Key(1)]
    public int Moved { get; init; }

    /// <summary>Why the operation failed; empty when it succeeded.</summary>
    [Key(2)]
    public string Error { get; init; } = "";

    /// <summary>The proposed number of workers (adaptive target).</summary>
    [Key(3)]
    public int Target { get; init; }

    /// <inheritdoc />
    protected internal override string? Problem() => RequiredItems(Workers, "workers") ?? Required(Error, "error");
}

/// <summary>
/// Fetch these keys from the peers that hold them and keep them (scheduler -> worker, Dask's
/// <c>acquire-replicas</c>); answered, with the same request id, by <see cref="ReplicasAcquired"/>.
/// </summary>
[MessagePackObject]
public sealed class AcquireReplicas : WireMessage
{
    /// <summary>Each key with the workers holding it.</summary>
    [Key(0)]
    public DependencyLocation[] WhoHas { get; init; } = [];

    /// <summary>The stimulus that caused this message.</summary>
    [Key(1)]
    public string StimulusId { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() =>
        WhoHas is null || !System.Array.TrueForAll(WhoHas, d => d is not null && d.IsWellFormed)
            ? "an AcquireReplicas has a missing or incomplete location"
            : Required(StimulusId, "stimulus id");
}

/// <summary>
/// Keys a worker holds in memory that the scheduler did not send it to compute (worker -> scheduler):
/// the answer to <see cref="AcquireReplicas"/> (same request id), or, with request id 0, what a
/// worker still holds when it registers again after losing its scheduler. The scheduler keeps
/// the ones it wants as replicas and frees the rest.
/// </summary>
[MessagePackObject]
public sealed class ReplicasAcquired : WireMessage
{
    /// <summary>The keys now held.</summary>
    [Key(0)]
    public Key[] Keys { get; init; } = [];

    /// <summary>Each key's size in bytes, in the order of <see cref="Keys"/>.</summary>
    [Key(1)]
    public long[] NBytes { get; init; } = [];

    /// <summary>Keys that could not be fetched from any holder.</summary>
    [Key(2)]
    public Key[] Missing { get; init; } = [];

    /// <summary>The stimulus of the worker event.</summary>
    [Key(3)]
    public string StimulusId { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() =>
        RequiredItems(Keys, "keys") ?? Required(NBytes, "sizes") ?? RequiredItems(Missing, "missing keys") ?? Required(StimulusId, "stimulus id")
        ?? (Keys.Length != NBytes.Length ? $"a ReplicasAcquired has {Keys.Length} keys but {NBytes.Length} sizes" : null);
}

/// <summary>
/// Leave the cluster for good (scheduler -> worker): the worker was retired, its data already
/// moved. A worker process exits with <see cref="WorkerExitCodes.Retired"/>, which tells a
/// supervisor such as LocalCluster not to start a replacement.
/// </summary>
[MessagePackObject]
public sealed class RetireWorker : WireMessage
{
    /// <summary>Why, for the worker's log.</summary>
    [Key(0)]
    public string Reason { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Reason, "reason");
}

/// <summary>
/// Restart (scheduler -> worker): the cluster forgot every task; the worker drops everything and
/// its process exits with <see cref="WorkerExitCodes.Restart"/>, so that its supervisor (LocalCluster,
/// SshCluster) starts a fresh one, as Dask's nanny restarts a worker.
/// </summary>
[MessagePackObject]
public sealed class RestartWorker : WireMessage
{
    /// <summary>Why, for the worker's log.</summary>
    [Key(0)]
    public string Reason { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Reason, "reason");
}

/// <summary>The exit codes of a worker process that tell its supervisor what to do next.</summary>
public static class WorkerExitCodes
{
    /// <summary>The worker was retired: do not replace it.</summary>
    public const int Retired = 64;

    /// <summary>The scheduler restarted the cluster: start a fresh worker.</summary>
    public const int Restart = 65;
}

/// <summary>Settings that a worker and the launchers that start workers share.</summary>
public static class WorkerDefaults
{
    /// <summary>
    /// How long a worker that lost its scheduler keeps trying to register again before it leaves,
    /// unless told otherwise (<c>--reconnect-timeout</c>): a minute, long enough for a scheduler to be
    /// restarted on its port, short enough that a cluster whose scheduler is gone does not linger.
    /// </summary>
    public static readonly TimeSpan ReconnectTimeout = TimeSpan.FromSeconds(60);
}
