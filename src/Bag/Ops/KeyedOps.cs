using System.Runtime.InteropServices;

namespace MiniDask.Bag;

/// <summary>
/// Chunk, combine and finish ops of the reductions that keep per-key or per-item state:
/// Frequencies, TopK, Distinct and FoldBy. Chunk arguments: <c>[types, partition, partition index, ..]</c>;
/// combine arguments: <c>[types, partials, ..]</c>; finish arguments: <c>[types, last partial, ..]</c>.
/// Partials are combined in partition order, and dictionaries are only ever added to (which keeps
/// their enumeration in insertion order), so every result lists items in order of first occurrence.
/// </summary>
internal static class KeyedOps
{
    /// <summary>The count of each distinct element of a partition.</summary>
    public static object? FrequenciesChunk<T>(object?[] args)
        where T : notnull
    {
        var index = (int)args[2]!;
        var items = Partition.Span<T>(args[1], index);
        var counts = new Dictionary<T, long>();
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i] ?? throw NullKey("Frequencies", "element", index, i);
            CollectionsMarshal.GetValueRefOrAddDefault(counts, item, out _)++;
        }

        return counts;
    }

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
        var counts = (Dictionary<T, long>)args[1]!;
        var pairs = counts.Select(kv => (kv.Key, kv.Value));
        List<(T, long)> result = (bool)args[2]! ? [.. pairs.OrderByDescending(p => p.Value)] : [.. pairs];
        return result;
    }

    /// <summary>The <c>k</c> largest elements by key, largest first, earlier first among equals: <c>[.., k, key selector or null]</c>.</summary>
    public static object? TopKChunk<T, TKey>(object?[] args)
    {
        var index = (int)args[2]!;
        var items = Partition.Span<T>(args[1], index);
        var k = (int)args[3]!;
        var (key, name) = KeySelector<T, TKey>(args[4]);
        var comparer = Comparer<TKey>.Default;
        var heap = new PriorityQueue<T, (TKey Key, int Position)>(k + 1, new WorstFirst<TKey>(comparer));
        var i = 0;
        try
        {
            for (; i < items.Length && k > 0; i++)
            {
                var itemKey = key(items[i]);
                if (heap.Count < k)
                {
                    heap.Enqueue(items[i], (itemKey, i));
                }
                else if (heap.TryPeek(out _, out var worst) && comparer.Compare(itemKey, worst.Key) > 0)
                {
                    heap.DequeueEnqueue(items[i], (itemKey, i));
                }
            }
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnElement(name, index, i, items[i], e);
        }

        var result = new List<T>(heap.Count);
        while (heap.TryDequeue(out var item, out _))
        {
            result.Add(item);
        }

        result.Reverse();
        return result;
    }

    /// <summary>The <c>k</c> largest of the partial top lists: <c>[.., k, key selector or null]</c>.</summary>
    public static object? TopKCombine<T, TKey>(object?[] args)
    {
        var candidates = Partition.Concat<T>((object?[])args[1]!);
        var k = (int)args[2]!;
        var (key, name) = KeySelector<T, TKey>(args[3]);
        try
        {
            return candidates.OrderByDescending(key, Comparer<TKey>.Default).Take(k).ToList();
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnCombine(name, e);
        }
    }

    /// <summary>The distinct elements of a partition (by key, when given) in first-occurrence order: <c>[.., key selector or null]</c>.</summary>
    public static object? DistinctChunk<T, TKey>(object?[] args)
    {
        var index = (int)args[2]!;
        var items = Partition.Span<T>(args[1], index);
        var (key, name) = KeySelector<T, TKey>(args[3]);
        var seen = new HashSet<TKey>();
        var result = new List<T>();
        var i = 0;
        try
        {
            for (; i < items.Length; i++)
            {
                if (seen.Add(key(items[i])))
                {
                    result.Add(items[i]);
                }
            }
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnElement(name, index, i, items[i], e);
        }

        return result;
    }

    /// <summary>The distinct elements of the partial lists, in order: <c>[.., key selector or null]</c>.</summary>
    public static object? DistinctCombine<T, TKey>(object?[] args)
    {
        var (key, name) = KeySelector<T, TKey>(args[2]);
        var seen = new HashSet<TKey>();
        var result = new List<T>();
        try
        {
            foreach (var partial in (object?[])args[1]!)
            {
                foreach (var item in (List<T>)partial!)
                {
                    if (seen.Add(key(item)))
                    {
                        result.Add(item);
                    }
                }
            }
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnCombine(name, e);
        }

        return result;
    }

    /// <summary>
    /// A fold per key of a partition: <c>[.., key selector, binop, has initial, initial]</c>. Without an
    /// initial value, the first element of each key seeds its fold (and the accumulator type is the element type).
    /// </summary>
    public static object? FoldByChunk<T, TKey, TAccumulate>(object?[] args)
        where TKey : notnull
    {
        var index = (int)args[2]!;
        var items = Partition.Span<T>(args[1], index);
        var keyFunction = UserFunctions.Resolve((string)args[3]!);
        var key = keyFunction.As<Func<T, TKey>>();
        var binopFunction = UserFunctions.Resolve((string)args[4]!);
        var binop = binopFunction.As<Func<TAccumulate, T, TAccumulate>>();
        var hasInitial = (bool)args[5]!;
        var initial = hasInitial ? (TAccumulate)args[6]! : default!;
        var folds = new Dictionary<TKey, TAccumulate>();
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            TKey itemKey;
            try
            {
                itemKey = key(item);
            }
            catch (Exception e)
            {
                throw UserFunctionException.OnElement(keyFunction.DisplayName, index, i, item, e);
            }

            ref var fold = ref CollectionsMarshal.GetValueRefOrAddDefault(folds, itemKey ?? throw NullKey("FoldBy", "key of element", index, i), out var exists);
            try
            {
                fold = exists ? binop(fold!, item) : hasInitial ? binop(initial, item) : (TAccumulate)(object)item!;
            }
            catch (Exception e)
            {
                throw UserFunctionException.OnElement(binopFunction.DisplayName, index, i, item, e);
            }
        }

        return folds;
    }

    /// <summary>Partial folds of each key combined: <c>[.., combine]</c>.</summary>
    public static object? FoldByCombine<TKey, TAccumulate>(object?[] args)
        where TKey : notnull
    {
        var function = UserFunctions.Resolve((string)args[2]!);
        var combine = function.As<Func<TAccumulate, TAccumulate, TAccumulate>>();
        var total = new Dictionary<TKey, TAccumulate>();
        foreach (var partial in (object?[])args[1]!)
        {
            foreach (var (key, value) in (Dictionary<TKey, TAccumulate>)partial!)
            {
                ref var fold = ref CollectionsMarshal.GetValueRefOrAddDefault(total, key, out var exists);
                try
                {
                    fold = exists ? combine(fold!, value) : value;
                }
                catch (Exception e)
                {
                    throw UserFunctionException.OnCombine(function.DisplayName, key, e);
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
    internal static InvalidOperationException NullKey(string operation, string what, int partition, int element) =>
        new($"{operation} cannot use a null {what} {element} of partition {partition}: keys must not be null.");

    /// <summary>The key selector named by <paramref name="name"/>, or the identity (with <typeparamref name="TKey"/> the element type) when null.</summary>
    private static (Func<T, TKey> Key, string Name) KeySelector<T, TKey>(object? name)
    {
        if (name is string functionName)
        {
            var function = UserFunctions.Resolve(functionName);
            return (function.As<Func<T, TKey>>(), function.DisplayName);
        }

        return ((Func<T, TKey>)(object)(Func<T, T>)(static item => item), "identity");
    }

    /// <summary>Orders heap entries worst first: smaller key, then later position among equal keys.</summary>
    private sealed class WorstFirst<TKey>(IComparer<TKey> keys) : IComparer<(TKey Key, int Position)>
    {
        public int Compare((TKey Key, int Position) x, (TKey Key, int Position) y)
        {
            var c = keys.Compare(x.Key, y.Key);
            return c != 0 ? c : y.Position.CompareTo(x.Position);
        }
    }
}
