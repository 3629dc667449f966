using System.Numerics;

namespace MiniDask.Bag;

/// <summary>
/// Chunk and combine ops of the scalar tree reductions. Chunk arguments:
/// <c>[types, partition, partition index, ..]</c>; combine arguments: <c>[types, partials, ..]</c>.
/// Partial results are values, tuples or small records so that they cross processes natively.
/// </summary>
internal static class AggregateOps
{
    /// <summary>The number of elements of a partition.</summary>
    public static object? CountChunk<T>(object?[] args) =>
        (long)(args[1] is ICollection<T> c ? c.Count : Partition.Span<T>(args[1], (int)args[2]!).Length);

    /// <summary>The sum of partial counts.</summary>
    public static object? CountCombine<T>(object?[] args)
    {
        var total = 0L;
        foreach (var partial in (object?[])args[1]!)
        {
            total += (long)partial!;
        }

        return total;
    }

    /// <summary>The checked sum of a partition (overflow throws, as LINQ's <c>Sum</c> does).</summary>
    public static object? SumChunk<T>(object?[] args)
        where T : INumber<T>
    {
        var sum = T.Zero;
        foreach (var item in Partition.Span<T>(args[1], (int)args[2]!))
        {
            sum = checked(sum + item);
        }

        return sum;
    }

    /// <summary>The checked sum of partial sums.</summary>
    public static object? SumCombine<T>(object?[] args)
        where T : INumber<T>
    {
        var sum = T.Zero;
        foreach (var partial in (object?[])args[1]!)
        {
            sum = checked(sum + (T)partial!);
        }

        return sum;
    }

    /// <summary>The smallest or largest non-null element: <c>[.., max]</c>, as <c>(found, value)</c>.</summary>
    public static object? ExtremeChunk<T>(object?[] args)
    {
        var sign = (bool)args[3]! ? 1 : -1;
        var comparer = Comparer<T>.Default;
        var found = false;
        var best = default(T)!;
        foreach (var item in Partition.Span<T>(args[1], (int)args[2]!))
        {
            if (item is not null && (!found || sign * comparer.Compare(item, best) > 0))
            {
                best = item;
                found = true;
            }
        }

        return (found, best);
    }

    /// <summary>The smallest or largest of partial extremes: <c>[.., max]</c>.</summary>
    public static object? ExtremeCombine<T>(object?[] args)
    {
        var sign = (bool)args[2]! ? 1 : -1;
        var comparer = Comparer<T>.Default;
        var found = false;
        var best = default(T)!;
        foreach (var partial in (object?[])args[1]!)
        {
            var (has, value) = ((bool, T))partial!;
            if (has && (!found || sign * comparer.Compare(value, best) > 0))
            {
                best = value;
                found = true;
            }
        }

        return (found, best);
    }

    /// <summary>Count, mean and sum of squared deviations of a partition (Welford), for mean, variance and deviation.</summary>
    public static object? MomentsChunk<T>(object?[] args)
        where T : INumber<T>
    {
        var n = 0L;
        var mean = 0.0;
        var m2 = 0.0;
        foreach (var item in Partition.Span<T>(args[1], (int)args[2]!))
        {
            var x = double.CreateChecked(item);
            n++;
            var delta = x - mean;
            mean += delta / n;
            m2 += delta * (x - mean);
        }

        return (n, mean, m2);
    }

    /// <summary>Partial moments merged pairwise (Chan et al.).</summary>
    public static object? MomentsCombine<T>(object?[] args)
    {
        (long, double, double) total = (0, 0, 0);
        foreach (var partial in (object?[])args[1]!)
        {
            total = Moments.Merge(total, ((long, double, double))partial!);
        }

        return total;
    }

    /// <summary>Whether any element (or all elements) satisfies the predicate: <c>[.., all, predicate or null]</c>.</summary>
    public static object? AnyAllChunk<T>(object?[] args)
    {
        var index = (int)args[2]!;
        var items = Partition.Span<T>(args[1], index);
        var all = (bool)args[3]!;
        if (args[4] is not string name)
        {
            return all || items.Length > 0;
        }

        var function = UserFunctions.Resolve(name);
        var predicate = function.As<Func<T, bool>>();
        var i = 0;
        try
        {
            for (; i < items.Length; i++)
            {
                if (predicate(items[i]) != all)
                {
                    return !all;
                }
            }
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnElement(function.DisplayName, index, i, items[i], e);
        }

        return all;
    }

    /// <summary>Partial answers of Any (or) or All (and): <c>[.., all]</c>.</summary>
    public static object? AnyAllCombine<T>(object?[] args)
    {
        var all = (bool)args[2]!;
        foreach (var partial in (object?[])args[1]!)
        {
            if ((bool)partial! != all)
            {
                return !all;
            }
        }

        return all;
    }

    /// <summary>A left fold of a partition from the initial value: <c>[.., binop, initial]</c>.</summary>
    public static object? FoldChunk<T, TAccumulate>(object?[] args)
    {
        var index = (int)args[2]!;
        var items = Partition.Span<T>(args[1], index);
        var function = UserFunctions.Resolve((string)args[3]!);
        var binop = function.As<Func<TAccumulate, T, TAccumulate>>();
        var accumulator = (TAccumulate)args[4]!;
        var i = 0;
        try
        {
            for (; i < items.Length; i++)
            {
                accumulator = binop(accumulator, items[i]);
            }
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnElement(function.DisplayName, index, i, items[i], e);
        }

        return accumulator;
    }

    /// <summary>Partial folds combined from the initial value: <c>[.., combine, initial]</c>.</summary>
    public static object? FoldCombine<T, TAccumulate>(object?[] args)
    {
        var function = UserFunctions.Resolve((string)args[2]!);
        var combine = function.As<Func<TAccumulate, TAccumulate, TAccumulate>>();
        var accumulator = (TAccumulate)args[3]!;
        try
        {
            foreach (var partial in (object?[])args[1]!)
            {
                accumulator = combine(accumulator, (TAccumulate)partial!);
            }
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnCombine(function.DisplayName, e);
        }

        return accumulator;
    }

    /// <summary>A fold of a partition seeded by its first element: <c>[.., binop]</c>, as <c>(found, value)</c>.</summary>
    public static object? ReduceChunk<T>(object?[] args)
    {
        var index = (int)args[2]!;
        var items = Partition.Span<T>(args[1], index);
        if (items.Length == 0)
        {
            return (false, default(T));
        }

        var function = UserFunctions.Resolve((string)args[3]!);
        var binop = function.As<Func<T, T, T>>();
        var accumulator = items[0];
        var i = 1;
        try
        {
            for (; i < items.Length; i++)
            {
                accumulator = binop(accumulator, items[i]);
            }
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnElement(function.DisplayName, index, i, items[i], e);
        }

        return (true, accumulator);
    }

    /// <summary>Partial seeded folds combined with the same function: <c>[.., binop]</c>.</summary>
    public static object? ReduceCombine<T>(object?[] args)
    {
        var function = UserFunctions.Resolve((string)args[2]!);
        var binop = function.As<Func<T, T, T>>();
        var found = false;
        var accumulator = default(T)!;
        try
        {
            foreach (var partial in (object?[])args[1]!)
            {
                var (has, value) = ((bool, T))partial!;
                if (has)
                {
                    accumulator = found ? binop(accumulator, value) : value;
                    found = true;
                }
            }
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnCombine(function.DisplayName, e);
        }

        return (found, accumulator);
    }
}

/// <summary>
/// Partial statistics of a numeric bag as <c>(count, mean, sum of squared deviations from the mean)</c>,
/// a plain tuple so that partials cross processes natively.
/// </summary>
internal static class Moments
{
    /// <summary>The moments of both sets of values together (Chan et al.).</summary>
    public static (long Count, double Mean, double M2) Merge((long Count, double Mean, double M2) a, (long Count, double Mean, double M2) b)
    {
        if (b.Count == 0)
        {
            return a;
        }

        if (a.Count == 0)
        {
            return b;
        }

        var n = a.Count + b.Count;
        var delta = b.Mean - a.Mean;
        return (n, a.Mean + (delta * b.Count / n), a.M2 + b.M2 + (delta * delta * a.Count * b.Count / n));
    }
}
