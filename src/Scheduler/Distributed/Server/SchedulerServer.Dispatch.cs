using MiniDask.Graph;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>Outbound messages: each instruction of the state machine becomes a message to one peer.</summary>
public sealed partial class SchedulerServer
{
    /// <summary>The exception type a <see cref="Wire.KeyErred"/> carries when a task killed its workers.</summary>
    public const string KilledWorkerType = "MiniDask.KilledWorker";

    /// <summary>Queues the messages of <paramref name="instructions"/>; call under the lock.</summary>
    private void Dispatch(IReadOnlyList<SchedulerInstruction> instructions, ulong requestId)
    {
        foreach (var instruction in instructions)
        {
            switch (instruction)
            {
                case SchedulerToWorker toWorker when workers.TryGetValue(toWorker.Worker, out var worker):
                    ToWorker(worker, toWorker);
                    break;
                case UpdateGraphRefused refused when clients.TryGetValue(refused.Client, out var client):
                    client.Post(new Message(new Wire.Envelope
                    {
                        RequestId = requestId,
                        ErrorReply = new Wire.ErrorReply { ExceptionType = typeof(GraphValidationException).FullName, Message = refused.Reason },
                    }));
                    break;
                case SchedulerToClient toClient when clients.TryGetValue(toClient.Client, out var client):
                    client.Post(ToClient(toClient));
                    break;
            }
        }
    }

    private void ToWorker(ServerConnection worker, SchedulerToWorker instruction)
    {
        switch (instruction)
        {
            case ComputeTask compute:
                worker.Post(EncodeComputeTask(compute));
                tasksSent++;
                break;
            case FreeKeys free:
                var release = new Wire.ReleaseKeys { StimulusId = free.StimulusId };
                release.Keys.AddRange(free.Keys.Select(GraphCodec.EncodeKey));
                worker.Post(new Message(new Wire.Envelope { ReleaseKeys = release }));
                break;
            case StealRequest steal:
                worker.Post(new Message(new Wire.Envelope
                {
                    StealRequest = new Wire.StealRequest { Key = GraphCodec.EncodeKey(steal.Key), StimulusId = steal.StimulusId },
                }));
                break;
            case RefreshWhoHas refresh:
                var who = new Wire.RefreshWhoHas { StimulusId = refresh.StimulusId };
                who.WhoHas.AddRange(refresh.WhoHas.Select(kv => Location(kv.Key, kv.Value, 0)));
                worker.Post(new Message(new Wire.Envelope { RefreshWhoHas = who }));
                break;
            case CloseWorker close:
                worker.Post(new Message(new Wire.Envelope { Close = new Wire.Close { Reason = close.Reason } }));
                workers.Remove(close.Worker);
                workerInfo.TryRemove(close.Worker, out _);
                ServerLog.WorkerLeft(Logger, close.Worker, close.Reason);
                worker.CloseAfterSending();
                break;
        }
    }

    private static Message EncodeComputeTask(ComputeTask compute)
    {
        var builder = new MessageBuilder();
        var proto = new Wire.ComputeTask
        {
            Key = GraphCodec.EncodeKey(compute.Key),
            Task = GraphCodec.EncodeTask(compute.Task, builder),
            StimulusId = compute.StimulusId,
        };
        proto.Priority.Add(compute.Priority);
        proto.Dependencies.AddRange(compute.WhoHas.Select(kv => Location(kv.Key, kv.Value, compute.NBytes.GetValueOrDefault(kv.Key))));
        return builder.Build(new Wire.Envelope { ComputeTask = proto });
    }

    private static Wire.DependencyLocation Location(Key key, IEnumerable<string> holders, long nbytes)
    {
        var location = new Wire.DependencyLocation { Key = GraphCodec.EncodeKey(key), Nbytes = nbytes };
        location.Workers.AddRange(holders);
        return location;
    }

    private static Message ToClient(SchedulerToClient instruction)
    {
        var envelope = new Wire.Envelope();
        switch (instruction)
        {
            case KeyInMemory memory:
                envelope.KeyInMemory = new Wire.KeyInMemory { Key = GraphCodec.EncodeKey(memory.Key), Nbytes = memory.NBytes };
                envelope.KeyInMemory.Workers.AddRange(memory.WhoHas);
                break;
            case KeyErred erred:
                var (type, text) = RemoteErrorText.Split(erred.Exception);
                envelope.KeyErred = new Wire.KeyErred
                {
                    Key = GraphCodec.EncodeKey(erred.Key),
                    BlamedKey = GraphCodec.EncodeKey(erred.Blame),
                    ExceptionType = type,
                    Message = text,
                    RemoteStackTrace = erred.Traceback,
                };
                break;
            case TaskKilledWorker killed:
                envelope.KeyErred = new Wire.KeyErred
                {
                    Key = GraphCodec.EncodeKey(killed.Key),
                    BlamedKey = GraphCodec.EncodeKey(killed.Blame),
                    ExceptionType = KilledWorkerType,
                    Message = killed.Message,
                };
                break;
        }

        return new Message(envelope);
    }
}
