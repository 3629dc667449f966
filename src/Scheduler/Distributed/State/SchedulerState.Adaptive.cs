namespace MiniDask.Scheduler.Distributed;

/// <summary>How many workers the work asks for, as Dask's <c>adaptive_target</c> and <c>workers_to_close</c>.</summary>
public sealed partial class SchedulerState
{
    private const int SampledReadyTasks = 100;

    /// <summary>
    /// The number of workers the cluster should have so that the work known now finishes in about
    /// <paramref name="targetSeconds"/>: the expected seconds of the tasks processing and ready
    /// (from measured durations per op; the first 100 ready tasks sampled, scaled to all of them),
    /// divided by the target, capped by the number of those tasks (a few long tasks do not ask
    /// for many workers), and turned from threads into workers by the mean threads per worker.
    /// Past 60% of the workers' memory limits it asks for twice the workers. Below the current
    /// count it proposes closing only the workers <see cref="WorkersToClose"/> would close.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="targetSeconds"/> is not positive.</exception>
    public int AdaptiveTarget(double targetSeconds = 5)
    {
        if (!(targetSeconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(targetSeconds), targetSeconds, "The adaptive target duration must be a positive number of seconds.");
        }

        var ready = queued.Count + unrunnable.Count;
        var readySeconds = queued.Concat(unrunnable).Take(SampledReadyTasks).Sum(ts => ExpectedDuration(ts.Prefix));
        if (ready > SampledReadyTasks)
        {
            readySeconds *= ready / (double)SampledReadyTasks;
        }

        var occupancy = workers.Values.Sum(w => w.Occupancy);
        var threads = (int)Math.Min(int.MaxValue, Math.Ceiling((occupancy + readySeconds) / targetSeconds));
        threads = Math.Min(threads, ready + workers.Values.Sum(w => w.ProcessingMap.Count));
        var cpu = threads;
        if (workers.Count > 0)
        {
            cpu = (int)Math.Ceiling(threads / (double)workers.Values.Sum(w => w.NThreads) * workers.Count);
        }
        else if (ready > 0)
        {
            cpu = Math.Max(1, cpu);
        }

        var limit = workers.Values.Sum(w => w.MemoryLimit);
        var memory = limit > 0 && workers.Values.Sum(w => w.NBytes) > 0.6 * limit ? 2 * workers.Count : 0;
        var target = Math.Max(cpu, memory);
        return target >= workers.Count ? target : workers.Count - WorkersToClose(workers.Count - target).Count;
    }

    /// <summary>
    /// Up to <paramref name="count"/> workers that can be retired without stopping work: idle ones
    /// (nothing processing), those holding the least data first; one worker always stays while any
    /// result is held, so there is somewhere to move it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public IReadOnlyList<string> WorkersToClose(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var idle = InAddressOrder(workers.Values).Where(w => w.ProcessingMap.Count == 0 && !w.Retiring).OrderBy(w => w.NBytes).ToList();
        var keep = workers.Values.Any(w => w.HasWhatSet.Count > 0) && idle.Count == workers.Count ? 1 : 0;
        return [.. idle.Take(Math.Min(count, idle.Count - keep)).Select(w => w.Address)];
    }
}
