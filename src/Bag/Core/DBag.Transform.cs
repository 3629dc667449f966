using MiniDask.Graph;
using MiniDask.Graph.Functions;

namespace MiniDask.Bag;

public sealed partial class DBag<T>
{
    /// <summary>Applies <paramref name="selector"/> to every element (Dask's <c>map</c>).</summary>
    /// <remarks>See <see cref="UserFunctions"/> for which functions can run on distributed workers.</remarks>
    public DBag<TResult> Select<TResult>(Func<T, TResult> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return WithStage<TResult>("map", StageKinds.Map, [typeof(T), typeof(TResult)], [Function(selector)]);
    }

    /// <summary>Dask's name for <see cref="Select{TResult}"/>.</summary>
    public DBag<TResult> Map<TResult>(Func<T, TResult> selector) => Select(selector);

    /// <summary>The elements that satisfy <paramref name="predicate"/>, in order.</summary>
    public DBag<T> Where(Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return WithStage<T>("filter", StageKinds.Filter, [typeof(T)], [Function(predicate)]);
    }

    /// <summary>Dask's name for <see cref="Where"/>.</summary>
    public DBag<T> Filter(Func<T, bool> predicate) => Where(predicate);

    /// <summary>The elements of the collections that <paramref name="selector"/> returns for each element, in order.</summary>
    public DBag<TResult> SelectMany<TResult>(Func<T, IEnumerable<TResult>> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return WithStage<TResult>("select-many", StageKinds.SelectMany, [typeof(T), typeof(TResult)], [Function(selector)]);
    }

    /// <summary>
    /// <paramref name="resultSelector"/> of each element and each item of its collection: the form
    /// behind a query's second <c>from</c> clause.
    /// </summary>
    public DBag<TResult> SelectMany<TCollection, TResult>(
        Func<T, IEnumerable<TCollection>> collectionSelector, Func<T, TCollection, TResult> resultSelector)
    {
        ArgumentNullException.ThrowIfNull(collectionSelector);
        ArgumentNullException.ThrowIfNull(resultSelector);
        return WithStage<TResult>(
            "select-many", StageKinds.SelectManyResult, [typeof(T), typeof(TCollection), typeof(TResult)],
            [Function(collectionSelector), Function(resultSelector)]);
    }

    /// <summary>
    /// Applies <paramref name="function"/> to each whole partition (given as a read-only list) and
    /// makes its result the new partition.
    /// </summary>
    public DBag<TResult> MapPartitions<TResult>(Func<IEnumerable<T>, IEnumerable<TResult>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return MapPartitionsWith<TResult>("map-partitions", OpNames.MapPartitions, [typeof(T), typeof(TResult)], Function(function));
    }

    /// <summary>
    /// The value of a public field or property of every element, by name or dotted path, such as
    /// <c>"Name"</c> on a record or <c>"Address.City"</c>. Tuple elements are <c>Item1</c>, <c>Item2</c>, ...
    /// (their C# names do not exist at run time): see <see cref="Pluck{TResult}(int)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A member of the path does not exist, or is not a <typeparamref name="TResult"/>.</exception>
    public DBag<TResult> Pluck<TResult>(string member)
    {
        ArgumentException.ThrowIfNullOrEmpty(member);
        MemberPaths.Accessor<T, TResult>(member);
        return WithStage<TResult>("pluck", StageKinds.Pluck, [typeof(T), typeof(TResult)], [TaskArg.Literal(member)]);
    }

    /// <summary>Element <paramref name="index"/> (0-based, as in Dask) of every tuple.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> has no such element, or it is not a <typeparamref name="TResult"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public DBag<TResult> Pluck<TResult>(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Pluck<TResult>(MemberPaths.TupleItem(index));
    }

    /// <summary>This bag's partitions followed by <paramref name="other"/>'s.</summary>
    public DBag<T> Concat(DBag<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return DBag.Concat(this, other);
    }

    /// <summary>
    /// The same elements in <paramref name="npartitions"/> partitions, order kept: fewer by
    /// concatenating neighbouring partitions, more by splitting each partition into near-equal pieces.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="npartitions"/> is less than 1.</exception>
    public DBag<T> Repartition(int npartitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(npartitions, 1);
        if (npartitions == PartitionCount)
        {
            return this;
        }

        var name = Tokens.Name("repartition", Name, npartitions);
        var n = PartitionCount;
        if (npartitions < n)
        {
            return DBag.Create<T>(name, npartitions, j => GenericOps.Task(
                OpNames.Concat, [typeof(T)], TaskArg.Refs(keys[(int)((long)j * n / npartitions)..(int)((long)(j + 1) * n / npartitions)])),
                [Graph], lineage);
        }

        var pieces = new List<(int Source, int Piece, int Count)>(npartitions);
        for (var i = 0; i < n; i++)
        {
            var count = (int)((long)(i + 1) * npartitions / n) - (int)((long)i * npartitions / n);
            for (var p = 0; p < count; p++)
            {
                pieces.Add((i, p, count));
            }
        }

        return DBag.Create<T>(name, npartitions, j => GenericOps.Task(
            OpNames.Piece, [typeof(T)], keys[pieces[j].Source], TaskArg.Literal(pieces[j].Source),
            TaskArg.Literal(pieces[j].Piece), TaskArg.Literal(pieces[j].Count)), [Graph], lineage);
    }

    /// <summary>
    /// Pairs of elements at the same position of this bag and <paramref name="second"/>, which must
    /// be partitioned alike (same partition count, equal partition lengths), as in Dask.
    /// </summary>
    /// <exception cref="ArgumentException">The bags have different partition counts.</exception>
    /// <remarks>Partitions of different lengths fail the compute with an error naming the partition.</remarks>
    public DBag<(T First, TSecond Second)> Zip<TSecond>(DBag<TSecond> second)
    {
        ArgumentNullException.ThrowIfNull(second);
        return ZipWith<TSecond, (T, TSecond)>(second, OpNames.Zip, [typeof(T), typeof(TSecond)], []);
    }

    /// <summary><paramref name="resultSelector"/> of elements at the same position (see <see cref="Zip{TSecond}(DBag{TSecond})"/>).</summary>
    /// <exception cref="ArgumentException">The bags have different partition counts.</exception>
    public DBag<TResult> Zip<TSecond, TResult>(DBag<TSecond> second, Func<T, TSecond, TResult> resultSelector)
    {
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(resultSelector);
        return ZipWith<TSecond, TResult>(second, OpNames.ZipWith, [typeof(T), typeof(TSecond), typeof(TResult)], [Function(resultSelector)]);
    }

    /// <summary>
    /// Each element paired by <paramref name="resultSelector"/> with every element of the in-memory
    /// <paramref name="inner"/> sequence (copied now) that has an equal key, in order; null keys
    /// match nothing. This is LINQ's inner join, so a query's <c>join .. on .. equals ..</c> works.
    /// </summary>
    public DBag<TResult> Join<TInner, TKey, TResult>(
        IEnumerable<TInner> inner, Func<T, TKey> outerKeySelector, Func<TInner, TKey> innerKeySelector, Func<T, TInner, TResult> resultSelector)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(outerKeySelector);
        ArgumentNullException.ThrowIfNull(innerKeySelector);
        ArgumentNullException.ThrowIfNull(resultSelector);
        var innerFunction = Function(innerKeySelector);
        var innerItems = inner.ToList();
        var indexName = Tokens.Name("join-index", Tokens.OfSequence(innerItems), innerFunction);
        var index = new Key(indexName);
        var indexGraph = TaskGraph.FromTasks(
            [new(index, GenericOps.Task(OpNames.JoinIndex, [typeof(TInner), typeof(TKey)], TaskArg.Literal(innerItems), innerFunction))],
            indexName);
        return WithStage<TResult>(
            "join", StageKinds.Join, [typeof(T), typeof(TInner), typeof(TKey), typeof(TResult)],
            [index, Function(outerKeySelector), Function(resultSelector)], indexGraph);
    }

    private DBag<TResult> ZipWith<TSecond, TResult>(DBag<TSecond> second, string op, Type[] types, TaskArg[] extra)
    {
        if (second.PartitionCount != PartitionCount)
        {
            throw new ArgumentException(
                $"Zip needs bags with the same number of partitions, but this bag has {PartitionCount} and the other {second.PartitionCount}.",
                nameof(second));
        }

        var name = Tokens.Name("zip", Name, second.Name, op, types, extra);
        return DBag.Create<TResult>(
            name, PartitionCount, i => GenericOps.Task(op, types, [keys[i], TaskArg.Literal(i), second.OutputKeys[i], .. extra]),
            [Graph, second.Graph], lineage.Concat(second.ElementTypes));
    }

    private static TaskArg Function(Delegate function) => TaskArg.Literal(UserFunctions.Register(function));
}
