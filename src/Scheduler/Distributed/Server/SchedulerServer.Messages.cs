using MiniDask.Graph;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>Inbound messages: each becomes a stimulus of the state machine.</summary>
public sealed partial class SchedulerServer
{
    /// <summary>Handles one message; false when the peer closed the connection on purpose.</summary>
    /// <exception cref="ProtocolException">The message is malformed or unexpected from this peer.</exception>
    private bool Handle(ServerConnection connection, Message message)
    {
        var envelope = message.Envelope;
        switch (message.Kind)
        {
            case Wire.Envelope.KindOneofCase.RegisterWorker:
                RegisterWorker(connection, envelope.RegisterWorker, envelope.RequestId);
                return true;
            case Wire.Envelope.KindOneofCase.UpdateGraph:
                UpdateGraph(connection, message);
                return true;
            case Wire.Envelope.KindOneofCase.Cancel:
                Release(connection, envelope.Cancel);
                return true;
            case Wire.Envelope.KindOneofCase.Close:
                return false;
            case Wire.Envelope.KindOneofCase.AddKeys:
                WorkerOf(connection, message);
                return true;
            case Wire.Envelope.KindOneofCase.Heartbeat:
            case Wire.Envelope.KindOneofCase.TaskFinished:
            case Wire.Envelope.KindOneofCase.TaskErred:
            case Wire.Envelope.KindOneofCase.StealResponse:
            case Wire.Envelope.KindOneofCase.MissingData:
                FromWorker(WorkerOf(connection, message), message);
                return true;
            default:
                throw new ProtocolException($"Unexpected {message.Kind} message from {connection.Comm.Peer} at {connection.Comm.RemoteAddress}.");
        }
    }

    private static string WorkerOf(ServerConnection connection, Message message) =>
        connection.WorkerAddress
        ?? throw new ProtocolException($"A {message.Kind} message came from {connection.Comm.RemoteAddress}, which has not registered as a worker.");

    private void RegisterWorker(ServerConnection connection, Wire.RegisterWorker register, ulong requestId)
    {
        if (!CommAddress.TryParse(register.Address, out _, out var error))
        {
            throw new ProtocolException($"Worker '{register.Name}' registered with a bad address '{register.Address}': {error}");
        }

        lock (gate)
        {
            var refusal = register.Threads < 1
                ? $"A worker needs at least one thread; {register.Address} registered with {register.Threads}."
                : connection.WorkerAddress is not null || workers.ContainsKey(register.Address)
                    ? $"A worker at {register.Address} is already registered."
                    : null;
            if (refusal is not null)
            {
                connection.Post(new Message(new Wire.Envelope
                {
                    RequestId = requestId,
                    RegisterWorkerReply = new Wire.RegisterWorkerReply { Accepted = false, Reason = refusal },
                }));
                connection.CloseAfterSending();
                return;
            }

            connection.WorkerAddress = register.Address;
            workers[register.Address] = connection;
            workerInfo[register.Address] = new WorkerInfo(register.Address, register.Name, register.Threads, register.MemoryLimit);
            connection.Post(new Message(new Wire.Envelope
            {
                RequestId = requestId,
                RegisterWorkerReply = new Wire.RegisterWorkerReply
                {
                    Accepted = true,
                    HeartbeatIntervalSeconds = options.HeartbeatInterval.TotalSeconds,
                },
            }));
            ServerLog.WorkerJoined(Logger, register.Address, register.Name, register.Threads);
            Dispatch(state.HandleStimulus(new AddWorker(register.Address, register.Threads, register.MemoryLimit)), requestId: 0);
        }
    }

    private void FromWorker(string worker, Message message)
    {
        var envelope = message.Envelope;
        SchedulerStimulus stimulus = message.Kind switch
        {
            Wire.Envelope.KindOneofCase.Heartbeat => Heartbeat(worker, envelope.Heartbeat),
            Wire.Envelope.KindOneofCase.TaskFinished => new TaskFinished(
                worker, Key(envelope.TaskFinished.Key), envelope.TaskFinished.Nbytes, 0, envelope.TaskFinished.DurationSeconds, Stimulus(envelope.TaskFinished.StimulusId)),
            Wire.Envelope.KindOneofCase.TaskErred => new TaskErred(
                worker,
                Key(envelope.TaskErred.Key),
                RemoteErrorText.Join(envelope.TaskErred.ExceptionType, envelope.TaskErred.Message),
                envelope.TaskErred.RemoteStackTrace,
                Stimulus(envelope.TaskErred.StimulusId)),
            Wire.Envelope.KindOneofCase.StealResponse => new StealResponse(
                worker, Key(envelope.StealResponse.Key), envelope.StealResponse.Released, Stimulus(envelope.StealResponse.StimulusId)),
            _ => new WorkerReportsMissingData(
                worker, Key(envelope.MissingData.Key), envelope.MissingData.ErrantWorker, Stimulus(envelope.MissingData.StimulusId)),
        };

        lock (gate)
        {
            var finishing = stimulus is TaskFinished f && state.StateOf(f.Key) == SchedulerTaskState.Processing ? f.Key : null;
            var instructions = state.HandleStimulus(stimulus);
            if (finishing is not null && state.StateOf(finishing) == SchedulerTaskState.Memory)
            {
                // Progress goes first, so a client has every report before the result it waits for.
                ReportProgress(finishing);
            }

            Dispatch(instructions, requestId: 0);
        }
    }

    private Heartbeat Heartbeat(string worker, Wire.Heartbeat heartbeat)
    {
        workerInfo.AddOrUpdate(
            worker,
            _ => new WorkerInfo(worker, "", 0, 0),
            (_, info) => info with
            {
                MemoryBytes = heartbeat.MemoryBytes,
                SpilledBytes = heartbeat.SpilledBytes,
                Executing = heartbeat.Executing,
                Paused = heartbeat.Paused,
                Heartbeats = info.Heartbeats + 1,
            });
        return new Heartbeat(worker, heartbeat.MemoryBytes, [.. heartbeat.ExecutingKeys.Select(Key)], options.Clock.MonotonicSeconds,
            Bandwidth: heartbeat.Bandwidth > 0 && double.IsFinite(heartbeat.Bandwidth) ? heartbeat.Bandwidth : null,
            Paused: heartbeat.Paused);
    }

    private void UpdateGraph(ServerConnection connection, Message message)
    {
        var update = message.Envelope.UpdateGraph;
        if (string.IsNullOrEmpty(update.Client))
        {
            throw new ProtocolException($"An UpdateGraph from {connection.Comm.RemoteAddress} names no client.");
        }

        var decoded = GraphCodec.ReadUpdateGraph(message);
        var part = connection.GraphParts.GetValueOrDefault(update.Client) ?? new GraphInParts();
        part.Add(decoded);
        if (update.More)
        {
            connection.GraphParts[update.Client] = part;
            return;
        }

        connection.GraphParts.Remove(update.Client);
        var graph = part.Graph();
        var tasks = graph.ToDictionary(kv => kv.Key, kv => TaskSpec.Of(kv.Value));
        var stimulus = new UpdateGraph(update.Client, tasks, decoded.Wanted, part.Priorities, Stimulus(update.StimulusId));
        lock (gate)
        {
            if (clients.TryGetValue(update.Client, out var owner) && owner != connection)
            {
                throw new ProtocolException($"Client id '{update.Client}' is already in use by another connection.");
            }

            clients[update.Client] = connection;
            connection.ClientIds.Add(update.Client);
            if (update.ReportProgress)
            {
                progress.Track(update.Client, graph);
            }

            Dispatch(state.HandleStimulus(stimulus), message.Envelope.RequestId);
        }
    }

    private void Release(ServerConnection connection, Wire.Cancel cancel)
    {
        lock (gate)
        {
            if (!connection.ClientIds.Contains(cancel.Client))
            {
                return;
            }

            Dispatch(state.HandleStimulus(new ClientReleasesKeys(cancel.Client, [.. cancel.Keys.Select(Key)])), requestId: 0);
            if (!state.Clients.TryGetValue(cancel.Client, out var client) || client.WantsWhat.Count == 0)
            {
                // A client id with nothing left wanted is a finished compute: forget it.
                connection.ClientIds.Remove(cancel.Client);
                clients.Remove(cancel.Client);
                progress.Untrack(cancel.Client);
                Dispatch(state.HandleStimulus(new ClientDisconnected(cancel.Client)), requestId: 0);
            }
        }
    }

    private void ReportProgress(Key key)
    {
        foreach (var (client, inMemory) in progress.Finished(key, state))
        {
            if (clients.TryGetValue(client, out var connection))
            {
                connection.Post(new Message(new Wire.Envelope
                {
                    TaskProgress = new Wire.TaskProgress { Client = client, Key = GraphCodec.EncodeKey(key), InMemory = inMemory },
                }));
            }
        }
    }

    private static Key Key(Wire.KeyProto? proto) =>
        GraphCodec.DecodeKey(proto ?? throw new ProtocolException("A message lacks the key it should carry."));

    private static string? Stimulus(string id) => string.IsNullOrEmpty(id) ? null : id;
}
