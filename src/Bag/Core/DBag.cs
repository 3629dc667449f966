using MiniDask.Graph;

namespace MiniDask.Bag;

/// <summary>
/// A lazy, partitioned sequence of <typeparamref name="T"/> (Dask's <c>Bag</c>): a task graph
/// with one task per partition, each computing a <see cref="List{T}"/>. Operations add layers
/// to the graph and return new bags; nothing runs until <c>Compute()</c>, which returns all
/// elements in partition order. Create bags with <see cref="DBag"/>.
/// </summary>
/// <remarks>
/// Element-wise operations (Select, Where, SelectMany, Flatten, Pluck, Join) do not make a task
/// that materializes each intermediate partition for the next: they add a stage to the bag's
/// pipeline, and whatever consumes the bag (a reduction, a shuffle, a write, or its own partition
/// task) streams each input partition through all pending stages in one pass, as Dask does with
/// lazy iterators inside fused tasks. Stages are data in the task, like everything else.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
public sealed partial class DBag<T> : IDaskCollection<List<T>>, IDistributable
{
    private readonly Key[] keys;
    private readonly Type[] lineage;
    private readonly Pipeline pipeline;

    internal DBag(TaskGraph graph, string name, int partitionCount, IEnumerable<Type> inputTypes, Pipeline? pipeline = null)
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
        this.pipeline = pipeline ?? new Pipeline(keys, graph, []);
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
    /// applied to <c>[partition i, i, ..extra]</c> of this bag (materialized).
    /// </summary>
    internal DBag<TResult> MapPartitionsWith<TResult>(string prefix, string op, Type[] types, params TaskArg[] extra)
    {
        var name = Tokens.Name(prefix, Name, op, types, extra);
        return DBag.Create<TResult>(name, PartitionCount, i => GenericOps.Task(op, types, [keys[i], TaskArg.Literal(i), .. extra]), [Graph], lineage);
    }

    /// <summary>
    /// This bag with one more element-wise stage of <paramref name="kind"/> over <paramref name="types"/>
    /// (the first being <typeparamref name="T"/> or what it flattens): <c>[kind, types, ..args]</c>.
    /// <paramref name="inputs"/> are graphs that <paramref name="args"/> references.
    /// </summary>
    internal DBag<TResult> WithStage<TResult>(string prefix, string kind, Type[] types, TaskArg[] args, params IEnumerable<TaskGraph> inputs)
    {
        var stage = TaskArg.List([TaskArg.Literal(kind), TaskArg.Literal(TypeNames.Join(types)), .. args]);
        var next = new Pipeline(pipeline.Sources, TaskGraph.Merge(inputs.Prepend(pipeline.Graph)), [.. pipeline.Stages, stage]);
        var name = Tokens.Name(prefix, next.Sources, next.Stages);
        return new DBag<TResult>(
            TaskGraph.FromLayer(new MaterializedLayer(name, next.Tasks(name, OpNames.Materialize, [typeof(TResult)], _ => [])), next.Graph), name, PartitionCount, lineage, next);
    }

    /// <summary>
    /// A layer <paramref name="name"/> of generic op <paramref name="op"/> streaming this bag's partitions,
    /// <c>[types, source i, i, stages, ..extra(i)]</c> keyed <c>(name, i)</c>, over the graph it reads.
    /// </summary>
    internal TaskGraph Stream(string name, string op, Type[] types, Func<int, TaskArg[]> extra) =>
        TaskGraph.FromLayer(new MaterializedLayer(name, pipeline.Tasks(name, op, types, extra)), pipeline.Graph);

    /// <summary>
    /// A tree reduction (Dask's <c>Bag.reduction</c>): <paramref name="chunk"/> streams every
    /// partition as <c>[source i, i, stages, ..args]</c>, then <paramref name="combine"/> runs on groups of
    /// at most <paramref name="splitEvery"/> partial results as <c>[partials, ..args]</c>, level by level,
    /// until one remains. Returns the graph and the key of the last combine.
    /// </summary>
    internal (TaskGraph Graph, Key Result) Reduce(string prefix, ReductionStep chunk, ReductionStep combine, int splitEvery)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(splitEvery, 2);
        var token = Tokens.Name(prefix, Name, chunk.Op, chunk.Types, chunk.Args, combine.Op, combine.Types, combine.Args, splitEvery);
        var chunkName = token.Insert(prefix.Length, "-chunk");
        var aggregateName = token.Insert(prefix.Length, "-aggregate");
        var chunkGraph = Stream(chunkName, chunk.Op, chunk.Types, _ => chunk.Args);
        var level = Enumerable.Range(0, PartitionCount).Select(i => new Key(chunkName, i)).ToList();

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

        return (TaskGraph.FromLayer(new MaterializedLayer(aggregateName, aggregateTasks), chunkGraph), level[0]);
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

/// <summary>
/// How a bag's partitions are computed by streaming: partition <c>i</c> is <c>Sources[i]</c> pushed
/// through <c>Stages</c>. A bag without pending stages is its own source.
/// </summary>
/// <param name="Sources">The materialized input partitions.</param>
/// <param name="Graph">The graph computing the sources (and anything the stages reference).</param>
/// <param name="Stages">The element-wise stages, each <c>[kind, types, ..arguments]</c>.</param>
internal sealed record Pipeline(IReadOnlyList<Key> Sources, TaskGraph Graph, IReadOnlyList<TaskArg> Stages)
{
    /// <summary>Tasks <c>(name, i)</c> running generic op <paramref name="op"/> on <c>[types, source i, i, stages, ..extra(i)]</c>.</summary>
    public Dictionary<Key, DaskTask> Tasks(string name, string op, Type[] types, Func<int, TaskArg[]> extra)
    {
        var stages = TaskArg.List(Stages);
        var tasks = new Dictionary<Key, DaskTask>(Sources.Count);
        for (var i = 0; i < Sources.Count; i++)
        {
            tasks[new Key(name, i)] = GenericOps.Task(op, types, [Sources[i], TaskArg.Literal(i), stages, .. extra(i)]);
        }

        return tasks;
    }
}
