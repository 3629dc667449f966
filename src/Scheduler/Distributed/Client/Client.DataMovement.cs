using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Moving data between workers and changing the set of workers, as Dask's <c>Client.replicate</c>,
/// <c>rebalance</c>, <c>retire_workers</c> and <c>restart</c>. Each call returns once the scheduler
/// has done it; a refusal (a key not in memory, an unknown worker) raises
/// <see cref="InvalidOperationException"/> with the scheduler's reason.
/// </summary>
public sealed partial class Client
{
    /// <summary>Copies the results of <paramref name="futures"/> until <paramref name="n"/> workers hold each (every worker when fewer); returns how many copies were made.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">A future's key is not in memory on the cluster.</exception>
    public async Task<int> ReplicateAsync(IEnumerable<Future> futures, int n = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(futures);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var reply = await ClusterOperationAsync(
            new Wire.ClusterOperation { Kind = Wire.ClusterOperationKind.Replicate, Keys = [.. futures.Select(f => f.Key)], Count = n },
            cancellationToken).ConfigureAwait(false);
        return reply.Moved;
    }

    /// <summary>
    /// Moves results from workers holding more than the mean to those holding less (only the
    /// results of <paramref name="futures"/> when given); returns how many moved.
    /// </summary>
    public async Task<int> RebalanceAsync(IEnumerable<Future>? futures = null, CancellationToken cancellationToken = default)
    {
        var reply = await ClusterOperationAsync(
            new Wire.ClusterOperation { Kind = Wire.ClusterOperationKind.Rebalance, Keys = futures is null ? [] : [.. futures.Select(f => f.Key)] },
            cancellationToken).ConfigureAwait(false);
        return reply.Moved;
    }

    /// <summary>
    /// Retires <paramref name="workers"/> (addresses or names): the results only they hold move to
    /// the other workers first, so nothing is recomputed, then they leave for good. Returns the
    /// addresses retired.
    /// </summary>
    /// <exception cref="InvalidOperationException">A worker is unknown, or its results would have nowhere to go.</exception>
    public async Task<IReadOnlyList<string>> RetireWorkersAsync(IEnumerable<string> workers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workers);
        var reply = await ClusterOperationAsync(
            new Wire.ClusterOperation { Kind = Wire.ClusterOperationKind.Retire, Workers = [.. workers] },
            cancellationToken).ConfigureAwait(false);
        return reply.Workers;
    }

    /// <summary>
    /// Restarts every worker and forgets every task, as Dask's <c>restart</c>: this client's
    /// futures and computes fail with <see cref="ClusterRestartedException"/>, and the workers'
    /// supervisors (a <see cref="LocalCluster"/>, an <see cref="SshCluster"/>) start fresh ones.
    /// Returns the addresses of the workers restarted.
    /// </summary>
    public async Task<IReadOnlyList<string>> RestartAsync(CancellationToken cancellationToken = default)
    {
        var reply = await ClusterOperationAsync(new Wire.ClusterOperation { Kind = Wire.ClusterOperationKind.Restart }, cancellationToken).ConfigureAwait(false);
        List<Computation> all;
        lock (waiting)
        {
            all = [.. waiting.Values.SelectMany(list => list).Distinct()];
        }

        foreach (var computation in all)
        {
            computation.Lose(Restarted());
        }

        return reply.Workers;
    }

    /// <summary>
    /// The number of workers the scheduler proposes for the work it knows now, so that it takes
    /// about <paramref name="targetSeconds"/> (Dask's <c>adaptive_target</c>), and, when that is
    /// fewer than it has, the addresses of the idle workers to retire to get there.
    /// </summary>
    public async Task<(int Target, IReadOnlyList<string> ToClose)> AdaptiveTargetAsync(double targetSeconds = 5, CancellationToken cancellationToken = default)
    {
        var reply = await ClusterOperationAsync(
            new Wire.ClusterOperation { Kind = Wire.ClusterOperationKind.AdaptiveTarget, TargetSeconds = targetSeconds },
            cancellationToken).ConfigureAwait(false);
        return (reply.Target, reply.Workers);
    }

    private ClusterRestartedException Restarted() =>
        new($"The cluster of scheduler {SchedulerAddress} restarted; every task was forgotten. Submit or compute again.");

    private async Task<Wire.ClusterOperationReply> ClusterOperationAsync(Wire.ClusterOperation operation, CancellationToken cancellationToken)
    {
        var what = operation.Kind.ToString().ToLowerInvariant();
        var answer = await RequestAsync<Wire.ClusterOperationReply>(operation, cancellationToken).ConfigureAwait(false);
        return answer.Error.Length == 0
            ? answer
            : throw new InvalidOperationException($"The scheduler at {SchedulerAddress} could not {what}: {answer.Error}");
    }
}
