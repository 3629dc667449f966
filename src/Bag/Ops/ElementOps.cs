using System.Runtime.InteropServices;

namespace MiniDask.Bag;

/// <summary>
/// Per-partition element-wise ops. Arguments: <c>[types, partition, partition index, ..]</c>. Each
/// resolves its user function once per partition and calls it in a typed loop.
/// </summary>
internal static class ElementOps
{
    /// <summary>Select: <c>[.., selector]</c>.</summary>
    public static object? Map<T, TResult>(object?[] args)
    {
        var index = (int)args[2]!;
        var items = Partition.Span<T>(args[1], index);
        var function = UserFunctions.Resolve((string)args[3]!);
        var selector = function.As<Func<T, TResult>>();
        var result = new List<TResult>(items.Length);
        CollectionsMarshal.SetCount(result, items.Length);
        var output = CollectionsMarshal.AsSpan(result);
        var i = 0;
        try
        {
            for (; i < items.Length; i++)
            {
                output[i] = selector(items[i]);
            }
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnElement(function.DisplayName, index, i, items[i], e);
        }

        return result;
    }

    /// <summary>Where: <c>[.., predicate]</c>.</summary>
    public static object? Filter<T>(object?[] args)
    {
        var index = (int)args[2]!;
        var items = Partition.Span<T>(args[1], index);
        var function = UserFunctions.Resolve((string)args[3]!);
        var predicate = function.As<Func<T, bool>>();
        var result = new List<T>();
        var i = 0;
        try
        {
            for (; i < items.Length; i++)
            {
                if (predicate(items[i]))
                {
                    result.Add(items[i]);
                }
            }
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnElement(function.DisplayName, index, i, items[i], e);
        }

        return result;
    }

    /// <summary>SelectMany: <c>[.., collection selector]</c>.</summary>
    public static object? SelectMany<T, TResult>(object?[] args)
    {
        var index = (int)args[2]!;
        var items = Partition.Span<T>(args[1], index);
        var function = UserFunctions.Resolve((string)args[3]!);
        var selector = function.As<Func<T, IEnumerable<TResult>>>();
        var result = new List<TResult>(items.Length);
        var i = 0;
        try
        {
            for (; i < items.Length; i++)
            {
                result.AddRange(selector(items[i]));
            }
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnElement(function.DisplayName, index, i, items[i], e);
        }

        return result;
    }

    /// <summary>SelectMany with a result selector (the query pattern's <c>from .. from ..</c>): <c>[.., collection selector, result selector]</c>.</summary>
    public static object? SelectManyResult<T, TCollection, TResult>(object?[] args)
    {
        var index = (int)args[2]!;
        var items = Partition.Span<T>(args[1], index);
        var collectionFunction = UserFunctions.Resolve((string)args[3]!);
        var resultFunction = UserFunctions.Resolve((string)args[4]!);
        var collectionSelector = collectionFunction.As<Func<T, IEnumerable<TCollection>>>();
        var resultSelector = resultFunction.As<Func<T, TCollection, TResult>>();
        var result = new List<TResult>(items.Length);
        var i = 0;
        var failing = collectionFunction;
        try
        {
            for (; i < items.Length; i++)
            {
                failing = collectionFunction;
                var item = items[i];
                foreach (var inner in collectionSelector(item))
                {
                    failing = resultFunction;
                    result.Add(resultSelector(item, inner));
                    failing = collectionFunction;
                }
            }
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnElement(failing.DisplayName, index, i, items[i], e);
        }

        return result;
    }

    /// <summary>Flatten: partitions of collections become partitions of their elements.</summary>
    public static object? Flatten<TCollection, TResult>(object?[] args)
        where TCollection : IEnumerable<TResult>
    {
        var items = Partition.Span<TCollection>(args[1], (int)args[2]!);
        var total = 0;
        foreach (var item in items)
        {
            total += item is ICollection<TResult> c ? c.Count : 0;
        }

        var result = new List<TResult>(total);
        foreach (var item in items)
        {
            if (item is TResult[] array)
            {
                result.AddRange(array);
            }
            else if (item is not null)
            {
                result.AddRange(item);
            }
        }

        return result;
    }

    /// <summary>Pluck: <c>[.., member path]</c>, read through a compiled accessor.</summary>
    public static object? Pluck<T, TResult>(object?[] args)
    {
        var index = (int)args[2]!;
        var items = Partition.Span<T>(args[1], index);
        var path = (string)args[3]!;
        var accessor = MemberPaths.Accessor<T, TResult>(path);
        var result = new List<TResult>(items.Length);
        CollectionsMarshal.SetCount(result, items.Length);
        var output = CollectionsMarshal.AsSpan(result);
        var i = 0;
        try
        {
            for (; i < items.Length; i++)
            {
                output[i] = accessor(items[i]);
            }
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnElement($"Pluck(\"{path}\")", index, i, items[i], e);
        }

        return result;
    }

    /// <summary>MapPartitions: <c>[.., function of the whole partition]</c>.</summary>
    public static object? MapPartitions<T, TResult>(object?[] args)
    {
        var index = (int)args[2]!;
        var items = Partition.List<T>(args[1], index);
        var function = UserFunctions.Resolve((string)args[3]!);
        try
        {
            var output = function.As<Func<IEnumerable<T>, IEnumerable<TResult>>>()(items.AsReadOnly());
            return output as List<TResult> ?? [.. output];
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnPartition(function.DisplayName, index, e);
        }
    }
}
