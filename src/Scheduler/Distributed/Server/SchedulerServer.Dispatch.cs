using MiniDask.Graph;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>Outbound messages: each instruction of the state machine becomes a message to one peer.</summary>
public sealed partial class SchedulerServer
{
    /// <summary>The exception type a <see cref="Wire.KeyErred"/> carries when a task killed its workers.</summary>
    public const string KilledWorkerType = "MiniDask.KilledWorker";

    /// <summary>The exception type a <see cref="Wire.KeyErred"/> carries when the cluster restarted while a client wanted the key.</summary>
    public const string RestartedType = "MiniDask.Restarted";

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
                    client.Post(new Message(new Wire.ErrorReply { ExceptionType = typeof(GraphValidationException).FullName!, Message = refused.Reason })
                    {
                        RequestId = requestId,
                    });
                    break;
                case SchedulerToClient toClient when clients.TryGetValue(toClient.Client, out var client):
                    client.Post(new Message(ToClient(toClient)));
                    break;
            }
        }
    }

    private void ToWorker(ServerConnection worker, SchedulerToWorker instruction)
    {
        switch (instruction)
        {
            case ComputeTask compute:
                // The run spec goes out as it came from the client: its head inline, its frames as payload frames.
                worker.Post(new Message(
                    new Wire.ComputeTask
                    {
                        Key = compute.Key,
                        Op = compute.Op,
                        Run = compute.Run.Head,
                        Dependencies = [.. compute.WhoHas.Select(kv => Location(kv.Key, kv.Value, compute.NBytes.GetValueOrDefault(kv.Key)))],
                        Priority = compute.Priority,
                        StimulusId = compute.StimulusId,
                    },
                    compute.Run.Frames));
                tasksSent++;
                break;
            case FreeKeys free:
                worker.Post(new Message(new Wire.ReleaseKeys { Keys = [.. free.Keys], StimulusId = free.StimulusId }));
                break;
            case StealRequest steal:
                worker.Post(new Message(new Wire.StealRequest { Key = steal.Key, StimulusId = steal.StimulusId }));
                break;
            case RefreshWhoHas refresh:
                worker.Post(new Message(new Wire.RefreshWhoHas
                {
                    WhoHas = [.. refresh.WhoHas.Select(kv => Location(kv.Key, kv.Value, 0))],
                    StimulusId = refresh.StimulusId,
                }));
                break;
            case CloseWorker close:
                Dismiss(worker, close.Worker, new Wire.Close { Reason = close.Reason }, close.Reason);
                break;
            case RetireWorkerInstruction retire:
                Dismiss(worker, retire.Worker, new Wire.RetireWorker { Reason = retire.Reason }, retire.Reason);
                break;
            case RestartWorkerInstruction restart:
                Dismiss(worker, restart.Worker, new Wire.RestartWorker { Reason = "the cluster restarted" }, "restarted");
                break;
        }
    }

    /// <summary>Sends a worker its last message and forgets its connection, which closes once that is sent.</summary>
    private void Dismiss(ServerConnection worker, string address, Wire.WireMessage last, string reason)
    {
        worker.Post(new Message(last));
        workers.Remove(address);
        workerInfo.TryRemove(address, out _);
        ServerLog.WorkerLeft(Logger, address, reason);
        worker.CloseAfterSending();
    }

    /// <summary>Stores a client's uploaded code and relays what is new to every worker; call outside the lock.</summary>
    private void UploadCode(ServerConnection connection, Message message, Wire.UploadCode upload)
    {
        var owner = connection.Comm.Peer.Name;
        if (connection.WorkerAddress is not null || string.IsNullOrEmpty(owner))
        {
            throw new ProtocolException($"Only a client that named itself in the handshake may upload code; {connection} did not.");
        }

        lock (gate)
        {
            if (codeOwners.TryGetValue(owner, out var other) && other != connection)
            {
                throw new ProtocolException($"Client '{owner}' is already connected on another connection; its code is kept there.");
            }

            codeOwners[owner] = connection;
            if (code.Add(owner, message) is { } relay)
            {
                ServerLog.CodeUploaded(Logger, owner, upload.Files.Length, message.PayloadBytes);
                foreach (var worker in workers.Values)
                {
                    worker.Post(relay);
                }
            }
        }
    }

    /// <summary>Forgets a departed client's code and tells every worker to unload it; call under the lock.</summary>
    private void ReleaseCode(ServerConnection connection)
    {
        var owner = connection.Comm.Peer.Name;
        if (!codeOwners.TryGetValue(owner, out var holder) || holder != connection)
        {
            return;
        }

        codeOwners.Remove(owner);
        if (code.Remove(owner))
        {
            foreach (var worker in workers.Values)
            {
                worker.Post(new Message(new Wire.ReleaseCode { Owner = owner }));
            }
        }
    }

    private static Wire.DependencyLocation Location(Key key, IEnumerable<string> holders, long nbytes) =>
        new() { Key = key, Workers = [.. holders], NBytes = nbytes };

    private static Wire.WireMessage ToClient(SchedulerToClient instruction)
    {
        switch (instruction)
        {
            case KeyInMemory memory:
                return new Wire.KeyInMemory { Key = memory.Key, NBytes = memory.NBytes, Workers = [.. memory.WhoHas] };
            case KeyErred erred:
                var (type, text) = RemoteErrorText.Split(erred.Exception);
                return new Wire.KeyErred
                {
                    Key = erred.Key,
                    BlamedKey = erred.Blame,
                    ExceptionType = type,
                    Message = text,
                    RemoteStackTrace = erred.Traceback,
                };
            case TaskKilledWorker killed:
                return new Wire.KeyErred
                {
                    Key = killed.Key,
                    BlamedKey = killed.Blame,
                    ExceptionType = KilledWorkerType,
                    Message = killed.Message,
                };
            default:
                throw new InvalidOperationException($"No client message for {instruction.GetType().Name}.");
        }
    }
}
