using System.Numerics;
using MathNet.Numerics.Distributions;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// The block ops of <see cref="RandomGenerator"/>: each makes one block from its literals (seed,
/// stream, block index, block shape and the distribution's parameters) by drawing from MathNet's
/// distributions with the block's own <see cref="BlockRandomSource"/>. All are cheap to
/// recompute, so the optimizer may regenerate a random block for each of its few consumers
/// instead of holding it.
/// </summary>
internal static class RandomBlockOps
{
    /// <summary><c>(seed, stream, index, shape, string distribution, double[] parameters)</c>: a block of doubles.</summary>
    public const string ContinuousOp = "array.rng.float64";

    /// <summary><c>(seed, stream, index, shape, string distribution, double[] parameters)</c>: a block of counts (Poisson, binomial).</summary>
    public const string CountOp = "array.rng.int64";

    /// <summary><c>(seed, stream, index, shape, long low, long high)</c>: integers in <c>[low, high)</c>.</summary>
    public const string IntegersOp = "array.rng-integers";

    /// <summary><c>(seed, stream, index, shape, int n, double[] pvals)</c>: multinomial counts, the last axis over the categories.</summary>
    public const string MultinomialOp = "array.rng-multinomial";

    /// <summary>Registers the ops, marked cheap to recompute.</summary>
    public static void Register()
    {
        Cheap(ContinuousOp, Continuous);
        Cheap(CountOp, Counts);
        Cheap(IntegersOp, Integers);
        Cheap(MultinomialOp, Multinomial);
        RandomChoiceOps<double>.Register();
        RandomChoiceOps<float>.Register();
        RandomChoiceOps<int>.Register();
        RandomChoiceOps<long>.Register();
    }

    /// <summary>The source of the block that a task's first three literals name.</summary>
    internal static BlockRandomSource Source(object?[] args) => new((long)args[0]!, (long)args[1]!, (int[])args[2]!);

    internal static void Cheap(string name, OpFunc op)
    {
        OpRegistry.Register(name, op);
        OpRegistry.MarkCheapToRecompute(name);
    }

    private static object? Continuous(object?[] args) =>
        Continuous((long)args[0]!, (long)args[1]!, (int[])args[2]!, (int[])args[3]!, (string)args[4]!, (double[])args[5]!);

    /// <summary>Block <paramref name="index"/> of shape <paramref name="shape"/> of a continuous distribution's stream.</summary>
    internal static NDArray<double> Continuous(long seed, long stream, int[] index, int[] shape, string distribution, double[] p)
    {
        var source = new BlockRandomSource(seed, stream, index);
        var block = NDArray<double>.CreateUninitialized(shape);
        var values = block.Data;
        switch (distribution)
        {
            case "uniform":
                // NumPy's low + (high - low) * u, which also allows high < low.
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = p[0] + ((p[1] - p[0]) * source.NextDouble());
                }

                break;
            case "normal":
                Normal.Samples(source, values, p[0], p[1]);
                break;
            case "exponential" when p[0] > 0:
                Exponential.Samples(source, values, 1 / p[0]);
                break;
            case "gamma" when p[1] > 0:
                Gamma.Samples(source, values, p[0], 1 / p[1]);
                break;
            case "exponential" or "gamma":
                // A scale of 0: every draw is 0, as NumPy gives.
                System.Array.Clear(values);
                break;
            case "beta":
                Beta.Samples(source, values, p[0], p[1]);
                break;
            case "chisquare":
                ChiSquared.Samples(source, values, p[0]);
                break;
            case "lognormal":
                LogNormal.Samples(source, values, p[0], p[1]);
                break;
            case "standard_t":
                StudentT.Samples(source, values, 0, 1, p[0]);
                break;
            case var other:
                throw new ArgumentException($"Unknown continuous distribution '{other}'.");
        }

        return block;
    }

    private static object? Counts(object?[] args)
    {
        var source = Source(args);
        var shape = (int[])args[3]!;
        var p = (double[])args[5]!;
        var draws = new int[Shapes.ElementCount(shape)];
        switch ((string)args[4]!)
        {
            case "poisson":
                if (p[0] > 0)
                {
                    Poisson.Samples(source, draws, p[0]);
                }

                break;
            case "binomial":
                Binomial.Samples(source, draws, p[1], (int)p[0]);
                break;
            case var other:
                throw new ArgumentException($"Unknown discrete distribution '{other}'.");
        }

        return new NDArray<long>([.. draws.Select(d => (long)d)], shape);
    }

    private static object? Integers(object?[] args)
    {
        var source = Source(args);
        var shape = (int[])args[3]!;
        var low = (long)args[4]!;
        var span = (ulong)((long)args[5]! - low);
        var values = new long[Shapes.ElementCount(shape)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = low + (long)source.NextBelow(span);
        }

        return new NDArray<long>(values, shape);
    }

    private static object? Multinomial(object?[] args)
    {
        var source = Source(args);
        var shape = (int[])args[3]!;
        var n = (int)args[4]!;
        var pvals = (double[])args[5]!;
        var values = new long[Shapes.ElementCount(shape)];
        for (var draw = 0; draw < values.Length; draw += pvals.Length)
        {
            var counts = MathNet.Numerics.Distributions.Multinomial.Sample(source, pvals, n);
            for (var k = 0; k < counts.Length; k++)
            {
                values[draw + k] = counts[k];
            }
        }

        return new NDArray<long>(values, shape);
    }
}

/// <summary><c>(population, long count, seed, stream, index, shape, bool replace, double[]? p)</c>: a block of choices.</summary>
internal static class RandomChoiceOps<T>
    where T : unmanaged, INumber<T>
{
    public static void Register() => RandomBlockOps.Cheap(ArrayOps.Name<T>("rng-choice"), Choose);

    private static object? Choose(object?[] args)
    {
        var population = (NDArray<T>?)args[0];
        var count = (long)args[1]!;
        var source = RandomBlockOps.Source(args[2..]);
        var shape = (int[])args[5]!;
        var replace = (bool)args[6]!;
        var p = (double[]?)args[7];
        var picks = replace ? WithReplacement(source, count, Shapes.ElementCount(shape), p) : WithoutReplacement(source, count, Shapes.ElementCount(shape), p);
        var values = new T[picks.Length];
        for (var i = 0; i < picks.Length; i++)
        {
            values[i] = population is null ? T.CreateChecked(picks[i]) : population.Data[picks[i]];
        }

        return new NDArray<T>(values, shape);
    }

    private static long[] WithReplacement(BlockRandomSource source, long count, int size, double[]? p)
    {
        var picks = new long[size];
        if (p is null)
        {
            for (var i = 0; i < size; i++)
            {
                picks[i] = (long)source.NextBelow((ulong)count);
            }

            return picks;
        }

        var drawn = new int[size];
        Categorical.Samples(source, drawn, p);
        for (var i = 0; i < size; i++)
        {
            picks[i] = drawn[i];
        }

        return picks;
    }

    /// <summary>
    /// Without a weight, the first <paramref name="size"/> steps of a Fisher-Yates shuffle; with
    /// weights, the <paramref name="size"/> largest keys <c>ln(u) / p</c> (Efraimidis and Spirakis),
    /// which draws items one by one with probabilities renormalised over those not yet drawn.
    /// </summary>
    private static long[] WithoutReplacement(BlockRandomSource source, long count, int size, double[]? p)
    {
        if (p is null)
        {
            var order = new long[count];
            for (var i = 0L; i < count; i++)
            {
                order[i] = i;
            }

            for (var i = 0; i < size; i++)
            {
                var j = i + (long)source.NextBelow((ulong)(count - i));
                (order[i], order[j]) = (order[j], order[i]);
            }

            return order[..size];
        }

        var keys = new double[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = p[i] > 0 ? Math.Log(1 - source.NextDouble()) / p[i] : double.NegativeInfinity;
        }

        return [.. Enumerable.Range(0, (int)count).OrderByDescending(i => keys[i]).Take(size).Select(i => (long)i)];
    }
}
