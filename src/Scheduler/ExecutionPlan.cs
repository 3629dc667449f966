using MiniDask.Graph;
using MiniDask.Graph.Optimization;

namespace MiniDask.Scheduler;

/// <summary>
/// A graph flattened into arrays for the scheduling loop: tasks by index, each task's
/// dependencies and dependents as index arrays. Tasks are numbered in priority order (a lower
/// index runs first), and index arithmetic keeps the per-task cost of scheduling to a few array
/// reads and writes.
/// </summary>
internal sealed class ExecutionPlan
{
    private ExecutionPlan(
        Key[] keys, DaskTask[] tasks, int[][] dependencies, int[][] dependents,
        Dictionary<Key, int> indexOf, int[] outputs)
    {
        Keys = keys;
        Tasks = tasks;
        Dependencies = dependencies;
        Dependents = dependents;
        IndexOf = indexOf;
        Outputs = outputs;
    }

    public Key[] Keys { get; }

    public DaskTask[] Tasks { get; }

    public int[][] Dependencies { get; }

    public int[][] Dependents { get; }

    public Dictionary<Key, int> IndexOf { get; }

    /// <summary>The task index of each requested key, in request order.</summary>
    public int[] Outputs { get; }

    public int Count => Keys.Length;

    public static ExecutionPlan Build(PreparedGraph prepared)
    {
        var (graph, requested, order) = (prepared.Graph, prepared.Keys, prepared.Order);
        var n = graph.Count;
        var keys = new Key[n];
        foreach (var (key, p) in order)
        {
            keys[p] = key;
        }

        var indexOf = new Dictionary<Key, int>(n);
        for (var i = 0; i < n; i++)
        {
            indexOf[keys[i]] = i;
        }

        var tasks = new DaskTask[n];
        var dependencies = new int[n][];
        var dependentCounts = new int[n];
        for (var i = 0; i < n; i++)
        {
            tasks[i] = graph[keys[i]];
            var deps = tasks[i].Dependencies;
            var d = new int[deps.Count];
            for (var j = 0; j < d.Length; j++)
            {
                d[j] = indexOf[deps[j]];
                dependentCounts[d[j]]++;
            }

            dependencies[i] = d;
        }

        var dependents = new int[n][];
        for (var i = 0; i < n; i++)
        {
            dependents[i] = dependentCounts[i] == 0 ? [] : new int[dependentCounts[i]];
            dependentCounts[i] = 0;
        }

        for (var i = 0; i < n; i++)
        {
            foreach (var d in dependencies[i])
            {
                dependents[d][dependentCounts[d]++] = i;
            }
        }

        var outputs = new int[requested.Count];
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = indexOf[requested[i]];
        }

        return new ExecutionPlan(keys, tasks, dependencies, dependents, indexOf, outputs);
    }
}
