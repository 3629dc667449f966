using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MiniDask.Graph;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Worker;

/// <summary>
/// The worker's part in moving data and changing the cluster: fetching the replicas the scheduler
/// asks for, leaving when retired or restarted, and registering again after losing the scheduler.
/// </summary>
public sealed partial class WorkerServer
{
    /// <summary>Whether the scheduler retired this worker (its data moved elsewhere): a supervisor should not replace it.</summary>
    public bool Retired { get; private set; }

    /// <summary>Whether the scheduler restarted the cluster: a supervisor should start a fresh worker.</summary>
    public bool RestartRequested { get; private set; }

    /// <summary>How many times the worker registered again after losing its scheduler.</summary>
    public int Reconnections { get; private set; }

    /// <summary>
    /// The exit code a worker process ends with after this worker stopped: <see cref="Wire.WorkerExitCodes.Retired"/>,
    /// <see cref="Wire.WorkerExitCodes.Restart"/>, or 0.
    /// </summary>
    public int ExitCode => Retired ? Wire.WorkerExitCodes.Retired : RestartRequested ? Wire.WorkerExitCodes.Restart : 0;

    /// <summary>Fetches the keys of <paramref name="acquire"/> from their holders, in the background, and posts what arrived.</summary>
    private void AcquireReplicas(Wire.AcquireReplicas acquire, ulong requestId) =>
        _ = Task.Run(async () =>
        {
            var received = new Dictionary<Key, long>();
            var remaining = acquire.WhoHas.Where(l => !Store.Contains(l.Key)).ToList();
            foreach (var held in acquire.WhoHas.Where(l => Store.Contains(l.Key)))
            {
                received[held.Key] = held.NBytes;
            }

            // Each round asks every key's next holder, so a holder that fails costs one round, not the key.
            for (var attempt = 0; remaining.Count > 0 && !stopping.IsCancellationRequested; attempt++)
            {
                var byPeer = remaining.Where(l => attempt < l.Workers.Length).GroupBy(l => l.Workers[attempt], l => l.Key, StringComparer.Ordinal).ToList();
                if (byPeer.Count == 0)
                {
                    break;
                }

                foreach (var group in byPeer)
                {
                    try
                    {
                        var started = Stopwatch.GetTimestamp();
                        var values = await peers.GetDataAsync(group.Key, [.. group], Address, stopping.Token).ConfigureAwait(false);
                        long bytes = 0;
                        foreach (var (key, value) in values)
                        {
                            bytes += received[key] = Store.Put(key, value);
                        }

                        RecordTransfer(bytes, Stopwatch.GetElapsedTime(started).TotalSeconds);
                    }
                    catch (Exception e) when (e is IOException or NotSupportedException)
                    {
                        WorkerLog.ReplicaFetchFailed(Logger, Address, group.Key, e.Message);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }

                remaining.RemoveAll(l => received.ContainsKey(l.Key));
            }

            Post(new ReplicasFetchedEvent(requestId, received, [.. remaining.Select(l => l.Key)], Stimulus(acquire.StimulusId)));
        });

    /// <summary>The message that answers a <see cref="SendReplicasAcquired"/> instruction.</summary>
    private static Message ReplicasAcquired(SendReplicasAcquired acquired) =>
        new(new Wire.ReplicasAcquired
        {
            Keys = [.. acquired.Keys],
            NBytes = [.. acquired.NBytes],
            Missing = [.. acquired.Missing],
            StimulusId = acquired.StimulusId,
        })
        { RequestId = acquired.RequestId };

    /// <summary>
    /// After the scheduler connection broke: connects and registers again, backing off from 0.1 s
    /// to 1 s between tries, until <see cref="WorkerOptions.ReconnectTimeout"/> has passed. A
    /// scheduler that still lists this worker (it has not noticed the loss yet) refuses it, and
    /// that is tried again too. Returns null once registered, else why the worker gives up.
    /// </summary>
    private async Task<string?> ReconnectAsync(string lostBecause)
    {
        var address = scheduler.RemoteAddress;
        WorkerLog.Reconnecting(Logger, Address, address, lostBecause, options.ReconnectTimeout.TotalSeconds);
        await scheduler.CloseAsync().ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(100);
        var last = lostBecause;
        while (!stopping.IsCancellationRequested)
        {
            var left = options.ReconnectTimeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return $"{lostBecause}; no scheduler at {address} took it back within {options.ReconnectTimeout.TotalSeconds:0.#} s (last: {last})";
            }

            Comm? comm = null;
            try
            {
                comm = await ConnectToSchedulerAsync(address, options.Comm, left, stopping.Token).ConfigureAwait(false);
                await RegisterAsync(comm, stopping.Token).ConfigureAwait(false);
                scheduler = comm;
                Reconnections++;
                WorkerLog.Reconnected(Logger, Address, address, clock.Elapsed.TotalSeconds, Store.Count);
                Post(new SchedulerReconnectedEvent());
                return null;
            }
            catch (OperationCanceledException)
            {
                return null;
            }
            catch (Exception e) when (e is IOException or ProtocolException)
            {
                last = e.Message;
                if (comm is not null)
                {
                    await comm.CloseAsync().ConfigureAwait(false);
                }
            }

            await Task.Delay(pause, stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.TicksPerSecond));
        }

        return null;
    }
}
