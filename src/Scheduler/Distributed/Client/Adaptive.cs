namespace MiniDask.Scheduler.Distributed;

/// <summary>Settings of adaptive scaling (<see cref="LocalCluster.Adapt"/>), after Dask's <c>Adaptive</c>.</summary>
public sealed record AdaptOptions
{
    /// <summary>How often the scheduler is asked for a worker count.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the scheduler must keep proposing to close a worker (it is idle and not needed)
    /// before it is retired; Dask's <c>wait_count</c> times <c>interval</c>.
    /// </summary>
    public TimeSpan IdleBeforeRetire { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The time the known work should take on the workers asked for (Dask's <c>target_duration</c>).</summary>
    public TimeSpan TargetDuration { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>What <see cref="Adaptive"/> needs of a cluster: propose a size, start workers, retire workers.</summary>
internal interface IAdaptiveCluster
{
    /// <summary>The workers running or starting, not counting those being retired.</summary>
    int RequestedWorkers { get; }

    /// <summary>The scheduler's proposal: a worker count, and which workers to close to get down to it.</summary>
    Task<(int Target, IReadOnlyList<string> ToClose)> ProposeAsync(double targetSeconds, CancellationToken cancellationToken);

    /// <summary>Starts workers until <paramref name="count"/> are running or starting.</summary>
    Task ScaleUpAsync(int count, CancellationToken cancellationToken);

    /// <summary>Retires <paramref name="addresses"/>: their data moves to the others, then they stop for good.</summary>
    Task RetireAsync(IReadOnlyList<string> addresses, CancellationToken cancellationToken);
}

/// <summary>
/// Adaptive scaling of a cluster, as Dask's <c>Adaptive</c>: every <see cref="AdaptOptions.Interval"/>
/// the scheduler proposes a worker count from the work it knows (queued and processing tasks and
/// their measured durations), kept between a minimum and a maximum. Workers are added as soon as
/// the proposal is higher; a worker the scheduler proposes to close (idle, not needed) is retired,
/// its data moved to the others, only once proposed for <see cref="AdaptOptions.IdleBeforeRetire"/>.
/// Dispose to stop adapting; the workers stay as they are.
/// </summary>
public sealed class Adaptive : IAsyncDisposable
{
    private readonly IAdaptiveCluster cluster;
    private readonly AdaptOptions options;
    private readonly CancellationTokenSource stopping = new();
    private readonly Dictionary<string, int> closeCounts = new(StringComparer.Ordinal);
    private readonly Task loop;

    internal Adaptive(IAdaptiveCluster cluster, int minimum, int maximum, AdaptOptions? options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimum);
        if (maximum < Math.Max(1, minimum))
        {
            throw new ArgumentOutOfRangeException(nameof(maximum), maximum, $"The maximum number of workers must be at least 1 and at least the minimum ({minimum}).");
        }

        this.options = options ?? new AdaptOptions();
        if (this.options.Interval <= TimeSpan.Zero || this.options.TargetDuration <= TimeSpan.Zero || this.options.IdleBeforeRetire < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Adapt's interval and target duration must be positive, and its idle time not negative.");
        }

        this.cluster = cluster;
        Minimum = minimum;
        Maximum = maximum;
        loop = Task.Run(LoopAsync);
    }

    /// <summary>The fewest workers kept.</summary>
    public int Minimum { get; }

    /// <summary>The most workers started.</summary>
    public int Maximum { get; }

    /// <summary>The last worker count decided, within the bounds.</summary>
    public int Target { get; private set; }

    /// <summary>The error that stopped adapting, if one did (the scheduler went away).</summary>
    public Exception? Error { get; private set; }

    /// <summary>Stops adapting after the step under way, if any.</summary>
    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task LoopAsync()
    {
        var waitCount = Math.Max(1, (int)Math.Ceiling(options.IdleBeforeRetire / options.Interval));
        using var timer = new PeriodicTimer(options.Interval);
        try
        {
            do
            {
                try
                {
                    await StepAsync(waitCount).ConfigureAwait(false);
                }
                catch (ArgumentException)
                {
                    // A worker proposed for closing left first: the next step proposes afresh.
                    closeCounts.Clear();
                }
            }
            while (await timer.WaitForNextTickAsync(stopping.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException or ObjectDisposedException)
        {
            Error = e;
        }
    }

    private async Task StepAsync(int waitCount)
    {
        var (proposed, toClose) = await cluster.ProposeAsync(options.TargetDuration.TotalSeconds, stopping.Token).ConfigureAwait(false);
        var target = Math.Clamp(proposed, Minimum, Maximum);
        Target = target;
        var current = cluster.RequestedWorkers;
        if (target > current)
        {
            closeCounts.Clear();
            await cluster.ScaleUpAsync(target, stopping.Token).ConfigureAwait(false);
            return;
        }

        if (target == current)
        {
            closeCounts.Clear();
            return;
        }

        // Only workers proposed for closing in consecutive steps are retired, at most down to the target.
        var proposedNow = toClose.Take(current - target).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in closeCounts.Keys.Where(w => !proposedNow.Contains(w)).ToList())
        {
            closeCounts.Remove(gone);
        }

        foreach (var worker in proposedNow)
        {
            closeCounts[worker] = closeCounts.GetValueOrDefault(worker) + 1;
        }

        var retiring = closeCounts.Where(kv => kv.Value >= waitCount).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
        if (retiring.Count > 0)
        {
            await cluster.RetireAsync(retiring, stopping.Token).ConfigureAwait(false);
            foreach (var worker in retiring)
            {
                closeCounts.Remove(worker);
            }
        }
    }
}
