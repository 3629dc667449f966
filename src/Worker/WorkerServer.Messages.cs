using System.Diagnostics;
using MiniDask.Graph;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Worker;

/// <summary>Messages from the scheduler become events; instructions become executions, transfers and messages.</summary>
public sealed partial class WorkerServer
{
    /// <summary>Posts the event of a scheduler message; returns the reason when the scheduler closes this worker.</summary>
    private string? FromScheduler(Message message)
    {
        var envelope = message.Envelope;
        switch (message.Kind)
        {
            case Wire.Envelope.KindOneofCase.ComputeTask:
                var compute = envelope.ComputeTask;
                var whoHas = new Dictionary<Key, IReadOnlyList<string>>();
                var nbytes = new Dictionary<Key, long>();
                foreach (var dep in compute.Dependencies)
                {
                    var key = GraphCodec.DecodeKey(dep.Key);
                    whoHas[key] = [.. dep.Workers];
                    nbytes[key] = dep.Nbytes;
                }

                Post(new ComputeTaskEvent(
                    GraphCodec.DecodeKey(compute.Key),
                    GraphCodec.DecodeTask(compute.Task ?? throw new ProtocolException("A ComputeTask came without its task."), message),
                    compute.Priority.Count > 0 ? compute.Priority[0] : 0,
                    whoHas,
                    nbytes,
                    Stimulus(compute.StimulusId)));
                return null;
            case Wire.Envelope.KindOneofCase.ReleaseKeys:
                Post(new FreeKeysEvent([.. envelope.ReleaseKeys.Keys.Select(GraphCodec.DecodeKey)], Stimulus(envelope.ReleaseKeys.StimulusId)));
                return null;
            case Wire.Envelope.KindOneofCase.StealRequest:
                Post(new StealRequestEvent(GraphCodec.DecodeKey(envelope.StealRequest.Key), Stimulus(envelope.StealRequest.StimulusId)));
                return null;
            case Wire.Envelope.KindOneofCase.RefreshWhoHas:
                Post(new RefreshWhoHasEvent(
                    envelope.RefreshWhoHas.WhoHas.ToDictionary(l => GraphCodec.DecodeKey(l.Key), l => (IReadOnlyList<string>)[.. l.Workers]),
                    Stimulus(envelope.RefreshWhoHas.StimulusId)));
                return null;
            case Wire.Envelope.KindOneofCase.Close:
                return $"closed by the scheduler: {envelope.Close.Reason}";
            case Wire.Envelope.KindOneofCase.Shutdown:
                return $"shut down by the scheduler: {envelope.Shutdown.Reason}";
            case Wire.Envelope.KindOneofCase.HeartbeatReply:
                return null;
            default:
                throw new ProtocolException($"Unexpected {message.Kind} message from the scheduler.");
        }
    }

    /// <summary>Does what <paramref name="instruction"/> says; messages for the scheduler are added to <paramref name="outgoing"/>, sent as one batch by the caller.</summary>
    private void Perform(WorkerInstruction instruction, List<Message> outgoing)
    {
        switch (instruction)
        {
            case Execute execute:
                lock (executing)
                {
                    executing.Add(execute.Key);
                }

                executor.Post(() => Run(execute));
                break;
            case GatherDep gather:
                _ = Task.Run(() => GatherAsync(gather));
                break;
            case ReleaseData release:
                Store.Remove(release.Key);
                break;
            case SendTaskFinished finished:
                outgoing.Add(new Message(new Wire.Envelope
                {
                    TaskFinished = new Wire.TaskFinished
                    {
                        Key = GraphCodec.EncodeKey(finished.Key),
                        Nbytes = finished.NBytes,
                        DurationSeconds = finished.StopTime - finished.StartTime,
                        StimulusId = finished.StimulusId,
                    },
                }));
                break;
            case SendTaskErred erred:
                var (type, text) = RemoteErrorText.Split(erred.Exception);
                outgoing.Add(new Message(new Wire.Envelope
                {
                    TaskErred = new Wire.TaskErred
                    {
                        Key = GraphCodec.EncodeKey(erred.Key),
                        ExceptionType = type,
                        Message = text,
                        RemoteStackTrace = erred.Traceback,
                        StimulusId = erred.StimulusId,
                    },
                }));
                break;
            case SendStealResponse steal:
                outgoing.Add(new Message(new Wire.Envelope
                {
                    StealResponse = new Wire.StealResponse
                    {
                        Key = GraphCodec.EncodeKey(steal.Key),
                        Released = steal.Accepted,
                        State = steal.State?.ToString() ?? "",
                        StimulusId = steal.StimulusId,
                    },
                }));
                break;
            case SendMissingData missing:
                outgoing.Add(new Message(new Wire.Envelope
                {
                    MissingData = new Wire.MissingData { Key = GraphCodec.EncodeKey(missing.Key), ErrantWorker = missing.Peer, StimulusId = missing.StimulusId },
                }));
                break;
        }
    }

    /// <summary>Runs a task on a task thread and posts its outcome; its dependencies are in the store.</summary>
    private void Run(Execute execute)
    {
        var start = Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        WorkerEvent outcome;
        var lookup = new LeasingLookup(Store);
        try
        {
            var result = TaskRunner.Run(execute.Task, lookup, Device);
            var nbytes = Store.Put(execute.Key, result);
            outcome = new ExecuteSuccessEvent(execute.Key, nbytes, start, Now());
        }
        catch (Exception e)
        {
            outcome = new ExecuteFailureEvent(execute.Key, RemoteErrorText.Format(e), e.ToString(), start, Now());
        }
        finally
        {
            lookup.EndLeases();
        }

        lock (executing)
        {
            executing.Remove(execute.Key);
        }

        Post(outcome);
    }

    private static double Now() => Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;

    private async Task GatherAsync(GatherDep gather)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            var values = await peers.GetDataAsync(gather.Peer, gather.Keys, Address, stopping.Token).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var received = new Dictionary<Key, long>();
            foreach (var (key, value) in values)
            {
                received[key] = Store.Put(key, value);
            }

            RecordTransfer(received.Values.Sum(), seconds);

            Post(new GatherDepSuccessEvent(gather.Peer, gather.Keys, received));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (Exception e) when (e is IOException or NotSupportedException)
        {
            Post(new GatherDepFailureEvent(gather.Peer, gather.Keys, e.Message));
        }
    }

    private static string? Stimulus(string id) => string.IsNullOrEmpty(id) ? null : id;

    /// <summary>A task's view of the store: every dependency it reads is leased until the task is done.</summary>
    private sealed class LeasingLookup(MemoryStore store) : IResultLookup
    {
        private readonly List<object?> leased = [];

        public object? Get(Key key)
        {
            if (!store.TryLease(key, out var value))
            {
                throw new KeyNotFoundException($"Worker holds no result for {key}.");
            }

            leased.Add(value);
            return value;
        }

        public void EndLeases()
        {
            foreach (var value in leased)
            {
                store.EndLease(value);
            }

            leased.Clear();
        }
    }
}
