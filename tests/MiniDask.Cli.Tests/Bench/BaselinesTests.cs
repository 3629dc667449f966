using MiniDask.Array;
using MiniDask.Array.Workloads;
using MiniDask.Bag.Workloads;
using MiniDask.Cli.Bench;
using MiniDask.Graph;
using MiniDask.Graph.Workloads;
using MiniDask.Scheduler;

namespace MiniDask.Cli.Tests.Bench;

/// <summary>Each baseline computes what its workload computes, on smaller sizes.</summary>
public sealed class BaselinesTests
{
    private static readonly LocalScheduler Scheduler = new(2);

    [Fact]
    public void RandomSum_MatchesTheArraySum()
    {
        var engine = DArray.Random(shape: [1200, 1200], chunks: [400, 400], seed: 3).Sum().Compute(Scheduler);

        Assert.Equal(engine, Baselines.RandomSum(1200, 400, seed: 3), 1e-9 * engine);
    }

    [Fact]
    public void Seed004_MatchesTheDemoExpression()
    {
        var engine = DemoExpression.Build(1000, 250).Y.Sum().Compute(Scheduler);

        Assert.Equal(engine, Baselines.Seed004(1000, 250, DemoExpression.Seed), 1e-9 * Math.Abs(engine));
    }

    [Fact]
    public void MatMulSum_MatchesTheArrayMatMul()
    {
        var engine = DArray.Random(shape: [400, 400], chunks: [100, 100], seed: 1)
            .MatMul(DArray.Random(shape: [400, 400], chunks: [100, 100], seed: 2)).Sum().Compute(Scheduler);

        Assert.Equal(engine, Baselines.MatMulSum(400, 100), 1e-9 * engine);
    }

    [Fact]
    public void OnesPlusOneSum_IsTwiceTheElementCount() =>
        Assert.Equal(2.0 * 300 * 300, Baselines.OnesPlusOneSum(300));

    [Fact]
    public void WordCountTop3_MatchesTheBag()
    {
        var lines = WordCount.Lines(10_000);
        var engine = WordCount.Build(lines, npartitions: 7).Compute(Scheduler);

        var baseline = Baselines.WordCountTop3(lines, 7);

        Assert.Equal(engine.Select(p => p.Item), baseline.Select(p => (string)p[0]));
        Assert.Equal(engine.Select(p => p.Count), baseline.Select(p => (long)p[1]));
    }

    [Fact]
    public void DelayedSumTree_MatchesTheDelayedTree()
    {
        var engine = DelayedSumTree.Build(1001).Compute(Scheduler);

        Assert.Equal(engine, DelayedSumTree.Direct(1001));
        Assert.Equal(500_500L, engine);
    }

    [Fact]
    public void TallSkinnyLeastSquares_MatchesTheLstsqAndRecoversTheCoefficients()
    {
        var engine = TallSkinnyLeastSquares.Build(rows: 20_000, columns: 6, blockRows: 3_000, seed: 4).Compute(Scheduler).Data;

        var baseline = TallSkinnyLeastSquares.Direct(rows: 20_000, columns: 6, blockRows: 3_000, seed: 4);

        Assert.Equal(baseline.Length, engine.Length);
        Assert.All(engine.Zip(baseline), p => Assert.Equal(p.Second, p.First, 1e-10));
        Assert.All(engine.Zip(TallSkinnyLeastSquares.TrueCoefficients(6)), p => Assert.Equal(p.Second, p.First, 1e-3));
    }
}
