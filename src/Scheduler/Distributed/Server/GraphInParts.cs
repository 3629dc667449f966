using MiniDask.Graph;
using MiniDask.Protocol;

namespace MiniDask.Scheduler.Distributed;

/// <summary>The parts of one submitted graph received so far (see the <c>more</c> flag of UpdateGraph).</summary>
internal sealed class GraphInParts
{
    private readonly Dictionary<Key, DaskTask> tasks = [];
    private readonly Dictionary<Key, int> priorities = [];

    public IReadOnlyDictionary<Key, int> Priorities => priorities;

    /// <exception cref="ProtocolException">A task arrives twice.</exception>
    public void Add(DecodedGraph part)
    {
        foreach (var (key, task) in part.Graph)
        {
            if (!tasks.TryAdd(key, task))
            {
                throw new ProtocolException($"Task {key} was sent twice in the parts of one graph.");
            }

            priorities[key] = (int)Math.Clamp(part.Priorities.GetValueOrDefault(key), int.MinValue, int.MaxValue);
        }
    }

    public TaskGraph Graph() => TaskGraph.FromTasks(tasks);
}
