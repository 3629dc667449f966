using MiniDask.Graph;

namespace MiniDask.Protocol.StateMachines;

/// <summary>
/// The transitions a state-machine handler recommends, applied in first-recommended order; a
/// later recommendation for the same key replaces the earlier target (as Dask merges
/// recommendation dicts). Shared by the scheduler's and the worker's state machines.
/// </summary>
/// <typeparam name="TState">The machine's task-state enum.</typeparam>
public sealed class RecommendationQueue<TState>
    where TState : struct, Enum
{
    private readonly Dictionary<Key, TState> targets = [];
    private readonly Queue<Key> order = new();

    /// <summary>Recommends moving <paramref name="key"/> to <paramref name="finish"/>, replacing an earlier recommendation for it.</summary>
    public void Add(Key key, TState finish)
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

    /// <summary>Drops the pending recommendation for <paramref name="key"/>, if any.</summary>
    public void Remove(Key key) => targets.Remove(key);

    /// <summary>Takes the oldest pending recommendation.</summary>
    /// <returns>False when none is pending.</returns>
    public bool TryDequeue(out Key key, out TState finish)
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
