using MiniDask.Graph;

namespace MiniDask.Bag;

public sealed partial class DBag<T>
{
    /// <summary>The default number of partial results combined per task in tree reductions, as in Dask.</summary>
    public const int DefaultSplitEvery = 8;

    /// <summary>The number of elements.</summary>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    public DItem<long> Count(int splitEvery = DefaultSplitEvery) =>
        ReduceToItem("count", new(OpNames.CountChunk, [typeof(T)]), new(OpNames.CountCombine, [typeof(T)]), splitEvery, static r => (long)r!);

    /// <summary>
    /// The smallest element by <see cref="Comparer{T}.Default"/>, nulls ignored. As in LINQ, a bag
    /// with no non-null element gives null when <typeparamref name="T"/> is nullable, and fails otherwise.
    /// </summary>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    /// <exception cref="InvalidOperationException">(From <c>Compute()</c>.) The bag is empty and <typeparamref name="T"/> is a non-nullable value type.</exception>
    public DItem<T> Min(int splitEvery = DefaultSplitEvery) => Extreme("min", max: false, splitEvery);

    /// <summary>The largest element by <see cref="Comparer{T}.Default"/>, nulls ignored (see <see cref="Min"/>).</summary>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    /// <exception cref="InvalidOperationException">(From <c>Compute()</c>.) The bag is empty and <typeparamref name="T"/> is a non-nullable value type.</exception>
    public DItem<T> Max(int splitEvery = DefaultSplitEvery) => Extreme("max", max: true, splitEvery);

    /// <summary>Whether the bag has any element.</summary>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    public DItem<bool> Any(int splitEvery = DefaultSplitEvery) => AnyAll("any", all: false, null, splitEvery);

    /// <summary>Whether any element satisfies <paramref name="predicate"/>.</summary>
    /// <param name="predicate">The condition.</param>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    public DItem<bool> Any(Func<T, bool> predicate, int splitEvery = DefaultSplitEvery)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return AnyAll("any", all: false, predicate, splitEvery);
    }

    /// <summary>Whether every element satisfies <paramref name="predicate"/> (true for an empty bag).</summary>
    /// <param name="predicate">The condition.</param>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    public DItem<bool> All(Func<T, bool> predicate, int splitEvery = DefaultSplitEvery)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return AnyAll("all", all: true, predicate, splitEvery);
    }

    /// <summary>
    /// A parallel fold (Dask's <c>fold</c>): each partition is folded with <paramref name="binop"/>
    /// starting from <paramref name="initial"/>, then the partial results are folded with
    /// <paramref name="combine"/>, again from <paramref name="initial"/>. So <paramref name="initial"/>
    /// must be an identity of <paramref name="combine"/> (0 for a sum), and should be immutable: every
    /// task starts from the same value.
    /// </summary>
    /// <param name="binop">Adds one element to an accumulator.</param>
    /// <param name="combine">Merges two accumulators; must be associative.</param>
    /// <param name="initial">The starting accumulator of every partition and of every combine.</param>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    public DItem<TAccumulate> Fold<TAccumulate>(
        Func<TAccumulate, T, TAccumulate> binop, Func<TAccumulate, TAccumulate, TAccumulate> combine, TAccumulate initial, int splitEvery = DefaultSplitEvery)
    {
        ArgumentNullException.ThrowIfNull(binop);
        ArgumentNullException.ThrowIfNull(combine);
        var start = TaskArg.Literal(initial);
        return ReduceToItem(
            "fold",
            new(OpNames.FoldChunk, [typeof(T), typeof(TAccumulate)], Function(binop), start),
            new(OpNames.FoldCombine, [typeof(T), typeof(TAccumulate)], Function(combine), start),
            splitEvery,
            static r => (TAccumulate)r!);
    }

    /// <summary>
    /// A parallel fold without an initial value: each partition is reduced with the associative
    /// <paramref name="binop"/> from its first element, then the partial results are too.
    /// </summary>
    /// <param name="binop">Merges two values; must be associative.</param>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    /// <exception cref="InvalidOperationException">(From <c>Compute()</c>.) The bag is empty.</exception>
    public DItem<T> Fold(Func<T, T, T> binop, int splitEvery = DefaultSplitEvery)
    {
        ArgumentNullException.ThrowIfNull(binop);
        var function = Function(binop);
        return ReduceToItem(
            "fold", new(OpNames.ReduceChunk, [typeof(T)], function), new(OpNames.ReduceCombine, [typeof(T)], function), splitEvery,
            static r => ((bool, T))r! is (true, var value) ? value : throw DBag.EmptyBag("Fold without an initial value"));
    }

    /// <summary>LINQ's name for <see cref="Fold{TAccumulate}"/>, with LINQ's argument order.</summary>
    /// <param name="seed">The starting accumulator of every partition and of every combine (see <see cref="Fold{TAccumulate}"/>).</param>
    /// <param name="func">Adds one element to an accumulator.</param>
    /// <param name="combine">Merges two accumulators; must be associative.</param>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    public DItem<TAccumulate> Aggregate<TAccumulate>(
        TAccumulate seed, Func<TAccumulate, T, TAccumulate> func, Func<TAccumulate, TAccumulate, TAccumulate> combine, int splitEvery = DefaultSplitEvery) =>
        Fold(func, combine, seed, splitEvery);

    /// <summary>LINQ's name for <see cref="Fold(Func{T, T, T}, int)"/>.</summary>
    /// <param name="func">Merges two values; must be associative.</param>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    /// <exception cref="InvalidOperationException">(From <c>Compute()</c>.) The bag is empty.</exception>
    public DItem<T> Aggregate(Func<T, T, T> func, int splitEvery = DefaultSplitEvery) => Fold(func, splitEvery);

    /// <summary>
    /// How many times each distinct element occurs, as a one-partition bag of <c>(item, count)</c>
    /// pairs in order of first occurrence, or by descending count when <paramref name="sort"/> is set
    /// (ties keeping that order). Each partition is counted into a dictionary; the dictionaries are
    /// merged as a tree.
    /// </summary>
    /// <param name="sort">Whether to order the pairs by descending count.</param>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    /// <remarks>A null element fails the compute, naming its partition.</remarks>
    public DBag<(T Item, long Count)> Frequencies(bool sort = false, int splitEvery = DefaultSplitEvery) =>
        ReduceToBag<(T, long)>(
            "frequencies", new(OpNames.FrequenciesChunk, [typeof(T)]), new(OpNames.FrequenciesCombine, [typeof(T)]), splitEvery,
            OpNames.FrequenciesFinish, [typeof(T)], TaskArg.Literal(sort));

    /// <summary>The <paramref name="k"/> largest elements, largest first; among equal elements the earlier comes first.</summary>
    /// <param name="k">How many elements to keep.</param>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is negative.</exception>
    public DBag<T> TopK(int k, int splitEvery = DefaultSplitEvery) => TopKBy<T>(k, TaskArg.Literal(null), splitEvery);

    /// <summary>
    /// The <paramref name="k"/> elements with the largest keys, largest first; among equal keys the
    /// earlier element comes first. Each partition keeps its own top <paramref name="k"/> in a heap.
    /// </summary>
    /// <param name="k">How many elements to keep.</param>
    /// <param name="key">The key to rank elements by.</param>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is negative.</exception>
    public DBag<T> TopK<TKey>(int k, Func<T, TKey> key, int splitEvery = DefaultSplitEvery)
    {
        ArgumentNullException.ThrowIfNull(key);
        return TopKBy<TKey>(k, Function(key), splitEvery);
    }

    /// <summary>The distinct elements by <see cref="EqualityComparer{T}.Default"/>, in order of first occurrence, as a one-partition bag.</summary>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    public DBag<T> Distinct(int splitEvery = DefaultSplitEvery) => DistinctBy<T>(TaskArg.Literal(null), splitEvery);

    /// <summary>The first element of each distinct key, in order of first occurrence, as a one-partition bag.</summary>
    /// <param name="key">The key that decides which elements are duplicates.</param>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    public DBag<T> DistinctBy<TKey>(Func<T, TKey> key, int splitEvery = DefaultSplitEvery)
    {
        ArgumentNullException.ThrowIfNull(key);
        return DistinctBy<TKey>(Function(key), splitEvery);
    }

    /// <summary>
    /// A fold per key without a shuffle (Dask's <c>foldby</c>): each partition folds the elements of
    /// each key with <paramref name="binop"/> from <paramref name="initial"/>, and the per-key partial
    /// results are merged as a tree with <paramref name="combine"/>. Gives a one-partition bag of
    /// <c>(key, value)</c> pairs in order of first occurrence of the keys. Fast when there are few keys.
    /// </summary>
    /// <param name="key">The key of an element; must not be null.</param>
    /// <param name="binop">Adds one element to a key's accumulator.</param>
    /// <param name="initial">The starting accumulator of each key in each partition; should be immutable.</param>
    /// <param name="combine">Merges two accumulators of the same key; must be associative.</param>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    public DBag<(TKey Key, TAccumulate Value)> FoldBy<TKey, TAccumulate>(
        Func<T, TKey> key,
        Func<TAccumulate, T, TAccumulate> binop,
        TAccumulate initial,
        Func<TAccumulate, TAccumulate, TAccumulate> combine,
        int splitEvery = DefaultSplitEvery)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(binop);
        ArgumentNullException.ThrowIfNull(combine);
        return FoldBy<TKey, TAccumulate>(Function(key), Function(binop), true, initial, Function(combine), splitEvery);
    }

    /// <summary>
    /// A reduction per key without a shuffle: the elements of each key are merged with the
    /// associative <paramref name="binop"/>, within partitions and then across them.
    /// </summary>
    /// <param name="key">The key of an element; must not be null.</param>
    /// <param name="binop">Merges two values of the same key; must be associative.</param>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    public DBag<(TKey Key, T Value)> FoldBy<TKey>(Func<T, TKey> key, Func<T, T, T> binop, int splitEvery = DefaultSplitEvery)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(binop);
        var function = Function(binop);
        return FoldBy<TKey, T>(Function(key), function, false, default, function, splitEvery);
    }

    private DItem<T> Extreme(string prefix, bool max, int splitEvery) =>
        ReduceToItem(
            prefix, new(OpNames.ExtremeChunk, [typeof(T)], TaskArg.Literal(max)), new(OpNames.ExtremeCombine, [typeof(T)], TaskArg.Literal(max)),
            splitEvery,
            r => ((bool, T))r! is (true, var value) ? value : default(T) is null ? default! : throw DBag.EmptyBag(max ? "Max" : "Min"));

    private DItem<bool> AnyAll(string prefix, bool all, Func<T, bool>? predicate, int splitEvery) =>
        ReduceToItem(
            prefix,
            new(OpNames.AnyAllChunk, [typeof(T)], TaskArg.Literal(all), predicate is null ? TaskArg.Literal(null) : Function(predicate)),
            new(OpNames.AnyAllCombine, [typeof(T)], TaskArg.Literal(all)),
            splitEvery,
            static r => (bool)r!);

    private DBag<T> TopKBy<TKey>(int k, TaskArg key, int splitEvery)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        return ReduceToBag<T>(
            "topk", new(OpNames.TopKChunk, [typeof(T), typeof(TKey)], TaskArg.Literal(k), key),
            new(OpNames.TopKCombine, [typeof(T), typeof(TKey)], TaskArg.Literal(k), key), splitEvery,
            OpNames.Identity, [typeof(T)]);
    }

    private DBag<T> DistinctBy<TKey>(TaskArg key, int splitEvery) =>
        ReduceToBag<T>(
            "distinct", new(OpNames.DistinctChunk, [typeof(T), typeof(TKey)], key), new(OpNames.DistinctCombine, [typeof(T), typeof(TKey)], key),
            splitEvery, OpNames.Identity, [typeof(T)]);

    private DBag<(TKey Key, TAccumulate Value)> FoldBy<TKey, TAccumulate>(
        TaskArg key, TaskArg binop, bool hasInitial, TAccumulate? initial, TaskArg combine, int splitEvery) =>
        ReduceToBag<(TKey, TAccumulate)>(
            "foldby",
            new(OpNames.FoldByChunk, [typeof(T), typeof(TKey), typeof(TAccumulate)], key, binop, TaskArg.Literal(hasInitial), TaskArg.Literal(initial)),
            new(OpNames.FoldByCombine, [typeof(TKey), typeof(TAccumulate)], combine),
            splitEvery, OpNames.FoldByFinish, [typeof(TKey), typeof(TAccumulate)]);
}
