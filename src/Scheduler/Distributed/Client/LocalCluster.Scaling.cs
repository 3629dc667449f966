using System.Diagnostics;

namespace MiniDask.Scheduler.Distributed;

/// <summary>Changing the number of worker processes: by hand (<see cref="ScaleAsync"/>) or adaptively (<see cref="Adapt"/>).</summary>
public sealed partial class LocalCluster : IAdaptiveCluster
{
    private readonly WorkerSpec template;
    private int workerCount;
    private Adaptive? adaptive;

    /// <summary>The worker processes running or starting, not counting those being retired.</summary>
    public int RequestedWorkers
    {
        get
        {
            lock (workers)
            {
                return workers.Count(w => !w.Retiring && !w.Process.HasExited);
            }
        }
    }

    /// <summary>
    /// Scales the cluster to <paramref name="count"/> workers (Dask's <c>cluster.scale</c>) and waits
    /// until the scheduler has that many: new processes start, or the workers the scheduler can
    /// spare (idle ones holding the least data first) are retired, their results moved to the
    /// others so nothing is recomputed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="TimeoutException">The workers did not start or leave within <see cref="LocalClusterOptions.StartTimeout"/>.</exception>
    public async Task ScaleAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var current = RequestedWorkers;
        if (count > current)
        {
            await ScaleUpAsync(count, cancellationToken).ConfigureAwait(false);
        }
        else if (count < current)
        {
            var spare = Scheduler.Inspect(s =>
            {
                var idle = s.WorkersToClose(current - count);
                var busy = s.Workers.Values.Where(w => !idle.Contains(w.Address))
                    .OrderBy(w => w.ProcessingMap.Count).ThenBy(w => w.NBytes).ThenBy(w => w.Address, StringComparer.Ordinal)
                    .Select(w => w.Address);
                return idle.Concat(busy).Take(current - count).ToList();
            });
            await RetireAsync(spare, cancellationToken).ConfigureAwait(false);
        }

        await WaitForCountAsync(count, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Scales adaptively between <paramref name="minimum"/> and <paramref name="maximum"/> workers
    /// (Dask's <c>cluster.adapt</c>): see <see cref="Adaptive"/>. Replaces any earlier adaptation;
    /// dispose the result (or the cluster) to stop.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The bounds are negative or reversed, or an option is out of range.</exception>
    public Adaptive Adapt(int minimum, int maximum, AdaptOptions? options = null)
    {
        var next = new Adaptive(this, minimum, maximum, options);
        var previous = Interlocked.Exchange(ref adaptive, next);
        if (previous is not null)
        {
            _ = previous.DisposeAsync().AsTask();
        }

        return next;
    }

    /// <summary>Waits until the scheduler has <paramref name="count"/> workers, as after a restart or a scale.</summary>
    /// <exception cref="TimeoutException">Not within <see cref="LocalClusterOptions.StartTimeout"/>; the message carries the workers' output.</exception>
    public async Task WaitForCountAsync(int count, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (Scheduler.Workers.Count != count || RequestedWorkers != count)
        {
            if (clock.Elapsed > options.StartTimeout)
            {
                throw new TimeoutException(
                    $"The scheduler has {Scheduler.Workers.Count} workers, not {count}, after {clock.Elapsed.TotalSeconds:0.#}s. Worker output:{Environment.NewLine}"
                    + string.Join(Environment.NewLine, Tails()));
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    Task<(int Target, IReadOnlyList<string> ToClose)> IAdaptiveCluster.ProposeAsync(double targetSeconds, CancellationToken cancellationToken) =>
        Task.FromResult(Scheduler.ProposeWorkers(targetSeconds));

    /// <inheritdoc cref="IAdaptiveCluster.ScaleUpAsync"/>
    private Task ScaleUpAsync(int count, CancellationToken cancellationToken)
    {
        for (var i = RequestedWorkers; i < count && !stopping; i++)
        {
            StartWorker(NextSpec());
        }

        return Task.CompletedTask;
    }

    Task IAdaptiveCluster.ScaleUpAsync(int count, CancellationToken cancellationToken) => ScaleUpAsync(count, cancellationToken);

    /// <inheritdoc cref="IAdaptiveCluster.RetireAsync"/>
    private async Task RetireAsync(IReadOnlyList<string> addresses, CancellationToken cancellationToken)
    {
        var names = addresses.Select(a => Scheduler.Workers.TryGetValue(a, out var info) ? info.Name : null).ToHashSet(StringComparer.Ordinal);
        lock (workers)
        {
            foreach (var worker in workers.Where(w => names.Contains(w.Name)))
            {
                worker.Retiring = true;
            }
        }

        try
        {
            await Scheduler.RetireWorkersAsync(addresses, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (workers)
            {
                foreach (var worker in workers.Where(w => names.Contains(w.Name) && !w.Process.HasExited))
                {
                    worker.Retiring = false;
                }
            }

            throw;
        }
    }

    Task IAdaptiveCluster.RetireAsync(IReadOnlyList<string> addresses, CancellationToken cancellationToken) => RetireAsync(addresses, cancellationToken);

    private async Task StopAdaptingAsync()
    {
        if (Interlocked.Exchange(ref adaptive, null) is { } running)
        {
            await running.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The spec of the next new worker: the cluster's, named <c>local-N</c>.</summary>
    private WorkerSpec NextSpec() => template with { Name = $"local-{Interlocked.Increment(ref workerCount) - 1}" };
}
