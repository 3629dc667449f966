using MiniDask.Graph;

namespace MiniDask.Bag;

/// <summary>
/// A lazy, partitioned sequence of <typeparamref name="T"/> (Dask's <c>Bag</c>): a task graph
/// with one task per partition, each computing a <see cref="List{T}"/>. Operations add layers
/// to the graph and return new bags; nothing runs until <c>Compute()</c>, which returns all
/// elements in partition order. Create bags with <see cref="DBag"/>.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed partial class DBag<T> : IDaskCollection<List<T>>
{
    private readonly Key[] keys;
    private readonly Type[] lineage;

    internal DBag(TaskGraph graph, string name, int partitionCount, IEnumerable<Type> inputTypes)
    {
        Graph = graph;
        Name = name;
        PartitionCount = partitionCount;
        keys = new Key[partitionCount];
        for (var i = 0; i < partitionCount; i++)
        {
            keys[i] = new Key(name, i);
        }

        lineage = [.. inputTypes.Append(typeof(T)).Distinct()];
    }

    /// <summary>The name of the bag's partition keys: <c>(Name, i)</c> is partition <c>i</c>.</summary>
    public string Name { get; }

    /// <summary>The number of partitions (Dask's <c>npartitions</c>); at least 1.</summary>
    public int PartitionCount { get; }

    /// <inheritdoc />
    public TaskGraph Graph { get; }

    /// <summary>The partition keys, in order.</summary>
    public IReadOnlyList<Key> OutputKeys => keys;

    /// <summary>
    /// The element types of this bag and of every bag it was built from: the values that cross
    /// task boundaries, which a distributed run must be able to serialize.
    /// </summary>
    public IReadOnlyList<Type> ElementTypes => lineage;

    /// <summary>Concatenates the computed partitions, in order.</summary>
    public List<T> Finalize(IReadOnlyList<object?> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Partition.Concat<T>(results);
    }

    /// <inheritdoc />
    public override string ToString() => $"DBag<{typeof(T).Name}>('{Name}', {PartitionCount} partition{(PartitionCount == 1 ? "" : "s")})";

    /// <summary>
    /// A bag whose partition <c>i</c> is generic op <paramref name="op"/> over <paramref name="types"/>
    /// applied to <c>[partition i, i, ..extra]</c> of this bag; <paramref name="inputs"/> are graphs
    /// that <paramref name="extra"/> references besides this bag's.
    /// </summary>
    internal DBag<TResult> MapPartitionsWith<TResult>(string prefix, string op, Type[] types, TaskArg[] extra, params IEnumerable<TaskGraph> inputs)
    {
        var name = Tokens.Name(prefix, Name, op, types, extra);
        return DBag.Create<TResult>(
            name, PartitionCount, i => GenericOps.Task(op, types, [keys[i], TaskArg.Literal(i), .. extra]), inputs.Prepend(Graph), lineage);
    }

    /// <summary>
    /// A tree reduction (Dask's <c>Bag.reduction</c>): <paramref name="chunk"/> runs on every
    /// partition as <c>[partition i, i, ..args]</c>, then <paramref name="combine"/> runs on groups of
    /// at most <paramref name="splitEvery"/> partial results as <c>[partials, ..args]</c>, level by level,
    /// until one remains. Returns the graph and the key of the last combine.
    /// </summary>
    internal (TaskGraph Graph, Key Result) Reduce(string prefix, ReductionStep chunk, ReductionStep combine, int splitEvery)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(splitEvery, 2);
        var token = Tokens.Name(prefix, Name, chunk.Op, chunk.Types, chunk.Args, combine.Op, combine.Types, combine.Args, splitEvery);
        var chunkName = token.Insert(prefix.Length, "-chunk");
        var aggregateName = token.Insert(prefix.Length, "-aggregate");
        var chunkTasks = new Dictionary<Key, DaskTask>(PartitionCount);
        var level = new List<Key>(PartitionCount);
        for (var i = 0; i < PartitionCount; i++)
        {
            var key = new Key(chunkName, i);
            chunkTasks[key] = GenericOps.Task(chunk.Op, chunk.Types, [keys[i], TaskArg.Literal(i), .. chunk.Args]);
            level.Add(key);
        }

        var aggregateTasks = new Dictionary<Key, DaskTask>();
        for (var depth = 1; depth == 1 || level.Count > 1; depth++)
        {
            var next = new List<Key>((level.Count + splitEvery - 1) / splitEvery);
            foreach (var group in level.Chunk(splitEvery))
            {
                var key = new Key(aggregateName, depth, next.Count);
                aggregateTasks[key] = GenericOps.Task(combine.Op, combine.Types, [TaskArg.Refs(group), .. combine.Args]);
                next.Add(key);
            }

            level = next;
        }

        var chunkGraph = TaskGraph.FromLayer(new Layer(chunkName, chunkTasks), Graph);
        return (TaskGraph.FromLayer(new Layer(aggregateName, aggregateTasks), chunkGraph), level[0]);
    }

    /// <summary>A scalar from a tree reduction, finished on the client by <paramref name="finish"/>.</summary>
    internal DItem<TResult> ReduceToItem<TResult>(
        string prefix, ReductionStep chunk, ReductionStep combine, int splitEvery, Func<object?, TResult> finish)
    {
        var (graph, result) = Reduce(prefix, chunk, combine, splitEvery);
        return new DItem<TResult>(graph, result, finish, lineage);
    }

    /// <summary>
    /// A one-partition bag from a tree reduction: generic op <paramref name="finishOp"/> over
    /// <paramref name="finishTypes"/> turns the last partial result into the partition's list.
    /// </summary>
    internal DBag<TResult> ReduceToBag<TResult>(
        string prefix, ReductionStep chunk, ReductionStep combine, int splitEvery, string finishOp, Type[] finishTypes, params TaskArg[] finishArgs)
    {
        var (graph, result) = Reduce(prefix, chunk, combine, splitEvery);
        var name = result.Name.Replace("-aggregate", "", StringComparison.Ordinal);
        return DBag.Create<TResult>(name, 1, _ => GenericOps.Task(finishOp, finishTypes, [result, .. finishArgs]), [graph], lineage);
    }
}

/// <summary>One step of a tree reduction: a generic op, its type arguments and its extra arguments.</summary>
internal sealed record ReductionStep(string Op, Type[] Types, params TaskArg[] Args);
