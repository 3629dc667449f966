namespace MiniDask.Graph;

/// <summary>
/// Several delayed values from one call (Dask's <c>nout</c>): a call that returns a tuple
/// deconstructs into one delayed value per item, <c>var (min, max) = Delayed.Call(MinMax, xs);</c>,
/// and one that returns an array or list unpacks into a given number of items.
/// </summary>
public static class DelayedExtensions
{
    /// <summary>The two items of a delayed pair.</summary>
    public static void Deconstruct<T1, T2>(this Delayed<(T1, T2)> value, out Delayed<T1> first, out Delayed<T2> second)
    {
        ArgumentNullException.ThrowIfNull(value);
        first = value.Item<T1>(0);
        second = value.Item<T2>(1);
    }

    /// <summary>The three items of a delayed triple.</summary>
    public static void Deconstruct<T1, T2, T3>(this Delayed<(T1, T2, T3)> value, out Delayed<T1> first, out Delayed<T2> second, out Delayed<T3> third)
    {
        ArgumentNullException.ThrowIfNull(value);
        (first, second) = (value.Item<T1>(0), value.Item<T2>(1));
        third = value.Item<T3>(2);
    }

    /// <summary>The four items of a delayed 4-tuple.</summary>
    public static void Deconstruct<T1, T2, T3, T4>(
        this Delayed<(T1, T2, T3, T4)> value, out Delayed<T1> first, out Delayed<T2> second, out Delayed<T3> third, out Delayed<T4> fourth)
    {
        ArgumentNullException.ThrowIfNull(value);
        (first, second) = (value.Item<T1>(0), value.Item<T2>(1));
        (third, fourth) = (value.Item<T3>(2), value.Item<T4>(3));
    }

    /// <summary>The first <paramref name="nout"/> items of a delayed array; an array with fewer items fails when an item it lacks is computed.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nout"/> is negative.</exception>
    public static Delayed<T>[] Unpack<T>(this Delayed<T[]> value, int nout) => UnpackItems<T>(value, nout);

    /// <summary>The first <paramref name="nout"/> items of a delayed list; a list with fewer items fails when an item it lacks is computed.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nout"/> is negative.</exception>
    public static Delayed<T>[] Unpack<T>(this Delayed<List<T>> value, int nout) => UnpackItems<T>(value, nout);

    private static Delayed<T>[] UnpackItems<T>(IDelayed value, int nout)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegative(nout);
        var typed = new Delayed<object?>(value.Key, value.Graph, value.Futures);
        return [.. Enumerable.Range(0, nout).Select(typed.Item<T>)];
    }
}
