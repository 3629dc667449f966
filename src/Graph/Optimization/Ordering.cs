namespace MiniDask.Graph.Optimization;

/// <summary>
/// Memory-aware static ordering of a graph (in the spirit of <c>dask.order</c>): schedulers run
/// ready tasks lowest priority first, so a branch is finished before a new one is started and
/// intermediates are released early.
/// </summary>
public static class Ordering
{
    /// <summary>
    /// A priority for every task: a depth-first post-order from the graph's outputs, visiting
    /// each task's dependencies in argument order, so the inputs of one combine step are all
    /// computed before the next group's.
    /// </summary>
    public static Dictionary<Key, int> Order(TaskGraph graph)
    {
        var dependents = graph.Dependents();
        var sinks = graph.Keys.Where(k => dependents[k].Count == 0).Order().ToList();
        var priority = new Dictionary<Key, int>(graph.Count);
        var entered = new HashSet<Key>();
        var stack = new Stack<(Key Key, int Next)>();
        var next = 0;
        foreach (var sink in sinks)
        {
            if (!entered.Add(sink))
            {
                continue;
            }

            stack.Push((sink, 0));
            while (stack.Count > 0)
            {
                var (key, i) = stack.Pop();
                var deps = graph[key].Dependencies;
                if (i < deps.Count)
                {
                    stack.Push((key, i + 1));
                    if (entered.Add(deps[i]))
                    {
                        stack.Push((deps[i], 0));
                    }
                }
                else
                {
                    priority[key] = next++;
                }
            }
        }

        return priority;
    }
}
