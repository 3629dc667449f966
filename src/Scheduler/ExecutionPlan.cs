using MiniDask.Graph;
using MiniDask.Graph.Optimization;

namespace MiniDask.Scheduler;

/// <summary>
/// A graph ready for the scheduling loop: tasks by their position in the graph (its flat
/// arrays, see <see cref="TaskGraph.KeyAt"/>), each task's priority (lower runs first), and the
/// positions of the requested keys. Dependencies and dependents are read from the graph's own
/// rows, so scheduling a task costs a few array reads and writes and nothing is copied per task.
/// </summary>
internal sealed class ExecutionPlan
{
    private ExecutionPlan(TaskGraph graph, int[] priority, int[] outputs)
    {
        Graph = graph;
        Priority = priority;
        Outputs = outputs;
    }

    /// <summary>The graph whose tasks run.</summary>
    public TaskGraph Graph { get; }

    /// <summary>Each task's priority (<see cref="Ordering.Priorities"/>).</summary>
    public int[] Priority { get; }

    /// <summary>The position of each requested key, in request order.</summary>
    public int[] Outputs { get; }

    public int Count => Priority.Length;

    public static ExecutionPlan Build(PreparedGraph prepared)
    {
        var (graph, requested, priority) = (prepared.Graph, prepared.Keys, prepared.Priorities);
        var outputs = new int[requested.Count];
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = graph.PositionOf(requested[i]);
        }

        return new ExecutionPlan(graph, priority, outputs);
    }
}
