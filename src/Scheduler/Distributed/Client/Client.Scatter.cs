using MiniDask.Graph;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Scatter (Dask's <c>client.scatter</c>): values go from this process straight to workers once, and
/// the scheduler records them as results in memory there. Tasks given the futures read the values in
/// place; a task on another worker fetches a value once for that worker, as any other input.
/// </summary>
public sealed partial class Client
{
    /// <summary>Values sent to one worker in one message, so each stays well under the frame limits.</summary>
    private const int ScatterBatch = 128;

    /// <summary>Once the values of one message reach this many bytes, they are sent and a new message begins.</summary>
    private const long ScatterBatchBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Places <paramref name="value"/> on a worker (on every worker with <paramref name="broadcast"/>)
    /// and gives its future; pass the future to tasks instead of the value, which then travels once.
    /// </summary>
    /// <exception cref="NotSupportedException">The value has no codec; the message names the type.</exception>
    /// <exception cref="InvalidOperationException">The cluster has no worker.</exception>
    public async Task<Future<T>> ScatterAsync<T>(T value, bool broadcast = false, CancellationToken cancellationToken = default) =>
        (await ScatterManyAsync([value], broadcast, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Places each of <paramref name="values"/> on a worker, spread over the workers holding the
    /// least data (or every value on every worker with <paramref name="broadcast"/>), and gives
    /// their futures in order.
    /// </summary>
    /// <exception cref="NotSupportedException">A value has no codec; the message names the type.</exception>
    /// <exception cref="InvalidOperationException">The cluster has no worker.</exception>
    public async Task<IReadOnlyList<Future<T>>> ScatterManyAsync<T>(IEnumerable<T> values, bool broadcast = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var items = values.ToList();
        if (items.Count == 0)
        {
            return [];
        }

        var info = await SchedulerInfoAsync(cancellationToken).ConfigureAwait(false);
        var addresses = info.Workers.Values.OrderBy(w => w.NBytes).ThenBy(w => w.Address, StringComparer.Ordinal).Select(w => w.Address).ToList();
        if (addresses.Count == 0)
        {
            throw new InvalidOperationException($"The scheduler at {SchedulerAddress} has no worker to scatter {items.Count} value(s) to; start workers first.");
        }

        var prefix = "scatter-" + typeof(T).Name.ToLowerInvariant();
        var keys = items.Select(_ => new Key(Tokenize.Name(prefix, Guid.NewGuid().ToString("N")))).ToList();
        var holders = keys.Select(_ => new List<string>()).ToList();
        var sizes = new long[items.Count];
        await Task.WhenAll(addresses.Select((worker, w) => SendAsync(worker, [.. Enumerable.Range(0, items.Count).Where(i => broadcast || i % addresses.Count == w)]))).ConfigureAwait(false);

        // One worker's values go in messages of at most ScatterBatch values or about ScatterBatchBytes each.
        async Task SendAsync(string worker, int[] mine)
        {
            var builder = new MessageBuilder();
            var data = new List<Wire.KeyValue>();
            var batch = new List<int>();
            foreach (var i in mine)
            {
                data.Add(new Wire.KeyValue { Key = keys[i], Value = builder.AddValue(items[i]) });
                batch.Add(i);
                if (batch.Count == ScatterBatch || builder.Payload.Sum(p => (long)p.Length) >= ScatterBatchBytes || i == mine[^1])
                {
                    var (reply, _) = await RequestWorkerAsync<Wire.ScatterDataReply>(worker, builder.Build(new Wire.ScatterData { Data = [.. data], Client = Id }), cancellationToken).ConfigureAwait(false);
                    lock (holders)
                    {
                        for (var j = 0; j < batch.Count; j++)
                        {
                            holders[batch[j]].Add(worker);
                            sizes[batch[j]] = reply.NBytes.ElementAtOrDefault(j);
                        }
                    }

                    builder = new MessageBuilder();
                    data.Clear();
                    batch.Clear();
                }
            }
        }

        var update = new Wire.UpdateData
        {
            Data = [.. keys.Select((k, i) => new Wire.DependencyLocation { Key = k, Workers = [.. holders[i]], NBytes = sizes[i] })],
        };
        return await FuturesOfHeldKeysAsync<T>(keys, clientId => new Message(new Wire.UpdateData { Client = clientId, Data = update.Data })).ConfigureAwait(false);
    }

    /// <summary>
    /// Futures of keys already on the cluster (scattered, or a dataset's): each is tracked under a new
    /// client id before <paramref name="want"/>'s message for that id goes to the scheduler, which
    /// answers with each key's location.
    /// </summary>
    private async Task<IReadOnlyList<Future<T>>> FuturesOfHeldKeysAsync<T>(IReadOnlyList<Key> keys, Func<string, Message> want)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        var number = (ulong)Interlocked.Increment(ref computeCount);
        var clientId = $"{Id}#{number}";
        var futures = keys.Distinct().Select(key => new Future<T>(this, new Computation(clientId, TaskGraph.Empty, [key], progress: null), number)).ToList();
        foreach (var future in futures)
        {
            Track(future.Computation, number);
            Hold(future.Key);
        }

        await scheduler.SendAsync(want(clientId)).ConfigureAwait(false);
        return futures;
    }
}
