using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MiniDask.Graph.Functions;

namespace MiniDask.Bag;

/// <summary>Ops that create, copy, split, join and pair partitions without user functions.</summary>
internal static class StructureOps
{
    /// <summary>A literal partition: <c>[list]</c> (not generic: the list is returned as it is).</summary>
    public static object? Literal(object?[] args) => args[0];

    /// <summary>The integers <c>[start, stop)</c>: <c>[start, stop]</c> (not generic).</summary>
    public static object? Range(object?[] args)
    {
        var start = (int)args[0]!;
        var stop = (int)args[1]!;
        var result = new List<int>(stop - start);
        for (var i = start; i < stop; i++)
        {
            result.Add(i);
        }

        return result;
    }

    /// <summary>A task's result as a partition: <c>[types, value, key text]</c>.</summary>
    public static object? AsList<T>(object?[] args) => args[1] switch
    {
        List<T> list => list,
        IEnumerable<T> items => items.ToList(),
        var other => throw new InvalidCastException(
            $"Task {args[2]} returned {(other is null ? "null" : other.GetType().FullName)}; a bag partition must be a sequence of {typeof(T).FullName}."),
    };

    /// <summary>The same partition under another key: <c>[types, partition]</c>.</summary>
    public static object? Identity<T>(object?[] args) => args[1];

    /// <summary>Partitions concatenated in order: <c>[types, partitions]</c>.</summary>
    public static object? Concat<T>(object?[] args) => Partition.Concat<T>((object?[])args[1]!);

    /// <summary>An empty partition: <c>[types]</c>.</summary>
    public static object? Empty<T>(object?[] args) => new List<T>();

    /// <summary>Piece <c>p</c> of <c>n</c> near-equal pieces of a partition: <c>[types, partition, index, p, n]</c>.</summary>
    public static object? Piece<T>(object?[] args)
    {
        var items = Partition.Span<T>(args[1], (int)args[2]!);
        var piece = (int)args[3]!;
        var pieces = (int)args[4]!;
        var start = (int)((long)items.Length * piece / pieces);
        var end = (int)((long)items.Length * (piece + 1) / pieces);
        List<T> result = [.. items[start..end]];
        return result;
    }

    /// <summary>Pairs of elements at the same position: <c>[types, first partition, index, second partition]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static object? Zip<TFirst, TSecond>(object?[] args)
    {
        var index = (int)args[2]!;
        var first = Partition.Span<TFirst>(args[1], index);
        var second = Partition.Span<TSecond>(args[3], index);
        EnsureSameLength(index, first.Length, second.Length);
        var result = new List<(TFirst, TSecond)>(first.Length);
        CollectionsMarshal.SetCount(result, first.Length);
        var output = CollectionsMarshal.AsSpan(result);
        for (var i = 0; i < first.Length; i++)
        {
            output[i] = (first[i], second[i]);
        }

        return result;
    }

    /// <summary>A function of elements at the same position: <c>[types, first partition, index, second partition, selector]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static object? ZipWith<TFirst, TSecond, TResult>(object?[] args)
    {
        var index = (int)args[2]!;
        var first = Partition.Span<TFirst>(args[1], index);
        var second = Partition.Span<TSecond>(args[3], index);
        EnsureSameLength(index, first.Length, second.Length);
        var selector = UserFunctions.Typed<Func<TFirst, TSecond, TResult>>(args[4]);
        var result = new List<TResult>(first.Length);
        var i = 0;
        try
        {
            for (; i < first.Length; i++)
            {
                result.Add(selector.Call(first[i], second[i]));
            }
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnElement(selector.Name, index, i, first[i], e);
        }

        return result;
    }

    private static void EnsureSameLength(int index, int first, int second)
    {
        if (first != second)
        {
            throw new InvalidOperationException(
                $"Zip needs partitions of equal length, but partition {index} has {first} elements in the first bag and {second} in the second.");
        }
    }
}
