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

        Tolerance.Close(expected, y.ComputeSync().Data, 1e-12);
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

public class UserOpResolutionTests
{
    private static double Halve(double x) => x / 2;

    private static double Third(double x) => x / 3;

    [Fact]
    public void Map_OpName_IsRebuiltByNameAsAWorkerWould()
    {
        // A name this process never registered stands for a worker that did not build the graph.
        var unregistered = $"array.user.map[float64,float64]:{MiniDask.Graph.Functions.UserFunctions.NameOf((Func<double, double>)Third)}";
        Assert.False(MiniDask.Graph.OpRegistry.IsRegistered(unregistered));

        var op = MiniDask.Graph.OpRegistry.Resolve(unregistered);
        var result = (MiniDask.Kernels.NDArray<double>)op([MiniDask.Kernels.NDArray.FromArray([3.0, 9.0, -6.0], 3)])!;

        Assert.Equal([1.0, 3.0, -2.0], result.Data);
    }

    [Fact]
    public void Map_StaticFunction_TaskNamesARebuildableOp()
    {
        var x = DArray.Arange<double>(0, 10, 1, chunks: 4);

        var halved = x.Map<double>(Halve);

        Assert.All(halved.Graph.Values.Select(t => t.Op).Where(op => op.Contains("Halve")), op => Assert.StartsWith("array.user.map[float64,float64]:user:", op));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i / 2.0), halved.Compute(scheduler: TestData.Sync).Data);
    }

    [Fact]
    public void Resolve_ProcessLocalFunctionName_ThrowsNamingTheCapturedVariables()
    {
        var factor = 3.0;
        var name = $"array.user.map[float64,float64]:{MiniDask.Graph.Functions.UserFunctions.NameOf((Func<double, double>)(v => v * factor))}";

        var error = Assert.Throws<InvalidOperationException>(() => MiniDask.Graph.OpRegistry.Resolve(name));

        Assert.Contains("factor", error.Message);
        Assert.Contains("not available in this one", error.Message);
    }
}

public class BoolStructureTests
{
    [Fact]
    public void SliceRechunkReshape_BoolArray_ComputeLikeTheDenseMask()
    {
        var x = DArray.Arange<double>(0, 24, 1, chunks: 5);
        var mask = x > 10.0;

        var sliced = mask[3..20].Rechunk([4]).Reshape(17).Compute(scheduler: TestData.Sync);

        Assert.Equal(Enumerable.Range(3, 17).Select(i => (MiniDask.Kernels.Bool)(i > 10)), sliced.Data);
    }
}
