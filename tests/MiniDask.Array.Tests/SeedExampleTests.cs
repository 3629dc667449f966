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
