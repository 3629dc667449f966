using MiniDask.Graph;

namespace MiniDask.Bag;

public static partial class DBag
{
    /// <summary>
    /// A bag whose partitions are the values of <paramref name="parts"/> (Dask's
    /// <c>db.from_delayed</c>): each a delayed sequence of <typeparamref name="T"/> (or a
    /// collection standing for one), in order.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="parts"/> is empty.</exception>
    public static DBag<T> FromDelayed<T>(IEnumerable<IDaskCollection<IEnumerable<T>>> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var values = parts.Select(Delayed.From).ToList();
        return FromTasks<T>(TaskGraph.Merge(values.Select(v => v.Graph)), [.. values.Select(v => v.Key)]);
    }
}

public sealed partial class DBag<T> : IFinalizable
{
    /// <summary>One delayed value per partition, in order (Dask's <c>Bag.to_delayed</c>): each is the partition's list.</summary>
    public Delayed<List<T>>[] ToDelayed() => [.. OutputKeys.Select(k => Delayed.FromKey<List<T>>(Graph, k))];

    /// <summary>The task that concatenates the partitions into one list: what a delayed call receives for this bag.</summary>
    public DaskTask FinalizeTask() => GenericOps.Task(OpNames.Concat, [typeof(T)], TaskArg.Refs(OutputKeys));
}
