namespace MiniDask.Bag;

/// <summary>
/// Ops of Join with an in-memory sequence: one task indexes the sequence by key, and every
/// partition task probes that index.
/// </summary>
internal static class JoinOps
{
    /// <summary>The inner sequence grouped by key, null keys left out (as LINQ's Join does): <c>[types, inner, key selector]</c>.</summary>
    public static object? Index<TInner, TKey>(object?[] args)
        where TKey : notnull
    {
        var inner = Partition.Span<TInner>(args[1], 0);
        var function = UserFunctions.Resolve((string)args[2]!);
        var key = function.As<Func<TInner, TKey>>();
        var index = new Dictionary<TKey, List<TInner>>();
        for (var i = 0; i < inner.Length; i++)
        {
            TKey itemKey;
            try
            {
                itemKey = key(inner[i]);
            }
            catch (Exception e)
            {
                throw UserFunctionException.OnJoinedElement(function.DisplayName, i, inner[i], e);
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

    /// <summary>
    /// Each element paired with every inner element of the same key, in order:
    /// <c>[types, partition, index, inner index, outer key selector, result selector]</c>.
    /// </summary>
    public static object? Join<T, TInner, TKey, TResult>(object?[] args)
        where TKey : notnull
    {
        var index = (int)args[2]!;
        var items = Partition.Span<T>(args[1], index);
        var lookup = (Dictionary<TKey, List<TInner>>)args[3]!;
        var keyFunction = UserFunctions.Resolve((string)args[4]!);
        var key = keyFunction.As<Func<T, TKey>>();
        var resultFunction = UserFunctions.Resolve((string)args[5]!);
        var selector = resultFunction.As<Func<T, TInner, TResult>>();
        var result = new List<TResult>();
        var i = 0;
        var failing = keyFunction;
        try
        {
            for (; i < items.Length; i++)
            {
                failing = keyFunction;
                var itemKey = key(items[i]);
                if (itemKey is null || !lookup.TryGetValue(itemKey, out var matches))
                {
                    continue;
                }

                failing = resultFunction;
                foreach (var match in matches)
                {
                    result.Add(selector(items[i], match));
                }
            }
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnElement(failing.DisplayName, index, i, items[i], e);
        }

        return result;
    }
}
