using MiniDask.Graph;
using MiniDask.Scheduler;

namespace MiniDask.Array.Tests;

/// <summary>Dask's names for the API, and errors that name what the user wrote.</summary>
public sealed class NamesAndErrorsTests
{
    [Fact]
    public void FromArray_OneDimensionalArrayWithChunks_CutsItIntoBlocks()
    {
        var data = Enumerable.Range(0, 250).Select(i => (double)i).ToArray();

        var x = DArray.FromArray(data, chunks: [100]);
        var y = DArray.FromArray(data, 100);

        Assert.Equal([250], x.Shape);
        Assert.Equal([100, 100, 50], x.Chunks[0]);
        Assert.Equal(x.Name, y.Name);
        Assert.Equal(data, x.ComputeSync().Data);
    }

    [Fact]
    public void RandomNormal_LocAndScale_NamedAsDaskAndInDasksOrder()
    {
        var named = DArray.RandomNormal([40, 25], [10, 10], seed: 3, loc: 2, scale: 0.5);
        var daskOrder = DArray.RandomNormal(2, 0.5, [40, 25], [10, 10], seed: 3);

        Assert.Equal(named.Name, daskOrder.Name);
        Assert.Equal(named.ComputeSync().Data, daskOrder.ComputeSync().Data);
        var error = Assert.Throws<ArgumentException>(() => DArray.RandomNormal([4], [2], loc: 0, scale: -1));
        Assert.Equal("scale", error.ParamName);
    }

    [Fact]
    public void Compute_UserFunctionFusedIntoAReduction_ErrorNamesTheFunctionFirst()
    {
        var x = DArray.Arange(0.0, 100.0, 1.0, chunks: 25).Map(Explode).Sum();

        var error = Assert.Throws<TaskFailedException>(() => x.Compute(new LocalScheduler(2)));

        Assert.Equal("NamesAndErrorsTests.Explode", error.Function);
        Assert.StartsWith("NamesAndErrorsTests.Explode failed in task ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"(op '{error.Op}')", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("InvalidOperationException: 42 is not welcome", error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public void ResolveFunction_AssemblyThisProcessCannotLoad_SaysHowUserCodeReachesWorkers()
    {
        const string name = "user:NoSuchAssembly.Ops:NoSuchAssembly.Ops.MyOps:Square";

        var error = Assert.Throws<FileNotFoundException>(() => MiniDask.Graph.Functions.UserFunctions.Resolve(name));

        Assert.Contains("Could not load assembly 'NoSuchAssembly.Ops', which holds MyOps.Square", error.Message, StringComparison.Ordinal);
        Assert.Contains("client.UploadFileAsync(path)", error.Message, StringComparison.Ordinal);
        Assert.Contains("--preload", error.Message, StringComparison.Ordinal);
        Assert.Contains("LocalCluster.StartAsync(preload:", error.Message, StringComparison.Ordinal);
    }

    private static double Explode(double v) => v == 42 ? throw new InvalidOperationException("42 is not welcome") : v;
}
