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
        switch (message.Body)
        {
            case Wire.RegisterWorker register:
                RegisterWorker(connection, register, message.RequestId);
                return true;
            case Wire.UpdateGraph update:
                try
                {
                    UpdateGraph(connection, update, message);
                }
                catch (ProtocolException e)
                {
                    // Only the graph is refused: its client hears why, and the connection carries on.
                    RefuseGraph(connection, update, message.RequestId, e.Message);
                }

                return true;
            case Wire.Cancel cancel:
                Release(connection, cancel);
                return true;
            case Wire.UploadCode upload:
                UploadCode(connection, message, upload);
                return true;
            case Wire.CoordinationRequest or Wire.CancelCoordination or Wire.CreateActor or Wire.LookupActor or Wire.ReleaseActor or Wire.ActorCreated:
                HandleCoordination(connection, message);
                return true;
            case Wire.ClusterOperation operation:
                StartClusterOperation(connection, operation, message.RequestId);
                return true;
            case Wire.ReplicasAcquired acquired:
                ReplicasAcquired(connection, acquired, message.RequestId);
                return true;
            case Wire.Close:
                return false;
            case Wire.Heartbeat or Wire.TaskStarted or Wire.TaskLongRunning or Wire.TaskFinished or Wire.TaskErred or Wire.StealResponse or Wire.MissingData:
                FromWorker(WorkerOf(connection, message), message.Body);
                return true;
            case var _ when HandleFutures(connection, message):
                return true;
            case Wire.WorkerDiagnostics diagnostics:
                WorkerReported(WorkerOf(connection, message), diagnostics);
                return true;
            case Wire.DiagnosticsRequest request:
                AnswerDiagnostics(connection, request, message.RequestId);
                return true;
            default:
                throw new ProtocolException($"Unexpected {message.Body} message from {connection.Comm.Peer} at {connection.Comm.RemoteAddress}.");
        }
    }

    private static string WorkerOf(ServerConnection connection, Message message) =>
        connection.WorkerAddress
        ?? throw new ProtocolException($"A {message.Body} message came from {connection.Comm.RemoteAddress}, which has not registered as a worker.");

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
                connection.Post(new Message(new Wire.RegisterWorkerReply { Accepted = false, Reason = refusal }) { RequestId = requestId });
                connection.CloseAfterSending();
                return;
            }

            connection.WorkerAddress = register.Address;
            workers[register.Address] = connection;
            workerInfo[register.Address] = new WorkerInfo(register.Address, register.Name, register.Threads, register.MemoryLimit);
            connection.Post(new Message(new Wire.RegisterWorkerReply
            {
                Accepted = true,
                HeartbeatIntervalSeconds = options.HeartbeatInterval.TotalSeconds,
            })
            { RequestId = requestId });
            ServerLog.WorkerJoined(Logger, register.Address, register.Name, register.Threads);

            // Code that clients uploaded before this worker joined reaches it before any of their tasks.
            foreach (var upload in code.Uploads())
            {
                connection.Post(upload);
            }

            Dispatch(state.HandleStimulus(new AddWorker(register.Address, register.Threads, register.MemoryLimit, Name: register.Name, Resources: register.Resources)), requestId: 0);
        }
    }

    private void FromWorker(string worker, Wire.WireMessage body)
    {
        SchedulerStimulus stimulus = body switch
        {
            Wire.Heartbeat heartbeat => Heartbeat(worker, heartbeat),
            Wire.TaskStarted started => new TaskStarted(worker, started.Key, Stimulus(started.StimulusId)),
            Wire.TaskLongRunning seceded => new TaskLongRunning(worker, seceded.Key, Stimulus(seceded.StimulusId)),
            Wire.TaskFinished finished => new TaskFinished(worker, finished.Key, finished.NBytes, 0, finished.DurationSeconds, Stimulus(finished.StimulusId)),
            Wire.TaskErred erred => new TaskErred(
                worker, erred.Key, RemoteErrorText.Join(erred.ExceptionType, erred.Message), erred.RemoteStackTrace, Stimulus(erred.StimulusId)),
            Wire.StealResponse steal => new StealResponse(worker, steal.Key, steal.Released, Stimulus(steal.StimulusId)),
            Wire.MissingData missing => new WorkerReportsMissingData(worker, missing.Key, missing.ErrantWorker, Stimulus(missing.StimulusId)),
            _ => throw new ProtocolException($"Unexpected {body} message from worker {worker}."),
        };
        Record(worker, body);

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
        return new Heartbeat(worker, heartbeat.MemoryBytes, heartbeat.ExecutingKeys, options.Clock.MonotonicSeconds,
            Bandwidth: heartbeat.Bandwidth > 0 && double.IsFinite(heartbeat.Bandwidth) ? heartbeat.Bandwidth : null,
            Paused: heartbeat.Paused);
    }

    private void UpdateGraph(ServerConnection connection, Wire.UpdateGraph update, Message message)
    {
        if (connection.RefusedGraphs.TryGetValue(update.Client, out var refused))
        {
            // An earlier part was refused: the rest of that graph is dropped, and its last part answered.
            if (!update.More)
            {
                connection.RefusedGraphs.Remove(update.Client);
                throw new ProtocolException(refused);
            }

            return;
        }

        var (tasks, wanted) = GraphMessages.Read(message);
        var part = connection.GraphParts.GetValueOrDefault(update.Client) ?? new GraphInParts();
        part.Add(tasks);
        if (update.More)
        {
            connection.GraphParts[update.Client] = part;
            return;
        }

        connection.GraphParts.Remove(update.Client);
        var stimulus = new UpdateGraph(update.Client, part.Tasks, wanted, part.Priorities, Stimulus(update.StimulusId));
        SeeGroups(part.Tasks);
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
                progress.Track(update.Client, part.Tasks);
            }

            Dispatch(state.HandleStimulus(stimulus), message.RequestId);
        }
    }

    /// <summary>
    /// Refuses the graph that <paramref name="update"/> is part of: its last part is answered with
    /// an error naming <paramref name="reason"/>; until then its parts are dropped.
    /// </summary>
    private void RefuseGraph(ServerConnection connection, Wire.UpdateGraph update, ulong requestId, string reason)
    {
        connection.GraphParts.Remove(update.Client);
        ServerLog.RefusedGraph(Logger, update.Client, connection.ToString(), reason);
        if (update.More)
        {
            connection.RefusedGraphs[update.Client] = reason;
            return;
        }

        connection.Post(new Message(new Wire.ErrorReply { ExceptionType = typeof(GraphValidationException).FullName!, Message = reason })
        {
            RequestId = requestId,
        });
    }

    private void Release(ServerConnection connection, Wire.Cancel cancel)
    {
        lock (gate)
        {
            if (!connection.ClientIds.Contains(cancel.Client))
            {
                return;
            }

            Dispatch(state.HandleStimulus(new ClientReleasesKeys(cancel.Client, cancel.Keys)), requestId: 0);
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
                connection.Post(new Message(new Wire.TaskProgress { Client = client, Key = key, InMemory = inMemory }));
            }
        }
    }

    private static string? Stimulus(string id) => string.IsNullOrEmpty(id) ? null : id;
}
