namespace MiniDask.Array.Tests;

public class SeedExampleTests
{
    [Fact]
    public void SeedExample_SmallSize_MatchesNaiveComputationOfTheSameNumbers()
    {
        var x = DArray.Random(shape: [100, 100], chunks: [30, 30], seed: 42);
        var y = (x + x.T) - x.Mean(axis: 0);
        double total = y.Sum().Compute(scheduler: TestData.Sync);

        var r = x.ComputeSync().Data;
        var columnMeans = TestData.ColumnSums(r, 100, 100).Select(s => s / 100).ToArray();
        var expected = new double[100 * 100];
        for (var i = 0; i < 100; i++)
        {
            for (var j = 0; j < 100; j++)
            {
                expected[(i * 100) + j] = r[(i * 100) + j] + r[(j * 100) + i] - columnMeans[j];
            }
        }

        TestData.Close(expected, y.ComputeSync().Data, 1e-12);
        Assert.Equal(expected.Sum(), total, 1e-8);
        Assert.InRange(total, 4_500, 5_500);
    }

    [Fact]
    public void SeedExample_BuiltTwice_HasIdenticalGraphs()
    {
        static DScalar<double> Build() =>
            ((DArray.Random(shape: [60, 60], chunks: [25, 25], seed: 42) is var x ? (x + x.T) - x.Mean(axis: 0) : null)!).Sum();

        var a = Build();
        var b = Build();

        Assert.Equal(a.Key, b.Key);
        Assert.Equal(a.Graph.Keys.Order(), b.Graph.Keys.Order());
        Assert.Equal(a.Graph.Count, b.Graph.Count);
    }
}

public class SchedulerAgreementTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void SeedExample_OnLocalScheduler_IsBitIdenticalToSequentialRun(int threads)
    {
        var x = DArray.Random(shape: [230, 170], chunks: [40, 60], seed: 7);
        var y = (x + 1.5) * x.Mean(axis: 0) - x.Sum(axis: 0) / 3;

        var local = new MiniDask.Scheduler.LocalScheduler(threads);

        Assert.Equal(y.Sum().Compute(scheduler: TestData.Sync), y.Sum().Compute(scheduler: local));
        Assert.Equal(y.Compute(scheduler: TestData.Sync).Data, y.Compute(scheduler: local).Data);
    }

    [Fact]
    public void Compute_WithoutScheduler_UsesTheLocalSchedulerByDefault()
    {
        var x = DArray.Ones(shape: [50, 40], chunks: [7, 9]);

        Assert.Equal(2000.0, x.Sum().Compute());
        Assert.IsType<MiniDask.Scheduler.LocalScheduler>(MiniDask.Graph.Schedulers.Default);
    }
}
