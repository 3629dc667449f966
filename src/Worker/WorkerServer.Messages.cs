using System.Diagnostics;
using MiniDask.Graph;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Worker;

/// <summary>Messages from the scheduler become events; instructions become executions, transfers and messages.</summary>
public sealed partial class WorkerServer
{
    /// <summary>Tasks to run once the batch announcing their start is sent; only the event loop touches it.</summary>
    private readonly List<Execute> starting = [];

    /// <summary>Posts the event of a scheduler message; returns the reason when the scheduler closes this worker.</summary>
    private string? FromScheduler(Message message)
    {
        switch (message.Body)
        {
            case Wire.ComputeTask compute:
                var whoHas = new Dictionary<Key, IReadOnlyList<string>>(compute.Dependencies.Length);
                var nbytes = new Dictionary<Key, long>(compute.Dependencies.Length);
                foreach (var dep in compute.Dependencies)
                {
                    whoHas[dep.Key] = dep.Workers;
                    nbytes[dep.Key] = dep.NBytes;
                }

                // The run spec is decoded when the task executes, so a value this worker cannot read fails that task alone.
                Post(new ComputeTaskEvent(compute.Key, new RunSpec(compute.Run, message.Payload), compute.Priority, whoHas, nbytes, Stimulus(compute.StimulusId)));
                return null;
            case Wire.ReleaseKeys release:
                Post(new FreeKeysEvent(release.Keys, Stimulus(release.StimulusId)));
                return null;
            case Wire.StealRequest steal:
                Post(new StealRequestEvent(steal.Key, Stimulus(steal.StimulusId)));
                return null;
            case Wire.RefreshWhoHas refresh:
                Post(new RefreshWhoHasEvent(refresh.WhoHas.ToDictionary(l => l.Key, l => (IReadOnlyList<string>)l.Workers), Stimulus(refresh.StimulusId)));
                return null;
            case Wire.UploadCode upload:
                Code.Add(upload, message);
                return null;
            case Wire.ReleaseCode release:
                Code.Release(release.Owner);
                return null;
            case Wire.CreateActor create:
                CreateActor(create, message);
                return null;
            case Wire.ReleaseActor release:
                Actors.Release(release.ActorId);
                return null;
            case Wire.Ping:
                return null;
            case Wire.AcquireReplicas acquire:
                AcquireReplicas(acquire, message.RequestId);
                return null;
            case Wire.RetireWorker retire:
                Retired = true;
                return $"retired by the scheduler: {retire.Reason}";
            case Wire.RestartWorker restart:
                RestartRequested = true;
                return $"restarted by the scheduler: {restart.Reason}";
            case Wire.Close close:
                return $"closed by the scheduler: {close.Reason}";
            case Wire.Shutdown shutdown:
                return $"shut down by the scheduler: {shutdown.Reason}";
            default:
                throw new ProtocolException($"Unexpected {message.Body} message from the scheduler.");
        }
    }

    /// <summary>
    /// Runs the tasks whose TaskStarted went out with the last batch: a task runs only once the
    /// scheduler has been told, so a task that kills this worker is blamed for it and no other is.
    /// </summary>
    private void StartExecuting()
    {
        foreach (var execute in starting)
        {
            executor.Post(() => Run(execute));
        }

        starting.Clear();
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

                outgoing.Add(new Message(new Wire.TaskStarted { Key = execute.Key, StimulusId = execute.StimulusId }));
                starting.Add(execute);
                break;
            case GatherDep gather:
                _ = Task.Run(() => GatherAsync(gather));
                break;
            case ReleaseData release:
                Store.Remove(release.Key);
                break;
            case SendTaskFinished finished:
                outgoing.Add(new Message(new Wire.TaskFinished
                {
                    Key = finished.Key,
                    NBytes = finished.NBytes,
                    DurationSeconds = finished.StopTime - finished.StartTime,
                    StimulusId = finished.StimulusId,
                    StartTime = finished.StartTime > 0 ? UnixTime.FromMonotonic(finished.StartTime) : 0,
                    Thread = TakeLane(finished.Key),
                }));
                break;
            case SendTaskErred erred:
                TakeLane(erred.Key);
                var (type, text) = RemoteErrorText.Split(erred.Exception);
                outgoing.Add(new Message(new Wire.TaskErred
                {
                    Key = erred.Key,
                    ExceptionType = type,
                    Message = text,
                    RemoteStackTrace = erred.Traceback,
                    StimulusId = erred.StimulusId,
                }));
                break;
            case SendLongRunning longRunning:
                outgoing.Add(new Message(new Wire.TaskLongRunning { Key = longRunning.Key, StimulusId = longRunning.StimulusId }));
                break;
            case SendStealResponse steal:
                outgoing.Add(new Message(new Wire.StealResponse
                {
                    Key = steal.Key,
                    Released = steal.Accepted,
                    State = steal.State?.ToString() ?? "",
                    StimulusId = steal.StimulusId,
                }));
                break;
            case SendReplicasAcquired acquired:
                outgoing.Add(ReplicasAcquired(acquired));
                break;
            case SendMissingData missing:
                outgoing.Add(new Message(new Wire.MissingData { Key = missing.Key, ErrantWorker = missing.Peer, StimulusId = missing.StimulusId }));
                break;
        }
    }

    /// <summary>Runs a task on a task thread and posts its outcome; its dependencies are in the store.</summary>
    private void Run(Execute execute)
    {
        var start = Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        NoteLane(execute.Key);
        WorkerEvent outcome;
        var lookup = new LeasingLookup(Store);
        try
        {
            Store.MakeRoomFor(execute.InputBytes, execute.Inputs);
            using var scope = Code.Enter(RunSpecCodec.ReadOwner(execute.Run));
            using var context = TaskContext.Enter(ContextFor(execute.Key, RunSpecCodec.ReadOwner(execute.Run)));
            var result = TaskRunner.Run(RunSpecCodec.Decode(execute.Run), lookup, Device);
            var nbytes = Store.Put(execute.Key, result);
            outcome = new ExecuteSuccessEvent(execute.Key, nbytes, start, Now());
        }
        catch (OutOfMemoryException)
        {
            // Not the task's error but the process's: its tasks go elsewhere and a fresh process
            // takes its place, instead of failing a computation that fits on a worker with room.
            StopForMemory($"task {execute.Key} ran out of memory");
            return;
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
            Interlocked.Add(ref fetchedBytes, received.Values.Sum());
            StreamTransfer(gather, received.Values.Sum(), started);

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
