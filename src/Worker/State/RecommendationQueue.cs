using MiniDask.Graph;

namespace MiniDask.Worker;

/// <summary>
/// The transitions a handler recommends, applied in first-recommended order; a later
/// recommendation for the same key replaces the earlier target (as Dask merges recommendation dicts).
/// </summary>
internal sealed class RecommendationQueue
{
    private readonly Dictionary<Key, WorkerTaskState> targets = [];
    private readonly Queue<Key> order = new();

    public void Add(Key key, WorkerTaskState finish)
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

    public bool TryDequeue(out Key key, out WorkerTaskState finish)
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
