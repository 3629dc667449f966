using MessagePack;

namespace MiniDask.Protocol.Messages;

/// <summary>
/// A message of the wire protocol: the MessagePack header of a frame is <c>[request id, [type, body]]</c>,
/// where <c>type</c> is the number given here and <c>body</c> the message's fields as a MessagePack
/// array in key order (docs/protocol.md lists them). A receiver refuses a type it does not know and a
/// message whose required fields are missing (<see cref="Problem"/>), closing that connection.
/// </summary>
[Union(0, typeof(Handshake))]
[Union(1, typeof(HandshakeReply))]
[Union(2, typeof(RegisterWorker))]
[Union(3, typeof(RegisterWorkerReply))]
[Union(4, typeof(Heartbeat))]
[Union(5, typeof(ComputeTask))]
[Union(6, typeof(TaskFinished))]
[Union(7, typeof(TaskErred))]
[Union(8, typeof(ReleaseKeys))]
[Union(9, typeof(StealRequest))]
[Union(10, typeof(StealResponse))]
[Union(11, typeof(MissingData))]
[Union(12, typeof(RefreshWhoHas))]
[Union(13, typeof(GetDataRequest))]
[Union(14, typeof(GetDataResponse))]
[Union(15, typeof(UpdateGraph))]
[Union(16, typeof(KeyInMemory))]
[Union(17, typeof(KeyErred))]
[Union(18, typeof(TaskProgress))]
[Union(19, typeof(Cancel))]
[Union(20, typeof(ErrorReply))]
[Union(21, typeof(Close))]
[Union(22, typeof(Shutdown))]
[Union(23, typeof(UploadCode))]
[Union(24, typeof(ReleaseCode))]
[Union(25, typeof(TaskStarted))]
[Union(26, typeof(Ping))]
[Union(30, typeof(ScatterData))]
[Union(31, typeof(ScatterDataReply))]
[Union(32, typeof(UpdateData))]
[Union(33, typeof(FireAndForget))]
[Union(34, typeof(ClusterQuery))]
[Union(35, typeof(ClusterReply))]
[Union(36, typeof(RunOnWorker))]
[Union(37, typeof(RunOnWorkerReply))]
[Union(38, typeof(PublishDataset))]
[Union(39, typeof(DatasetRequest))]
[Union(40, typeof(DatasetReply))]
[Union(45, typeof(CreateActor))]
[Union(46, typeof(ActorCreated))]
[Union(47, typeof(LookupActor))]
[Union(48, typeof(ReleaseActor))]
[Union(49, typeof(ActorCall))]
[Union(50, typeof(ActorReply))]
[Union(51, typeof(CoordinationRequest))]
[Union(52, typeof(CoordinationReply))]
[Union(53, typeof(CancelCoordination))]
[Union(54, typeof(Published))]
[Union(60, typeof(ClusterOperation))]
[Union(61, typeof(ClusterOperationReply))]
[Union(62, typeof(AcquireReplicas))]
[Union(63, typeof(ReplicasAcquired))]
[Union(64, typeof(RetireWorker))]
[Union(65, typeof(RestartWorker))]
[Union(70, typeof(WorkerDiagnostics))]
[Union(71, typeof(DiagnosticsRequest))]
[Union(72, typeof(DiagnosticsReply))]
[Union(80, typeof(TaskLongRunning))]
public abstract class WireMessage
{
    /// <summary>The highest message type number this build knows.</summary>
    public const int LastType = 80;

    private protected WireMessage()
    {
    }

    /// <summary>The message's name, for logs.</summary>
    public override string ToString() => GetType().Name;

    /// <summary>What a received message lacks that it must carry, or null when it is well formed.</summary>
    protected internal virtual string? Problem() => null;

    /// <summary>Null when <paramref name="value"/> is set; otherwise says that <paramref name="field"/> is missing.</summary>
    private protected string? Required(object? value, string field) =>
        value is null ? $"a {GetType().Name} lacks its {field}" : null;

    /// <summary>Null when no item of <paramref name="items"/> is null; otherwise names the field.</summary>
    private protected string? RequiredItems<T>(IReadOnlyList<T>? items, string field)
        where T : class =>
        items is null ? $"a {GetType().Name} lacks its {field}"
        : items.Any(i => i is null) ? $"a {GetType().Name} has a missing entry in its {field}"
        : null;
}

/// <summary>What a peer is.</summary>
public enum PeerRole
{
    /// <summary>Not said.</summary>
    Unspecified = 0,

    /// <summary>A client submitting graphs.</summary>
    Client = 1,

    /// <summary>A worker running tasks.</summary>
    Worker = 2,

    /// <summary>The scheduler.</summary>
    Scheduler = 3,
}
