using System.Runtime.CompilerServices;
using MiniDask.Graph.Functions;

namespace MiniDask.Bag;

/// <summary>
/// Ops of the task-based shuffle behind GroupBy. Elements travel as <c>(destination, key, item)</c>
/// triples so that each key is computed and hashed once.
/// </summary>
internal static class ShuffleOps
{
    /// <summary>Tags each element with its key and destination partition: <c>[types, source, index, stages, key selector, destinations]</c>.</summary>
    public static object? Hash<T, TKey>(object?[] args) =>
        Streams.Into<T, HashSink<T, TKey>>(args, context => new(UserFunctions.Typed<Func<T, TKey>>(args[4]), (int)args[5]!, context)).Tagged;

    /// <summary>
    /// Splits tagged elements into <c>k</c> buckets by one base-<c>k</c> digit of their destination:
    /// <c>[types, tagged elements, k, place value of the digit]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static object? Split<T, TKey>(object?[] args)
    {
        var tagged = Partition.Span<(int Destination, TKey Key, T Item)>(args[1], 0);
        var k = (int)args[2]!;
        var place = (int)args[3]!;
        var buckets = new List<(int, TKey, T)>[k];
        for (var j = 0; j < k; j++)
        {
            buckets[j] = [];
        }

        foreach (var element in tagged)
        {
            buckets[element.Destination / place % k].Add(element);
        }

        return buckets;
    }

    /// <summary>One bucket of a split: <c>[types, buckets, bucket]</c>.</summary>
    public static object? Get<T, TKey>(object?[] args) => ((List<(int, TKey, T)>[])args[1]!)[(int)args[2]!];

    /// <summary>
    /// The groups of a partition's tagged elements as <c>(key, items)</c>, in first-occurrence order of
    /// the keys, items in their original order: <c>[types, tagged elements]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static object? Collect<T, TKey>(object?[] args)
        where TKey : notnull
    {
        var groups = new Dictionary<TKey, List<T>>();
        foreach (var (_, key, item) in Partition.Span<(int, TKey, T)>(args[1], 0))
        {
            if (!groups.TryGetValue(key, out var items))
            {
                items = [];
                groups.Add(key, items);
            }

            items.Add(item);
        }

        return groups.Select(g => (g.Key, g.Value)).ToList();
    }

    private sealed class HashSink<T, TKey>(TypedFunction<Func<T, TKey>> key, int destinations, StreamContext context) : Sink<T>
    {
        public List<(int, TKey, T)> Tagged { get; } = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Push(T item)
        {
            var itemKey = key.Apply(item, context);
            Tagged.Add((StableHash.Partition(itemKey ?? throw KeyedOps.NullKey("GroupBy", "key of element", context), destinations), itemKey, item));
        }
    }
}
