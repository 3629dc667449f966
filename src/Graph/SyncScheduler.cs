using MiniDask.Graph.Optimization;

namespace MiniDask.Graph;

/// <summary>
/// Runs a graph on the calling thread, one task at a time in priority order (Dask's
/// <c>dask.get</c>). For debugging and as the reference the parallel schedulers are tested against.
/// </summary>
public sealed class SyncScheduler : IScheduler
{
    /// <inheritdoc />
    public string Name => "sync";

    /// <inheritdoc />
    public Task<object?[]> GetAsync(TaskGraph graph, IReadOnlyList<Key> keys, ComputeOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Get(graph, keys, options, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public object?[] Get(TaskGraph graph, IReadOnlyList<Key> keys, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ComputeOptions();
        var prepared = GraphPreparation.Prepare(graph, keys, options);
        var (run, order) = (prepared.Graph, prepared.Order);
        var remaining = run.Dependents().ToDictionary(kv => kv.Key, kv => kv.Value.Count);
        var wanted = new HashSet<Key>(keys);
        var results = new Results();
        var done = 0;
        var progress = ProgressReporter.Start(options.Progress);
        foreach (var key in order.OrderBy(kv => kv.Value).Select(kv => kv.Key))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var task = run[key];
            try
            {
                results.Values[key] = TaskRunner.Run(task, results);
            }
            catch (Exception e)
            {
                throw TaskFailedException.For(key, task, e);
            }

            foreach (var dep in task.Dependencies)
            {
                if (--remaining[dep] == 0 && !wanted.Contains(dep))
                {
                    results.Values.Remove(dep);
                }
            }

            progress?.Report(new ComputeProgress(++done, run.Count, results.Values.Count));
        }

        progress?.Finish();
        return [.. keys.Select(k => results.Values[k])];
    }

    private sealed class Results : IResultLookup
    {
        public Dictionary<Key, object?> Values { get; } = [];

        public object? Get(Key key) => Values[key];
    }
}
