using MiniDask.Graph;
using MiniDask.Protocol;

namespace MiniDask.Scheduler.Distributed;

/// <summary>The parts of one submitted graph received so far (see the <c>More</c> flag of UpdateGraph).</summary>
internal sealed class GraphInParts
{
    private readonly Dictionary<Key, TaskSpec> tasks = [];
    private readonly Dictionary<Key, int> priorities = [];

    public IReadOnlyDictionary<Key, TaskSpec> Tasks => tasks;

    public IReadOnlyDictionary<Key, int> Priorities => priorities;

    /// <exception cref="ProtocolException">A task arrives twice.</exception>
    public void Add(IReadOnlyList<EncodedTask> part)
    {
        foreach (var task in part)
        {
            if (!tasks.TryAdd(task.Key, new TaskSpec(task.Op, task.Dependencies, task.Run, task.Options)))
            {
                throw new ProtocolException($"Task {task.Key} was sent twice in the parts of one graph.");
            }

            priorities[task.Key] = (int)Math.Clamp(task.Priority, int.MinValue, int.MaxValue);
        }
    }
}
