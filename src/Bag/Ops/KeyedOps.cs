using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MiniDask.Graph.Functions;

namespace MiniDask.Bag;

/// <summary>
/// Chunk, combine and finish ops of the reductions that keep per-key or per-item state:
/// Frequencies, TopK, Distinct and FoldBy. Chunk arguments: <c>[types, source, partition index, stages, ..]</c>;
/// combine arguments: <c>[types, partials, ..]</c>; finish arguments: <c>[types, last partial, ..]</c>.
/// Partials are combined in partition order, and dictionaries are only ever added to (which keeps
/// their enumeration in insertion order), so every result lists items in order of first occurrence.
/// </summary>
internal static class KeyedOps
{
    /// <summary>The count of each distinct element of a partition.</summary>
    public static object? FrequenciesChunk<T>(object?[] args)
        where T : notnull =>
        Streams.Into<T, FrequenciesSink<T>>(args, static context => new(context)).Counts;

    /// <summary>Partial counts added up.</summary>
    public static object? FrequenciesCombine<T>(object?[] args)
        where T : notnull
    {
        var total = new Dictionary<T, long>();
        foreach (var partial in (object?[])args[1]!)
        {
            foreach (var (item, count) in (Dictionary<T, long>)partial!)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(total, item, out _) += count;
            }
        }

        return total;
    }

    /// <summary>The counts as <c>(item, count)</c> pairs: <c>[.., sort]</c>, by descending count when sorting (ties in first-occurrence order).</summary>
    public static object? FrequenciesFinish<T>(object?[] args)
        where T : notnull
    {
        var pairs = ((Dictionary<T, long>)args[1]!).Select(kv => (kv.Key, kv.Value));
        List<(T, long)> result = (bool)args[2]! ? [.. pairs.OrderByDescending(p => p.Value)] : [.. pairs];
        return result;
    }

    /// <summary>The <c>k</c> largest elements by key, largest first, earlier first among equals: <c>[.., k, key selector or null]</c>.</summary>
    public static object? TopKChunk<T, TKey>(object?[] args) =>
        Streams.Into<T, TopKSink<T, TKey>>(args, context => new((int)args[4]!, KeySelector<T, TKey>(args[5]), context)).Result();

    /// <summary>The <c>k</c> largest of the partial top lists: <c>[.., k, key selector or null]</c>.</summary>
    public static object? TopKCombine<T, TKey>(object?[] args)
    {
        var candidates = Partition.Concat<T>((object?[])args[1]!);
        var key = KeySelector<T, TKey>(args[3]);
        try
        {
            return candidates.OrderByDescending(key.Call, Comparer<TKey>.Default).Take((int)args[2]!).ToList();
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnCombine(key.Name, e);
        }
    }

    /// <summary>The distinct elements of a partition (by key, when given) in first-occurrence order: <c>[.., key selector or null]</c>.</summary>
    public static object? DistinctChunk<T, TKey>(object?[] args) =>
        Streams.Into<T, DistinctSink<T, TKey>>(args, context => new(KeySelector<T, TKey>(args[4]), context)).Items;

    /// <summary>The distinct elements of the partial lists, in order: <c>[.., key selector or null]</c>.</summary>
    public static object? DistinctCombine<T, TKey>(object?[] args)
    {
        var sink = new DistinctSink<T, TKey>(KeySelector<T, TKey>(args[2]), context: null);
        foreach (var partial in (object?[])args[1]!)
        {
            foreach (var item in (List<T>)partial!)
            {
                sink.Push(item);
            }
        }

        return sink.Items;
    }

    /// <summary>
    /// A fold per key of a partition: <c>[.., key selector, binop, has initial, initial]</c>. Without an
    /// initial value, the first element of each key seeds its fold (and the accumulator type is the element type).
    /// </summary>
    public static object? FoldByChunk<T, TKey, TAccumulate>(object?[] args)
        where TKey : notnull =>
        Streams.Into<T, FoldBySink<T, TKey, TAccumulate>>(args, context => new(args, context)).Folds;

    /// <summary>Partial folds of each key combined: <c>[.., combine]</c>.</summary>
    public static object? FoldByCombine<TKey, TAccumulate>(object?[] args)
        where TKey : notnull
    {
        var combine = UserFunctions.Typed<Func<TAccumulate, TAccumulate, TAccumulate>>(args[2]);
        var total = new Dictionary<TKey, TAccumulate>();
        foreach (var partial in (object?[])args[1]!)
        {
            foreach (var (key, value) in (Dictionary<TKey, TAccumulate>)partial!)
            {
                ref var fold = ref CollectionsMarshal.GetValueRefOrAddDefault(total, key, out var exists);
                try
                {
                    fold = exists ? combine.Call(fold!, value) : value;
                }
                catch (Exception e)
                {
                    throw UserFunctionException.OnCombine(combine.Name, key, e);
                }
            }
        }

        return total;
    }

    /// <summary>The folds as <c>(key, value)</c> pairs in first-occurrence order of the keys.</summary>
    public static object? FoldByFinish<TKey, TAccumulate>(object?[] args)
        where TKey : notnull =>
        ((Dictionary<TKey, TAccumulate>)args[1]!).Select(kv => (kv.Key, kv.Value)).ToList();

    /// <summary>The error for a null key, which per-key dictionaries cannot hold.</summary>
    internal static InvalidOperationException NullKey(string operation, string what, StreamContext context) =>
        new($"{operation} cannot use a null {what} {context.Element} of partition {context.Partition}: keys must not be null.");

    /// <summary>The key selector named by <paramref name="name"/>, or the identity (with <typeparamref name="TKey"/> the element type) when null.</summary>
    private static TypedFunction<Func<T, TKey>> KeySelector<T, TKey>(object? name) =>
        name is null ? new((Func<T, TKey>)(object)(Func<T, T>)(static item => item), "identity") : UserFunctions.Typed<Func<T, TKey>>(name);

    private sealed class FrequenciesSink<T>(StreamContext context) : Sink<T>
        where T : notnull
    {
        public Dictionary<T, long> Counts { get; } = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Push(T item) =>
            CollectionsMarshal.GetValueRefOrAddDefault(Counts, item ?? throw NullKey("Frequencies", "element", context), out _)++;
    }

    /// <summary>Keeps the <c>k</c> best elements in a heap whose top is the worst of them.</summary>
    private sealed class TopKSink<T, TKey>(int k, TypedFunction<Func<T, TKey>> key, StreamContext context) : Sink<T>
    {
        private readonly Comparer<TKey> comparer = Comparer<TKey>.Default;
        private readonly PriorityQueue<T, (TKey Key, long Position)> heap = new(k + 1, new WorstFirst<TKey>());
        private long position;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Push(T item)
        {
            if (k == 0)
            {
                return;
            }

            var itemKey = key.Apply(item, context);
            if (heap.Count < k)
            {
                heap.Enqueue(item, (itemKey, position++));
            }
            else if (heap.TryPeek(out _, out var worst) && comparer.Compare(itemKey, worst.Key) > 0)
            {
                heap.DequeueEnqueue(item, (itemKey, position++));
            }
        }

        /// <summary>The kept elements, best first.</summary>
        public List<T> Result()
        {
            var result = new List<T>(heap.Count);
            while (heap.TryDequeue(out var item, out _))
            {
                result.Add(item);
            }

            result.Reverse();
            return result;
        }
    }

    /// <summary>Orders heap entries worst first: smaller key, then later position among equal keys.</summary>
    private sealed class WorstFirst<TKey> : IComparer<(TKey Key, long Position)>
    {
        private readonly Comparer<TKey> keys = Comparer<TKey>.Default;

        public int Compare((TKey Key, long Position) x, (TKey Key, long Position) y)
        {
            var c = keys.Compare(x.Key, y.Key);
            return c != 0 ? c : y.Position.CompareTo(x.Position);
        }
    }

    /// <summary>Keeps the first element of each key; with no context, failures are blamed on combining.</summary>
    private sealed class DistinctSink<T, TKey>(TypedFunction<Func<T, TKey>> key, StreamContext? context) : Sink<T>
    {
        private readonly HashSet<TKey> seen = [];

        public List<T> Items { get; } = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Push(T item)
        {
            if (seen.Add(key.Apply(item, context)))
            {
                Items.Add(item);
            }
        }
    }

    private sealed class FoldBySink<T, TKey, TAccumulate> : Sink<T>
        where TKey : notnull
    {
        private readonly TypedFunction<Func<T, TKey>> key;
        private readonly TypedFunction<Func<TAccumulate, T, TAccumulate>> binop;
        private readonly bool hasInitial;
        private readonly TAccumulate initial;
        private readonly StreamContext context;

        /// <summary>Reads <c>[.., key selector, binop, has initial, initial]</c> from a chunk task's arguments.</summary>
        public FoldBySink(object?[] args, StreamContext context)
        {
            key = UserFunctions.Typed<Func<T, TKey>>(args[4]);
            binop = UserFunctions.Typed<Func<TAccumulate, T, TAccumulate>>(args[5]);
            hasInitial = (bool)args[6]!;
            initial = hasInitial ? (TAccumulate)args[7]! : default!;
            this.context = context;
        }

        public Dictionary<TKey, TAccumulate> Folds { get; } = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Push(T item)
        {
            var itemKey = key.Apply(item, context) ?? throw NullKey("FoldBy", "key of element", context);
            ref var fold = ref CollectionsMarshal.GetValueRefOrAddDefault(Folds, itemKey, out var exists);
            fold = exists ? binop.Apply(fold!, item, item, context) : hasInitial ? binop.Apply(initial, item, item, context) : (TAccumulate)(object)item!;
        }
    }
}
