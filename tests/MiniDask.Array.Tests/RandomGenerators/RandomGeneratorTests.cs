using MiniDask.Graph;
using MiniDask.Kernels;
using MiniDask.Scheduler;

namespace MiniDask.Array.Tests.RandomGenerators;

public class RandomGeneratorTests
{
    private const int Draws = 200_000;
    private static readonly int[] Size = [Draws];
    private static readonly Chunks Blocks = 40_000;

    public static TheoryData<string, double, double> Continuous() => new()
    {
        // distribution, expected mean, expected variance
        { "uniform", 0.5, (4.0 * 4.0) / 12 },
        { "normal", 3, 4 },
        { "exponential", 2, 4 },
        { "gamma", 6, 12 },
        { "beta", 2.0 / 7, 2.0 * 5 / (49 * 8) },
        { "chisquare", 5, 10 },
        { "lognormal", Math.Exp(0.125), (Math.Exp(0.25) - 1) * Math.Exp(0.25) },
        { "standard_t", 0, 10.0 / 8 },
        { "poisson", 3.5, 3.5 },
        { "binomial", 6, 2.4 },
        { "integers", 4.5, 99.0 / 12 },
    };

    [Theory]
    [MemberData(nameof(Continuous))]
    public void Distribution_FixedSeed_MomentsWithinStatisticalTolerance(string distribution, double mean, double variance)
    {
        var values = Sample(DArray.RandomGenerator(seed: 7), distribution);

        var sampleMean = values.Average();
        var sampleVariance = values.Sum(v => (v - sampleMean) * (v - sampleMean)) / (values.Length - 1);

        // Six standard errors of the mean; the variance within 4% (each case's kurtosis is moderate).
        Assert.InRange(sampleMean, mean - (6 * Math.Sqrt(variance / values.Length)), mean + (6 * Math.Sqrt(variance / values.Length)));
        Assert.InRange(sampleVariance, variance * 0.96, variance * 1.04);
    }

    [Fact]
    public void Uniform_Draws_StayWithinTheBounds()
    {
        var values = DArray.RandomGenerator(seed: 2).Uniform(low: -3, high: -1, size: [10_000], chunks: 1000).ComputeSync().Data;

        Assert.All(values, v => Assert.InRange(v, -3, -1));
        Assert.True(values.Min() < -2.99 && values.Max() > -1.01);
    }

    [Fact]
    public void Integers_Endpoint_IncludesHighAndEveryValueAppears()
    {
        var values = DArray.RandomGenerator(seed: 3).Integers(low: 5, high: 8, size: [30_000], chunks: 5000, endpoint: true).ComputeSync().Data;

        Assert.Equal([5L, 6L, 7L, 8L], values.Distinct().Order());
        Assert.All(values.GroupBy(v => v), g => Assert.InRange(g.Count(), 7000, 8000));
    }

    [Fact]
    public void Integers_OnlyLow_DrawsBelowIt()
    {
        var values = DArray.RandomGenerator(seed: 3).Integers(3, size: [1000]).ComputeSync().Data;

        Assert.Equal([0L, 1L, 2L], values.Distinct().Order());
    }

    [Fact]
    public void SameSeedAndChunks_SameArrayOnEveryScheduler()
    {
        NDArray<double> Make() => DArray.RandomGenerator(seed: 42).Gamma(shape: 2, scale: 3, size: [300, 40], chunks: new[] { 70, 15 }).Compute(new SyncScheduler());

        var sync = Make();
        var threads = DArray.RandomGenerator(seed: 42).Gamma(shape: 2, scale: 3, size: [300, 40], chunks: new[] { 70, 15 }).Compute(new LocalScheduler(threads: 4));
        var oneThread = DArray.RandomGenerator(seed: 42).Gamma(shape: 2, scale: 3, size: [300, 40], chunks: new[] { 70, 15 }).Compute(new LocalScheduler(threads: 1));

        Assert.Equal(sync.Data, threads.Data);
        Assert.Equal(sync.Data, oneThread.Data);
        Assert.Equal(sync.Data, Make().Data);
    }

    [Fact]
    public void SuccessiveCalls_DifferButRepeatWithANewGeneratorOfTheSameSeed()
    {
        var rng = DArray.RandomGenerator(seed: 5);
        var first = rng.Normal(size: [100], chunks: 50);
        var second = rng.Normal(size: [100], chunks: 50);
        var again = DArray.RandomGenerator(seed: 5).Normal(size: [100], chunks: 50);

        Assert.NotEqual(first.Name, second.Name);
        Assert.NotEqual(first.ComputeSync().Data, second.ComputeSync().Data);
        Assert.Equal(first.Name, again.Name);
        Assert.Equal(first.ComputeSync().Data, again.ComputeSync().Data);
    }

    [Fact]
    public void Blocks_OfOneCall_DrawIndependentStreams()
    {
        var x = DArray.RandomGenerator(seed: 1).Normal(size: [2, 1000], chunks: new[] { 1, 1000 }).ComputeSync();

        var first = x.Data.AsSpan(0, 1000).ToArray();
        var second = x.Data.AsSpan(1000, 1000).ToArray();
        var correlation = first.Zip(second, (a, b) => a * b).Sum() / 1000;

        Assert.NotEqual(first, second);
        Assert.InRange(correlation, -0.15, 0.15);
    }

    [Fact]
    public void Normal_NoSize_IsZeroDimensional()
    {
        var x = DArray.RandomGenerator(seed: 1).Normal(loc: 10, scale: 0);

        Assert.Empty(x.Shape);
        Assert.Equal(10.0, x.ComputeSync().ToScalar());
    }

    [Fact]
    public void Multinomial_Rows_SumToNWithMeansNTimesP()
    {
        double[] p = [0.2, 0.5, 0.3];

        var counts = DArray.RandomGenerator(seed: 9).Multinomial(n: 10, pvals: p, size: [20_000], chunks: 5000);
        var data = counts.ComputeSync();

        Assert.Equal([20_000, 3], counts.Shape);
        Assert.Equal([3], counts.Chunks[1]);
        for (var row = 0; row < 20_000; row++)
        {
            Assert.Equal(10L, data.Data[(3 * row)..(3 * row + 3)].Sum());
        }

        for (var k = 0; k < 3; k++)
        {
            var mean = Enumerable.Range(0, 20_000).Average(row => data.Data[(3 * row) + k]);
            Assert.InRange(mean, (10 * p[k]) - 0.05, (10 * p[k]) + 0.05);
        }
    }

    [Fact]
    public void Choice_WithProbabilities_DrawsInProportion()
    {
        var picks = DArray.RandomGenerator(seed: 4).Choice(3, size: [60_000], p: [0.1, 0.6, 0.3], chunks: 10_000).ComputeSync().Data;

        Assert.InRange(picks.Count(v => v == 0), 5400, 6600);
        Assert.InRange(picks.Count(v => v == 1), 35_300, 36_700);
        Assert.InRange(picks.Count(v => v == 2), 17_300, 18_700);
    }

    [Fact]
    public void Choice_WithoutReplacement_DrawsDistinctElementsOfTheArray()
    {
        var population = DArray.Arange(100L, chunks: 30) * 3;

        var picks = DArray.RandomGenerator(seed: 6).Choice(population, size: [40], replace: false).ComputeSync().Data;

        Assert.Equal(40, picks.Distinct().Count());
        Assert.All(picks, v => Assert.True(v % 3 == 0 && v < 300));
    }

    [Fact]
    public void Choice_WithoutReplacementWeighted_NeverDrawsAZeroWeight()
    {
        var picks = DArray.RandomGenerator(seed: 6).Choice(5, size: [3], replace: false, p: [0.5, 0, 0.25, 0.25, 0]).ComputeSync().Data;

        Assert.Equal([0L, 2L, 3L], picks.Order());
    }

    [Fact]
    public void Choice_WithoutReplacementOverSeveralBlocks_ThrowsNamingTheChunksFix()
    {
        var error = Assert.Throws<ArgumentException>(() => DArray.RandomGenerator(seed: 1).Choice(100, size: [50], replace: false, chunks: 10));

        Assert.Contains("one block", error.Message, StringComparison.Ordinal);
        Assert.Contains("chunks: -1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choice_ProbabilitiesNotSummingToOne_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => DArray.RandomGenerator(seed: 1).Choice(2, size: [5], p: [0.5, 0.6]));

        Assert.Contains("sum to 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Permutation_OfN_HoldsEveryIndexOnce()
    {
        var perm = DArray.RandomGenerator(seed: 8).Permutation(1000, chunks: 300).ComputeSync().Data;

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), perm.Order());
        Assert.NotEqual(Enumerable.Range(0, 1000).Select(i => (long)i), perm);
    }

    [Fact]
    public void Permutation_OfAnArray_ShufflesItsRows()
    {
        var x = DArray.Arange(20L, chunks: 5).Reshape(10, 2);

        var shuffled = DArray.RandomGenerator(seed: 8).Permutation(x).ComputeSync();

        var rows = Enumerable.Range(0, 10).Select(r => (shuffled.Data[2 * r], shuffled.Data[(2 * r) + 1])).ToList();
        Assert.All(rows, r => Assert.Equal(r.Item1 + 1, r.Item2));
        Assert.Equal(Enumerable.Range(0, 10).Select(r => 2L * r), rows.Select(r => r.Item1).Order());
    }

    [Fact]
    public void Normal_NegativeScale_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => DArray.RandomGenerator(seed: 1).Normal(scale: -1, size: [3]));

        Assert.Equal("scale", error.ParamName);
    }

    private static double[] Sample(RandomGenerator rng, string distribution) => distribution switch
    {
        "uniform" => rng.Uniform(low: -1.5, high: 2.5, size: Size, chunks: Blocks).ComputeSync().Data,
        "normal" => rng.Normal(loc: 3, scale: 2, size: Size, chunks: Blocks).ComputeSync().Data,
        "exponential" => rng.Exponential(scale: 2, size: Size, chunks: Blocks).ComputeSync().Data,
        "gamma" => rng.Gamma(shape: 3, scale: 2, size: Size, chunks: Blocks).ComputeSync().Data,
        "beta" => rng.Beta(a: 2, b: 5, size: Size, chunks: Blocks).ComputeSync().Data,
        "chisquare" => rng.ChiSquare(df: 5, size: Size, chunks: Blocks).ComputeSync().Data,
        "lognormal" => rng.LogNormal(mean: 0, sigma: 0.5, size: Size, chunks: Blocks).ComputeSync().Data,
        "standard_t" => rng.StandardT(df: 10, size: Size, chunks: Blocks).ComputeSync().Data,
        "poisson" => [.. rng.Poisson(lam: 3.5, size: Size, chunks: Blocks).ComputeSync().Data.Select(v => (double)v)],
        "binomial" => [.. rng.Binomial(n: 10, p: 0.6, size: Size, chunks: Blocks).ComputeSync().Data.Select(v => (double)v)],
        "integers" => [.. rng.Integers(low: 0, high: 10, size: Size, chunks: Blocks).ComputeSync().Data.Select(v => (double)v)],
        _ => throw new ArgumentException(distribution),
    };
}
