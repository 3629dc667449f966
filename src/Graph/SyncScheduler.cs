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
        var (run, priority) = (prepared.Graph, prepared.Priorities);
        var order = new int[priority.Length];
        for (var i = 0; i < priority.Length; i++)
        {
            order[priority[i]] = i;
        }

        var remaining = new int[order.Length];
        for (var i = 0; i < remaining.Length; i++)
        {
            remaining[i] = run.DependentsAt(i).Length;
        }

        var wanted = new bool[order.Length];
        foreach (var key in keys)
        {
            wanted[run.PositionOf(key)] = true;
        }

        var results = new Results(run);
        var held = 0;
        var progress = ProgressReporter.Start(options.Progress);
        for (var done = 0; done < order.Length; done++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var position = order[done];
            var task = run.TaskAt(position);
            try
            {
                results.Values[position] = TaskRunner.Run(task, results);
                held++;
            }
            catch (Exception e)
            {
                throw TaskFailedException.For(run.KeyAt(position), task, e);
            }

            foreach (var dep in run.DependenciesAt(position))
            {
                if (--remaining[dep] == 0 && !wanted[dep])
                {
                    results.Values[dep] = null;
                    held--;
                }
            }

            progress?.Report(new ComputeProgress(done + 1, order.Length, held));
        }

        progress?.Finish();
        return [.. keys.Select(k => results.Get(k))];
    }

    private sealed class Results(TaskGraph graph) : IResultLookup
    {
        public object?[] Values { get; } = new object?[graph.Count];

        public object? Get(Key key) => Values[graph.PositionOf(key)];
    }
}
