using System.Runtime.CompilerServices;
using MiniDask.Graph.Functions;

namespace MiniDask.Bag;

/// <summary>
/// Join with an in-memory sequence: one task indexes the sequence by key, and every partition's
/// pipeline probes that index in a <see cref="JoinStage{T, TInner, TKey, TResult}"/>.
/// </summary>
internal static class JoinOps
{
    /// <summary>The inner sequence grouped by key, null keys left out (as LINQ's Join does): <c>[types, inner, key selector]</c>.</summary>
    public static object? Index<TInner, TKey>(object?[] args)
        where TKey : notnull
    {
        var inner = Partition.Span<TInner>(args[1], 0);
        var key = UserFunctions.Typed<Func<TInner, TKey>>(args[2]);
        var index = new Dictionary<TKey, List<TInner>>();
        for (var i = 0; i < inner.Length; i++)
        {
            TKey itemKey;
            try
            {
                itemKey = key.Call(inner[i]);
            }
            catch (Exception e)
            {
                throw UserFunctionException.OnJoinedElement(key.Name, i, inner[i], e);
            }

            if (itemKey is null)
            {
                continue;
            }

            if (!index.TryGetValue(itemKey, out var matches))
            {
                matches = [];
                index.Add(itemKey, matches);
            }

            matches.Add(inner[i]);
        }

        return index;
    }
}

/// <summary>
/// Join's stage: each element paired with every inner element of the same key, in order:
/// <c>[kind, types, inner index, outer key selector, result selector]</c>.
/// </summary>
internal sealed class JoinStage<T, TInner, TKey, TResult>(object?[] spec, Sink<TResult> next, StreamContext context) : Sink<T>
    where TKey : notnull
{
    private readonly Dictionary<TKey, List<TInner>> lookup = (Dictionary<TKey, List<TInner>>)spec[2]!;
    private readonly TypedFunction<Func<T, TKey>> key = UserFunctions.Typed<Func<T, TKey>>(spec[3]);
    private readonly TypedFunction<Func<T, TInner, TResult>> selector = UserFunctions.Typed<Func<T, TInner, TResult>>(spec[4]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Push(T item)
    {
        var itemKey = key.Apply(item, context);
        if (itemKey is null || !lookup.TryGetValue(itemKey, out var matches))
        {
            return;
        }

        foreach (var match in matches)
        {
            next.Push(selector.Apply(item, match, item, context));
        }
    }
}
