using MiniDask.Graph;

namespace MiniDask.Bag;

/// <summary>
/// Creates bags (Dask's <c>dask.bag</c> functions): from in-memory sequences, integer ranges,
/// text files, existing tasks, and other bags.
/// </summary>
public static partial class DBag
{
    /// <summary>
    /// A bag of <paramref name="items"/> (copied now), split into <paramref name="npartitions"/>
    /// partitions of near-equal size, or into partitions of <paramref name="partitionSize"/> items.
    /// With neither, partitions hold about 1% of the items each (at most 100 partitions), as in Dask.
    /// </summary>
    /// <exception cref="ArgumentException">Both <paramref name="npartitions"/> and <paramref name="partitionSize"/> are given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is less than 1.</exception>
    public static DBag<T> FromSequence<T>(IEnumerable<T> items, int? npartitions = null, int? partitionSize = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (npartitions is not null && partitionSize is not null)
        {
            throw new ArgumentException($"Pass npartitions or partitionSize, not both (got {npartitions} and {partitionSize}).", nameof(partitionSize));
        }

        var all = items.ToList();
        List<List<T>> parts;
        if (npartitions is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(npartitions));
            parts = [.. Enumerable.Range(0, count).Select(i =>
                all.GetRange((int)((long)all.Count * i / count), (int)((long)all.Count * (i + 1) / count) - (int)((long)all.Count * i / count)))];
        }
        else
        {
            var size = partitionSize ?? Math.Max(1, (all.Count + 99) / 100);
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(partitionSize));
            parts = all.Count == 0 ? [[]] : [.. all.Chunk(size).Select(chunk => chunk.ToList())];
        }

        var name = Tokens.Name("from-sequence", Tokens.OfSequence(all), parts.Select(p => p.Count).ToList());
        return Create<T>(name, parts.Count, i => new DaskTask(OpNames.Literal, TaskArg.Literal(parts[i])), [], []);
    }

    /// <summary>The integers <c>0 .. n-1</c> in <paramref name="npartitions"/> partitions of near-equal size (some empty when <c>n &lt; npartitions</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative or <paramref name="npartitions"/> is less than 1.</exception>
    public static DBag<int> Range(int n, int npartitions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfLessThan(npartitions, 1);
        var name = Tokens.Name("range", n, npartitions);
        return Create<int>(name, npartitions, i => new DaskTask(
            OpNames.Range,
            TaskArg.Literal((int)((long)n * i / npartitions)),
            TaskArg.Literal((int)((long)n * (i + 1) / npartitions))), [], []);
    }

    /// <summary>
    /// A bag whose partitions are the results of existing tasks (Dask's <c>from_delayed</c>): each
    /// of <paramref name="keys"/> must compute a sequence of <typeparamref name="T"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="keys"/> is empty or names a key that <paramref name="graph"/> lacks.</exception>
    public static DBag<T> FromTasks<T>(TaskGraph graph, IReadOnlyList<Key> keys)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw new ArgumentException("A bag needs at least one partition: pass at least one key.", nameof(keys));
        }

        var missing = keys.FirstOrDefault(k => !graph.ContainsKey(k));
        if (missing is not null)
        {
            throw new ArgumentException($"The graph has no task with key {missing}.", nameof(keys));
        }

        var name = Tokens.Name("from-tasks", typeof(T).FullName, keys.Select(k => k.ToString()).ToList());
        return Create<T>(name, keys.Count, i => GenericOps.Task(OpNames.AsList, [typeof(T)], keys[i], TaskArg.Literal(keys[i].ToString())), [graph], []);
    }

    /// <summary>The partitions of all <paramref name="bags"/>, in order, as one bag.</summary>
    /// <exception cref="ArgumentException">No bag is given.</exception>
    public static DBag<T> Concat<T>(params IEnumerable<DBag<T>> bags)
    {
        ArgumentNullException.ThrowIfNull(bags);
        var all = bags.ToList();
        if (all.Count == 0)
        {
            throw new ArgumentException("Concat needs at least one bag.", nameof(bags));
        }

        var inputs = all.SelectMany(b => b.OutputKeys).ToList();
        var name = Tokens.Name("concat", all.Select(b => b.Name).ToList());
        return Create<T>(
            name, inputs.Count, i => GenericOps.Task(OpNames.Identity, [typeof(T)], inputs[i]),
            all.Select(b => b.Graph), all.SelectMany(b => b.ElementTypes));
    }

    /// <summary>A bag of <paramref name="count"/> partitions, partition <c>i</c> computed by <c>task(i)</c>, over the given input graphs.</summary>
    internal static DBag<T> Create<T>(
        string name, int count, Func<int, DaskTask> task, IEnumerable<TaskGraph> inputs, IEnumerable<Type> inputTypes)
    {
        var tasks = new Dictionary<Key, DaskTask>(count);
        for (var i = 0; i < count; i++)
        {
            tasks[new Key(name, i)] = task(i);
        }

        return new DBag<T>(TaskGraph.FromLayer(new MaterializedLayer(name, tasks), inputs), name, count, inputTypes);
    }

    /// <summary>The error of an aggregate that has no value for an empty bag, as LINQ raises it.</summary>
    internal static InvalidOperationException EmptyBag(string operation) =>
        new($"{operation} of an empty bag has no value: the bag has no elements.");
}
