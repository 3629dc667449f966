using MiniDask.Graph;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>The client's receive loop: results, errors and progress from the scheduler, routed to computations.</summary>
public sealed partial class Client
{
    private void Track(Computation computation, ulong requestId)
    {
        lock (waiting)
        {
            if (lost is not null)
            {
                throw LostScheduler(lost);
            }

            byClientId.TryAdd(computation.ClientId, computation);
            byRequest.TryAdd(requestId, computation);
            foreach (var key in computation.Wanted)
            {
                if (!waiting.TryGetValue(key, out var list))
                {
                    waiting[key] = list = [];
                }

                list.Add(computation);
            }
        }
    }

    private void Untrack(Computation computation, ulong requestId)
    {
        lock (waiting)
        {
            if (byClientId.GetValueOrDefault(computation.ClientId) == computation)
            {
                byClientId.Remove(computation.ClientId);
            }

            if (byRequest.GetValueOrDefault(requestId) == computation)
            {
                byRequest.Remove(requestId);
            }
            foreach (var key in computation.Wanted)
            {
                if (waiting.TryGetValue(key, out var list) && list.Remove(computation) && list.Count == 0)
                {
                    waiting.Remove(key);
                }
            }
        }
    }

    private async Task ReleaseAsync(Computation computation)
    {
        var cancel = new Wire.Cancel { Client = computation.ClientId, Keys = [.. computation.Wanted] };
        try
        {
            await scheduler.SendAsync(new Message(cancel)).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // A scheduler that is gone holds nothing for this client any more.
        }
    }

    /// <summary>
    /// Receives until the comm closes, or until the scheduler has been silent for the scheduler
    /// timeout (it pings every heartbeat interval): a stopped scheduler or a cut link sends no
    /// reset, and without the deadline every pending call would wait forever.
    /// </summary>
    private async Task ReceiveLoopAsync()
    {
        var silence = new CancellationTokenSource();
        try
        {
            while (true)
            {
                if (!silence.TryReset())
                {
                    silence.Dispose();
                    silence = new CancellationTokenSource();
                }

                silence.CancelAfter(schedulerTimeout);
                Message message;
                try
                {
                    message = await scheduler.ReceiveAsync(silence.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    await scheduler.CloseAsync().ConfigureAwait(false);
                    throw new SchedulerSilentException(SchedulerAddress, schedulerTimeout);
                }

                Route(message);
            }
        }
        catch (IOException e)
        {
            FailAll(e);
        }
        finally
        {
            silence.Dispose();
        }
    }

    private void Route(Message message)
    {
        if (message.RequestId != 0 && AnswerRequest(message))
        {
            return;
        }

        switch (message.Body)
        {
            case Wire.KeyInMemory memory:
                foreach (var computation in Waiting(memory.Key))
                {
                    computation.KeyInMemory(memory.Key, memory.Workers);
                }

                break;
            case Wire.KeyErred erred:
                foreach (var computation in Waiting(erred.Key))
                {
                    computation.Fail(ErrorOf(computation, erred));
                }

                break;
            case Wire.TaskProgress progress:
                Computation? tracked;
                lock (waiting)
                {
                    tracked = byClientId.GetValueOrDefault(progress.Client);
                }

                tracked?.TaskFinished(progress.InMemory);
                break;
            case Wire.ErrorReply error:
                Computation? refused;
                lock (waiting)
                {
                    refused = byRequest.GetValueOrDefault(message.RequestId);
                }

                refused?.Fail(new GraphValidationException($"The scheduler refused the graph: {error.Message}"));
                break;
            case Wire.Close close:
                throw new CommClosedException($"The scheduler at {SchedulerAddress} closed the connection: {close.Reason}");
            default:
                RoutePushed(message);
                break;
        }
    }

    private List<Computation> Waiting(Key key)
    {
        lock (waiting)
        {
            return waiting.TryGetValue(key, out var list) ? [.. list] : [];
        }
    }

    private static Exception ErrorOf(Computation computation, Wire.KeyErred erred)
    {
        var blamed = erred.BlamedKey;
        if (erred.ExceptionType == SchedulerServer.KilledWorkerType)
        {
            return new KilledWorkerException(blamed, erred.Message);
        }

        if (erred.ExceptionType == SchedulerServer.RestartedType)
        {
            return new ClusterRestartedException($"Key {blamed}: {erred.Message}");
        }

        var error = RemoteErrors.Create(erred.ExceptionType, erred.Message, erred.RemoteStackTrace);
        return computation.Graph.TryGetValue(blamed, out var task)
            ? TaskFailedException.For(blamed, task, error)
            : new TaskFailedException(blamed, "?", error);
    }

    private void FailAll(Exception cause)
    {
        List<Computation> all;
        lock (waiting)
        {
            lost = cause;
            all = [.. waiting.Values.SelectMany(list => list).Distinct()];
        }

        foreach (var computation in all)
        {
            computation.Fail(LostScheduler(cause));
        }

        FailRequests(cause);
    }

    private IOException LostScheduler(Exception cause) => cause is SchedulerSilentException
        ? new SchedulerSilentException($"Client {Id} {cause.Message}", cause)
        : new IOException($"Client {Id} lost its scheduler at {SchedulerAddress}: {cause.Message}", cause);
}
