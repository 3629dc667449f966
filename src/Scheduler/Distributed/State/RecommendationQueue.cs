using MiniDask.Graph;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// The transitions a handler recommends, applied in first-recommended order; a later
/// recommendation for the same key replaces the earlier target (as Dask merges recommendation dicts).
/// </summary>
internal sealed class RecommendationQueue
{
    private readonly Dictionary<Key, SchedulerTaskState> targets = [];
    private readonly Queue<Key> order = new();

    public void Add(Key key, SchedulerTaskState finish)
    {
        if (targets.TryAdd(key, finish))
        {
            order.Enqueue(key);
        }
        else
        {
            targets[key] = finish;
        }
    }

    public void Remove(Key key) => targets.Remove(key);

    public bool TryDequeue(out Key key, out SchedulerTaskState finish)
    {
        while (order.TryDequeue(out key!))
        {
            if (targets.Remove(key, out finish))
            {
                return true;
            }
        }

        finish = default;
        return false;
    }
}
