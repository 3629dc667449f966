using MiniDask.Array;
using MiniDask.Graph;
using MiniDask.Scheduler.Distributed;
using static MiniDask.Scheduler.Tests.TestOps;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>Submit, Map, Gather and Persist through futures on a local cluster.</summary>
public sealed class FutureTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task SubmitAsync_WithAFutureArgument_ChainsOnTheCluster()
    {
        await using var first = await fixture.Client.SubmitAsync(Const, 41L);
        await using var second = await fixture.Client.SubmitAsync(Inc, first);

        Assert.Equal(42L, await second);
        Assert.Equal(41L, first.Result(TimeSpan.FromSeconds(30)));
        Assert.True(second.Done);
    }

    [Fact]
    public async Task MapAsync_ThenGatherAsync_ReturnsEveryResultInOrder()
    {
        var futures = await fixture.Client.MapAsync(Inc, [1L, 2L, 3L]);

        var values = await fixture.Client.GatherAsync(futures);
        await fixture.Client.CancelAsync(futures);

        Assert.Equal([2L, 3L, 4L], values);
    }

    [Fact]
    public async Task SubmitAsync_FailingOp_ResultThrowsNamingTheKeyAndOp()
    {
        await using var future = await fixture.Client.SubmitAsync(Fail, "boom from a future");

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => future.ResultAsync());

        Assert.Equal(future.Key, error.Key);
        Assert.Equal(Fail, error.Op);
        Assert.Equal("boom from a future", error.InnerException!.Message);
    }

    [Fact]
    public async Task PersistAsync_ThenCompute_UsesThePersistedBlocks()
    {
        var x = DArray.Random(shape: [300, 300], chunks: [100, 100], seed: 5);

        var futures = await fixture.Client.PersistAsync(x);
        var values = await fixture.Client.GatherAsync(futures);
        var sum = x.Sum().Compute(fixture.Client);
        await fixture.Client.CancelAsync(futures);

        Assert.Equal(9, futures.Count);
        Assert.All(values, v => Assert.IsType<MiniDask.Kernels.NDArray<double>>(v));
        Assert.Equal(x.Sum().Compute(new LocalScheduler(threads: 2)), sum);
    }

    [Fact]
    public async Task SubmitAsync_StaticMethod_RunsInAWorkerByName()
    {
        await using var future = await fixture.Client.SubmitAsync(Hypotenuse, 3.0, 4.0);
        await using var chained = await fixture.Client.SubmitAsync((double h) => h * 10, future);

        Assert.Equal(50.0, await chained);
        Assert.Equal(5.0, await future);
    }

    [Fact]
    public async Task SubmitAsync_TypedFunctions_GiveFuturesOfTheirResultTypes()
    {
        Future<double> hypotenuse = await fixture.Client.SubmitAsync(Hypotenuse, 3.0, 4.0);
        await using (hypotenuse)
        {
            Future<string> text = await fixture.Client.SubmitAsync((double h, string unit) => $"{h} {unit}", hypotenuse, "m");
            await using (text)
            {
                Future<int> length = await fixture.Client.SubmitAsync((string s) => s.Length, text);
                await using (length)
                {
                    string value = await text;
                    int chars = length.Result(TimeSpan.FromSeconds(30));

                    Assert.Equal("5 m", value);
                    Assert.Equal(3, chars);
                }
            }
        }
    }

    [Fact]
    public async Task MapAsync_TypedLambda_GatherAsyncGivesATypedArray()
    {
        IReadOnlyList<Future<int>> futures = await fixture.Client.MapAsync((string s) => s.Length * 2, ["a", "bbb"]);

        int[] values = await fixture.Client.GatherAsync(futures);
        await fixture.Client.CancelAsync(futures);

        Assert.Equal([2, 6], values);
    }

    [Fact]
    public void ToString_ClientAndLocalCluster_ShowSchedulerWorkersThreadsAndMemory()
    {
        var address = fixture.Cluster.SchedulerAddress;

        Assert.Equal($"<Client: scheduler={address}, workers=2, threads=2, memory=unlimited>", fixture.Client.ToString());
        Assert.Equal($"LocalCluster(scheduler={address}, workers=2, threads=2, memory=unlimited)", fixture.Cluster.ToString());
    }

    [Fact]
    public async Task MapAsync_NonCapturingLambda_ResultsInOrder()
    {
        var futures = await fixture.Client.MapAsync((string s) => s.Length, ["a", "bbb", "cc"]);

        var values = await fixture.Client.GatherAsync(futures);
        await fixture.Client.CancelAsync(futures);

        Assert.Equal([1, 3, 2], values);
    }

    [Fact]
    public async Task SubmitAsync_CapturingLambda_RefusedBeforeSendingNamingTheVariable()
    {
        var offset = 7.0;

        var error = await Assert.ThrowsAsync<MiniDask.Graph.Functions.ProcessLocalFunctionException>(
            () => fixture.Client.SubmitAsync((double x) => x + offset, 1.0));

        Assert.Contains("offset", error.Message);
    }

    [Fact]
    public async Task PersistAsync_CapturingLambda_RefusedBeforeSendingNamingTheVariable()
    {
        var factor = 3.0;
        var x = DArray.Arange<double>(0, 20, 1, chunks: 5);

        var error = await Assert.ThrowsAsync<MiniDask.Graph.Functions.ProcessLocalFunctionException>(
            () => fixture.Client.PersistAsync(x.Map(v => v * factor)));

        Assert.Contains("factor", error.Message);
    }

    private static double Hypotenuse(double a, double b) => Math.Sqrt((a * a) + (b * b));
}
