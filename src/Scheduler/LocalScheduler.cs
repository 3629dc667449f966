using MiniDask.Graph;
using MiniDask.Graph.Optimization;

namespace MiniDask.Scheduler;

/// <summary>
/// Runs a graph on a pool of threads in this process (Dask's threaded scheduler). One scheduling
/// loop: dependency counters, a ready queue ordered by the graph's memory-aware priority, and
/// release of every intermediate result as soon as its last dependent has run, so a reduction
/// over many blocks holds only a few of them at a time.
/// </summary>
public sealed class LocalScheduler : IScheduler
{
    /// <summary>A scheduler using every core.</summary>
    public LocalScheduler()
        : this(Environment.ProcessorCount)
    {
    }

    /// <summary>A scheduler running tasks on <paramref name="threads"/> threads.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is less than 1.</exception>
    public LocalScheduler(int threads)
    {
        if (threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "A local scheduler needs at least 1 thread.");
        }

        Threads = threads;
    }

    /// <summary>How many threads run tasks (the calling thread is one of them).</summary>
    public int Threads { get; }

    /// <inheritdoc />
    public string Name => "local";

    /// <inheritdoc />
    public Task<object?[]> GetAsync(
        TaskGraph graph, IReadOnlyList<Key> keys, ComputeOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(
            () => Get(graph, keys, options, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default);

    /// <inheritdoc />
    public object?[] Get(
        TaskGraph graph, IReadOnlyList<Key> keys, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(keys);
        options ??= new ComputeOptions();
        cancellationToken.ThrowIfCancellationRequested();
        graph.Validate();
        var optimized = options.Optimize ? GraphOptimizer.Optimize(graph, keys) : Culling.Cull(graph, keys);
        var run = new Run(ExecutionPlan.Build(optimized, keys), options.Progress, cancellationToken);
        return run.Execute(Threads);
    }
}
