using System.Runtime.InteropServices;

namespace MiniDask.Bag;

/// <summary>
/// Reading partitions inside ops. Bag ops produce <see cref="List{T}"/> partitions; a bag made
/// from existing tasks may hold arrays or other sequences, which are read as they are.
/// </summary>
internal static class Partition
{
    /// <summary>The elements of partition <paramref name="index"/> as a span, without copying a list or an array.</summary>
    /// <exception cref="InvalidCastException">The value is not a sequence of <typeparamref name="T"/>.</exception>
    public static ReadOnlySpan<T> Span<T>(object? value, int index) => value switch
    {
        List<T> list => CollectionsMarshal.AsSpan(list),
        T[] array => array,
        IEnumerable<T> items => items.ToArray(),
        _ => throw NotASequence<T>(value, index),
    };

    /// <summary>The elements of partition <paramref name="index"/> as a list, copying only when it is not one.</summary>
    /// <exception cref="InvalidCastException">The value is not a sequence of <typeparamref name="T"/>.</exception>
    public static List<T> List<T>(object? value, int index) => value switch
    {
        List<T> list => list,
        IEnumerable<T> items => [.. items],
        _ => throw NotASequence<T>(value, index),
    };

    /// <summary>The elements of every partition in <paramref name="parts"/>, in order, in one new list.</summary>
    public static List<T> Concat<T>(IReadOnlyList<object?> parts)
    {
        var total = 0;
        foreach (var part in parts)
        {
            total += part is ICollection<T> c ? c.Count : 0;
        }

        var result = new List<T>(total);
        for (var i = 0; i < parts.Count; i++)
        {
            result.AddRange(Span<T>(parts[i], i));
        }

        return result;
    }

    private static InvalidCastException NotASequence<T>(object? value, int index) =>
        new($"Partition {index} holds {(value is null ? "null" : value.GetType().FullName)}, not a sequence of {typeof(T).FullName}.");
}
