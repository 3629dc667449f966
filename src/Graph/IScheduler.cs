namespace MiniDask.Graph;

/// <summary>
/// Runs task graphs. The local thread-pool scheduler and the distributed client both implement
/// this; collections know only this seam.
/// </summary>
public interface IScheduler
{
    /// <summary>A short name for reports, such as <c>local</c> or <c>distributed</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Computes the results of <paramref name="keys"/> in <paramref name="graph"/>, in the same order.
    /// </summary>
    /// <exception cref="GraphValidationException">The graph is malformed.</exception>
    /// <exception cref="TaskFailedException">A task failed; the first failure cancels the run.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<object?[]> GetAsync(TaskGraph graph, IReadOnlyList<Key> keys, ComputeOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The blocking form of <see cref="GetAsync"/>.</summary>
    object?[] Get(TaskGraph graph, IReadOnlyList<Key> keys, ComputeOptions? options = null, CancellationToken cancellationToken = default);
}

/// <summary>Options of one compute.</summary>
public sealed record ComputeOptions
{
    /// <summary>
    /// Receives a report as each task finishes, in order (<see cref="ComputeProgress.Done"/> counts
    /// up by one) and one at a time, all before the compute returns; a <see cref="Progress{T}"/>
    /// gets each report on its synchronization context once its handler has run for the previous
    /// one. The sinks of <see cref="ProgressSinks"/> (a <see cref="ProgressBar"/> in scope) get
    /// them too.
    /// </summary>
    public IProgress<ComputeProgress>? Progress { get; init; }

    /// <summary>Whether to cull and fuse the graph before running it (default true).</summary>
    public bool Optimize { get; init; } = true;

    /// <summary>
    /// Whether optimizing may recompute cheap roots (random and constant blocks) once per consumer
    /// rather than hold them (see <see cref="Optimization.Inlining"/>). Null lets the scheduler
    /// choose: yes when blocks are computed on the host; no when the local scheduler runs block
    /// math on a device, where each recomputed block would be copied to the device again. Set it
    /// to false when computing on a cluster of device workers.
    /// </summary>
    public bool? InlineCheapRoots { get; init; }

    /// <summary>
    /// Priority, retries, resources and worker restrictions for every task of the compute on a
    /// distributed scheduler (null: those of the enclosing <see cref="TaskAnnotations.Annotate"/> scope, if any).
    /// </summary>
    public TaskAnnotations? Annotations { get; init; }
}

/// <summary>A progress report: tasks done out of total, and how many results are held in memory now.</summary>
/// <param name="Done">Tasks finished.</param>
/// <param name="Total">Tasks in the (optimized) graph.</param>
/// <param name="InMemory">Results currently held: finished tasks whose dependents have not all run.</param>
public readonly record struct ComputeProgress(int Done, int Total, int InMemory);
