using System.Numerics;
using System.Runtime.CompilerServices;
using MiniDask.Graph.Functions;

namespace MiniDask.Bag;

/// <summary>
/// Chunk and combine ops of the scalar tree reductions. A chunk task streams its partition through
/// the bag's pending stages into a sink: <c>[types, source, partition index, stages, ..]</c>; a combine
/// task merges partial results: <c>[types, partials, ..]</c>. Partials are numbers or tuples, so
/// they cross processes natively.
/// </summary>
internal static class AggregateOps
{
    /// <summary>The number of elements of a partition.</summary>
    public static object? CountChunk<T>(object?[] args) => Streams.Into<T, CountSink<T>>(args, static _ => new()).Count;

    /// <summary>The sum of partial counts.</summary>
    public static object? CountCombine<T>(object?[] args) => Partials<long>(args).Sum();

    /// <summary>The checked sum of a partition (overflow throws, as LINQ's <c>Sum</c> does).</summary>
    public static object? SumChunk<T>(object?[] args)
        where T : INumber<T> =>
        Streams.Into<T, SumSink<T>>(args, static _ => new()).Sum;

    /// <summary>The checked sum of partial sums.</summary>
    public static object? SumCombine<T>(object?[] args)
        where T : INumber<T>
    {
        var sum = T.Zero;
        foreach (var partial in Partials<T>(args))
        {
            sum = checked(sum + partial);
        }

        return sum;
    }

    /// <summary>The smallest or largest non-null element: <c>[.., max]</c>, as <c>(found, value)</c>.</summary>
    public static object? ExtremeChunk<T>(object?[] args)
    {
        var sink = Streams.Into<T, ExtremeSink<T>>(args, _ => new((bool)args[4]!));
        return (sink.Found, sink.Best);
    }

    /// <summary>The smallest or largest of partial extremes: <c>[.., max]</c>.</summary>
    public static object? ExtremeCombine<T>(object?[] args)
    {
        var sink = new ExtremeSink<T>((bool)args[2]!);
        foreach (var (found, value) in Partials<(bool, T)>(args))
        {
            if (found)
            {
                sink.Push(value);
            }
        }

        return (sink.Found, sink.Best);
    }

    /// <summary>Count, mean and sum of squared deviations of a partition (Welford), for mean, variance and deviation.</summary>
    public static object? MomentsChunk<T>(object?[] args)
        where T : INumber<T>
    {
        var sink = Streams.Into<T, MomentsSink<T>>(args, static _ => new());
        return (sink.Count, sink.Mean, sink.M2);
    }

    /// <summary>Partial moments merged pairwise.</summary>
    public static object? MomentsCombine<T>(object?[] args) =>
        Partials<(long, double, double)>(args).Aggregate<(long, double, double), (long, double, double)>((0, 0, 0), Moments.Merge);

    /// <summary>Whether any element (or all elements) satisfies the predicate: <c>[.., all, predicate or null]</c>.</summary>
    public static object? AnyAllChunk<T>(object?[] args) =>
        Streams.Into<T, AnyAllSink<T>>(args, context => new((bool)args[4]!, args[5], context)).Answer;

    /// <summary>Partial answers of Any (or) or All (and): <c>[.., all]</c>.</summary>
    public static object? AnyAllCombine<T>(object?[] args)
    {
        var all = (bool)args[2]!;
        return all ? Partials<bool>(args).All(p => p) : Partials<bool>(args).Any(p => p);
    }

    /// <summary>A left fold of a partition from the initial value: <c>[.., binop, initial]</c>.</summary>
    public static object? FoldChunk<T, TAccumulate>(object?[] args) =>
        Streams.Into<T, FoldSink<T, TAccumulate>>(args, context => new(args[4], (TAccumulate)args[5]!, context)).Accumulator;

    /// <summary>Partial folds combined from the initial value: <c>[.., combine, initial]</c>.</summary>
    public static object? FoldCombine<T, TAccumulate>(object?[] args)
    {
        var combine = UserFunctions.Typed<Func<TAccumulate, TAccumulate, TAccumulate>>(args[2]);
        var accumulator = (TAccumulate)args[3]!;
        try
        {
            foreach (var partial in Partials<TAccumulate>(args))
            {
                accumulator = combine.Call(accumulator, partial);
            }
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnCombine(combine.Name, e);
        }

        return accumulator;
    }

    /// <summary>A fold of a partition seeded by its first element: <c>[.., binop]</c>, as <c>(found, value)</c>.</summary>
    public static object? ReduceChunk<T>(object?[] args)
    {
        var sink = Streams.Into<T, ReduceSink<T>>(args, context => new(args[4], context));
        return (sink.Found, sink.Accumulator);
    }

    /// <summary>Partial seeded folds combined with the same function: <c>[.., binop]</c>.</summary>
    public static object? ReduceCombine<T>(object?[] args)
    {
        var sink = new ReduceSink<T>(args[2], context: null);
        foreach (var (found, value) in Partials<(bool, T)>(args))
        {
            if (found)
            {
                sink.Push(value);
            }
        }

        return (sink.Found, sink.Accumulator);
    }

    /// <summary>The partial results a combine task receives.</summary>
    private static IEnumerable<TPartial> Partials<TPartial>(object?[] args) => ((object?[])args[1]!).Select(p => (TPartial)p!);

    private sealed class CountSink<T> : Sink<T>
    {
        public long Count { get; private set; }

        public override void Push(T item) => Count++;
    }

    private sealed class SumSink<T> : Sink<T>
        where T : INumber<T>
    {
        public T Sum { get; private set; } = T.Zero;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Push(T item) => Sum = checked(Sum + item);
    }

    private sealed class ExtremeSink<T>(bool max) : Sink<T>
    {
        private readonly Comparer<T> comparer = Comparer<T>.Default;
        private readonly int sign = max ? 1 : -1;

        public bool Found { get; private set; }

        public T Best { get; private set; } = default!;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Push(T item)
        {
            if (item is not null && (!Found || sign * comparer.Compare(item, Best) > 0))
            {
                Best = item;
                Found = true;
            }
        }
    }

    private sealed class MomentsSink<T> : Sink<T>
        where T : INumber<T>
    {
        public long Count { get; private set; }

        public double Mean { get; private set; }

        public double M2 { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Push(T item)
        {
            var x = double.CreateChecked(item);
            Count++;
            var delta = x - Mean;
            Mean += delta / Count;
            M2 += delta * (x - Mean);
        }
    }

    /// <summary>Answers Any (<c>all</c> false) or All (<c>all</c> true); without a predicate, Any asks whether there is an element.</summary>
    private sealed class AnyAllSink<T>(bool all, object? predicateName, StreamContext context) : Sink<T>
    {
        private readonly TypedFunction<Func<T, bool>>? predicate = predicateName is null ? null : UserFunctions.Typed<Func<T, bool>>(predicateName);
        private readonly bool every = all;

        public bool Answer { get; private set; } = all;

        public override void Push(T item)
        {
            if (predicate is not { } test)
            {
                Answer = true;
                return;
            }

            if (test.Apply(item, context) != every)
            {
                Answer = !every;
            }
        }
    }

    private sealed class FoldSink<T, TAccumulate>(object? binopName, TAccumulate initial, StreamContext context) : Sink<T>
    {
        private readonly TypedFunction<Func<TAccumulate, T, TAccumulate>> binop = UserFunctions.Typed<Func<TAccumulate, T, TAccumulate>>(binopName);

        public TAccumulate Accumulator { get; private set; } = initial;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Push(T item) => Accumulator = binop.Apply(Accumulator, item, item, context);
    }

    /// <summary>Folds values with a binary function from the first one; with no context, failures are blamed on combining.</summary>
    private sealed class ReduceSink<T>(object? binopName, StreamContext? context) : Sink<T>
    {
        private readonly TypedFunction<Func<T, T, T>> binop = UserFunctions.Typed<Func<T, T, T>>(binopName);

        public bool Found { get; private set; }

        public T Accumulator { get; private set; } = default!;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Push(T item)
        {
            if (!Found)
            {
                (Accumulator, Found) = (item, true);
                return;
            }

            Accumulator = binop.Apply(Accumulator, item, item, context);
        }
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
