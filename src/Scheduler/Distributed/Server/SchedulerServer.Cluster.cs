using System.Collections.Concurrent;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Moving data and changing the set of workers, as Dask's scheduler does for <c>replicate</c>,
/// <c>rebalance</c>, <c>retire_workers</c> and <c>restart</c>: the state machine plans the copies,
/// workers fetch them from their peers (<see cref="Wire.AcquireReplicas"/>), and only once they
/// answered does the scheduler free a moved key or close a retired worker, so nothing is lost and
/// nothing is recomputed. One such operation runs at a time.
/// </summary>
public sealed partial class SchedulerServer
{
    private static readonly TimeSpan AcquireTimeout = TimeSpan.FromSeconds(120);
    private readonly ConcurrentDictionary<ulong, (ServerConnection Worker, TaskCompletionSource<Wire.ReplicasAcquired> Reply)> acquiring = new();
    private readonly SemaphoreSlim clusterOperations = new(1, 1);
    private long acquireCount;

    /// <summary>
    /// Copies each of <paramref name="keys"/> (results in memory) until <paramref name="count"/>
    /// workers hold it, or every worker when there are fewer. Returns how many copies were made.
    /// </summary>
    /// <exception cref="ArgumentException">A key is not in memory; the message names it.</exception>
    public Task<int> ReplicateAsync(IReadOnlyList<Graph.Key> keys, int count, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () => await MoveAsync(Plan(s => s.PlanReplicate(keys, count)), cancellationToken).ConfigureAwait(false), cancellationToken);

    /// <summary>Moves results from workers holding more than the mean to those holding less; returns how many moved.</summary>
    public Task<int> RebalanceAsync(IReadOnlyCollection<Graph.Key>? keys = null, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(
            async () =>
            {
                var moves = Plan(s => s.PlanRebalance(keys));
                var moved = await MoveAsync(moves, cancellationToken).ConfigureAwait(false);
                lock (gate)
                {
                    foreach (var group in moves.Where(m => m.DropFrom is not null).GroupBy(m => m.DropFrom!, StringComparer.Ordinal))
                    {
                        Dispatch(state.HandleStimulus(new DropReplicas(group.Key, [.. group.Select(m => m.Key)])), requestId: 0);
                    }
                }

                return moved;
            },
            cancellationToken);

    /// <summary>
    /// Retires <paramref name="workers"/> (addresses or names): nothing new is placed on them, the
    /// results only they hold are copied to the workers that stay, and then they are closed for
    /// good (a worker process exits with <see cref="Wire.WorkerExitCodes.Retired"/>). Returns the
    /// addresses retired.
    /// </summary>
    /// <exception cref="ArgumentException">A worker is unknown, or its results would have nowhere to go.</exception>
    public Task<IReadOnlyList<string>> RetireWorkersAsync(IEnumerable<string> workers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workers);
        var named = workers.ToList();
        return ExclusiveAsync<IReadOnlyList<string>>(
            async () =>
            {
                var addresses = Resolve(named);
                lock (gate)
                {
                    Dispatch(state.HandleStimulus(new StartRetiring(addresses)), requestId: 0);
                }

                try
                {
                    // Tasks that finish on a retiring worker while its data moves leave more to move.
                    for (var round = 0; round < 3; round++)
                    {
                        var moves = Plan(s => s.PlanRetire(addresses));
                        if (moves.Count == 0)
                        {
                            break;
                        }

                        await MoveAsync(moves, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch
                {
                    lock (gate)
                    {
                        Dispatch(state.HandleStimulus(new StopRetiring(addresses)), requestId: 0);
                    }

                    throw;
                }

                lock (gate)
                {
                    Dispatch(state.HandleStimulus(new RetireWorkers(addresses)), requestId: 0);
                }

                return addresses;
            },
            cancellationToken);
    }

    /// <summary>
    /// Restarts the cluster: every key a client waits for or holds fails as restarted, every task
    /// is forgotten, and every worker is told to restart (its process exits with
    /// <see cref="Wire.WorkerExitCodes.Restart"/>, and a supervisor such as <see cref="LocalCluster"/>
    /// starts a fresh one). Waits, up to <paramref name="timeout"/> (default 30 s), until as many
    /// workers have registered again, as Dask's restart does; workers nobody supervises do not come
    /// back. Returns the addresses of the workers restarted.
    /// </summary>
    public Task<IReadOnlyList<string>> RestartAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ExclusiveAsync<IReadOnlyList<string>>(
            async () =>
            {
                List<string> restarted;
                lock (gate)
                {
                    restarted = [.. workers.Keys.Order(StringComparer.Ordinal)];
                    Dispatch(state.HandleStimulus(new RestartCluster()), requestId: 0);
                }

                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (workerInfo.Count < restarted.Count && clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(30)))
                {
                    await Task.Delay(50, cancellationToken).ConfigureAwait(false);
                }

                return restarted;
            },
            cancellationToken);

    /// <summary>
    /// The worker count the work known now asks for (<see cref="SchedulerState.AdaptiveTarget"/>,
    /// work taking about <paramref name="targetSeconds"/>), and the workers to close to reach it
    /// when it is below the current count, by address.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="targetSeconds"/> is not positive.</exception>
    public (int Target, IReadOnlyList<string> ToClose) ProposeWorkers(double targetSeconds)
    {
        lock (gate)
        {
            var target = state.AdaptiveTarget(targetSeconds);
            return (target, target < state.Workers.Count ? state.WorkersToClose(state.Workers.Count - target) : []);
        }
    }

    private Wire.ClusterOperationReply AdaptiveTarget(double targetSeconds)
    {
        var (target, toClose) = ProposeWorkers(targetSeconds);
        return new() { Target = target, Workers = [.. toClose] };
    }

    /// <summary>Carries out a client's <see cref="Wire.ClusterOperation"/> in the background and answers it.</summary>
    private void StartClusterOperation(ServerConnection connection, Wire.ClusterOperation operation, ulong requestId) =>
        _ = Task.Run(async () =>
        {
            Wire.ClusterOperationReply reply;
            try
            {
                reply = operation.Kind switch
                {
                    Wire.ClusterOperationKind.Replicate => new() { Moved = await ReplicateAsync(operation.Keys, operation.Count, stopping.Token).ConfigureAwait(false) },
                    Wire.ClusterOperationKind.Rebalance => new()
                    {
                        Moved = await RebalanceAsync(operation.Keys.Length == 0 ? null : operation.Keys.ToHashSet(), stopping.Token).ConfigureAwait(false),
                    },
                    Wire.ClusterOperationKind.Retire => new() { Workers = [.. await RetireWorkersAsync(operation.Workers, stopping.Token).ConfigureAwait(false)] },
                    Wire.ClusterOperationKind.Restart => new() { Workers = [.. await RestartAsync(cancellationToken: stopping.Token).ConfigureAwait(false)] },
                    Wire.ClusterOperationKind.AdaptiveTarget => AdaptiveTarget(operation.TargetSeconds),
                    _ => new() { Error = $"Unknown cluster operation {operation.Kind}." },
                };
            }
            catch (Exception e) when (e is ArgumentException or IOException or TimeoutException or OperationCanceledException)
            {
                reply = new() { Error = e.Message };
            }

            connection.Post(new Message(reply) { RequestId = requestId });
        });

    /// <summary>A worker holds replicas: the answer to an <see cref="Wire.AcquireReplicas"/>, or what it kept across a reconnect.</summary>
    private void ReplicasAcquired(ServerConnection connection, Wire.ReplicasAcquired acquired, ulong requestId)
    {
        var worker = WorkerOf(connection, new Message(acquired));
        lock (gate)
        {
            Dispatch(state.HandleStimulus(new ReplicasAdded(worker, acquired.Keys, acquired.NBytes, Stimulus(acquired.StimulusId))), requestId: 0);
        }

        if (requestId != 0 && acquiring.TryRemove(requestId, out var pending))
        {
            pending.Reply.TrySetResult(acquired);
        }
    }

    /// <summary>Fails the fetches a departed worker was asked for; call when its connection ends.</summary>
    private void FailAcquiring(ServerConnection connection)
    {
        foreach (var (id, pending) in acquiring)
        {
            if (pending.Worker == connection && acquiring.TryRemove(id, out _))
            {
                pending.Reply.TrySetException(new IOException($"Worker {connection.WorkerAddress} left before it fetched the replicas it was asked for."));
            }
        }
    }

    /// <summary>Has each target worker fetch its copies, and waits for every answer; returns how many copies arrived.</summary>
    private async Task<int> MoveAsync(IReadOnlyList<ReplicaMove> moves, CancellationToken cancellationToken)
    {
        var replies = new List<Task<Wire.ReplicasAcquired>>();
        lock (gate)
        {
            foreach (var group in moves.GroupBy(m => m.Target, StringComparer.Ordinal))
            {
                if (!workers.TryGetValue(group.Key, out var target))
                {
                    continue;
                }

                var id = (ulong)Interlocked.Increment(ref acquireCount);
                var reply = new TaskCompletionSource<Wire.ReplicasAcquired>(TaskCreationOptions.RunContinuationsAsynchronously);
                acquiring[id] = (target, reply);
                replies.Add(reply.Task);
                target.Post(new Message(new Wire.AcquireReplicas
                {
                    WhoHas = [.. group.Select(m => Location(m.Key, m.Sources, m.NBytes))],
                    StimulusId = $"acquire-replicas-{id}",
                })
                { RequestId = id });
            }
        }

        var answers = await Task.WhenAll(replies).WaitAsync(AcquireTimeout, cancellationToken).ConfigureAwait(false);
        var missing = answers.SelectMany(a => a.Missing).ToList();
        if (missing.Count > 0)
        {
            throw new IOException($"{missing.Count} result(s) could not be copied, such as {missing[0]}: no holder gave them.");
        }

        return answers.Sum(a => a.Keys.Length);
    }

    private IReadOnlyList<ReplicaMove> Plan(Func<SchedulerState, IReadOnlyList<ReplicaMove>> plan)
    {
        lock (gate)
        {
            return plan(state);
        }
    }

    /// <summary>The addresses of <paramref name="named"/> workers, each given by address or name.</summary>
    private List<string> Resolve(IReadOnlyList<string> named)
    {
        var known = workerInfo.Values.ToList();
        return [.. named.Select(n => known.FirstOrDefault(w => w.Address == n)?.Address
            ?? known.FirstOrDefault(w => w.Name == n)?.Address
            ?? throw new ArgumentException(
                $"No worker with address or name '{n}'; the workers are {string.Join(", ", known.Select(w => $"{w.Name} ({w.Address})").Order(StringComparer.Ordinal))}.",
                nameof(named))).Distinct(StringComparer.Ordinal)];
    }

    private async Task<T> ExclusiveAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        await clusterOperations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await operation().ConfigureAwait(false);
        }
        finally
        {
            clusterOperations.Release();
        }
    }
}
