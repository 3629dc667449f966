using MiniDask.Array;
using MiniDask.Graph.Functions;
using MiniDask.Kernels;
using MiniDask.Scheduler.Distributed;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>Array expressions computed on a local cluster equal the local scheduler's results bit for bit.</summary>
public sealed class DistributedArrayTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public void Compute_DemoExpression_EqualsLocalSchedulerBitForBit()
    {
        var x = DArray.Random(shape: [600, 600], chunks: [150, 150], seed: 42);
        var y = (x + x.T) - x.Mean(axis: 0);

        var distributed = y.Compute(fixture.Client);
        var local = y.Compute(new LocalScheduler(threads: 2));

        Assert.Equal(local.Shape.ToArray(), distributed.Shape.ToArray());
        Assert.True(local.AsBytes().SequenceEqual(distributed.AsBytes()), "the distributed result differs from the local one");
        Assert.Equal(BitConverter.DoubleToInt64Bits(y.Sum().Compute(new LocalScheduler(threads: 2))), BitConverter.DoubleToInt64Bits(y.Sum().Compute(fixture.Client)));
    }

    [Fact]
    public async Task ComputeAsync_TinyBlocks_EqualsLocalScheduler()
    {
        var tiny = (DArray.Ones(shape: [200, 200], chunks: [20, 20]) + 1).Sum();

        var distributed = await fixture.Client.ComputeAsync(tiny);

        Assert.Equal(tiny.Compute(new LocalScheduler(threads: 2)), distributed);
        Assert.Equal(2.0 * 200 * 200, distributed);
    }

    private static double Halve(double v) => v / 2;

    private static double Explode(double v) => v == 42 ? throw new InvalidOperationException("42 is not welcome") : v;

    [Fact]
    public void Compute_UserFunctionFailsOnAWorker_ErrorNamesTheFunctionFirst()
    {
        var x = DArray.Arange(0.0, 100.0, 1.0, chunks: 25).Map(Explode).Sum();

        var error = Assert.Throws<Graph.TaskFailedException>(() => x.Compute(fixture.Client));

        Assert.Equal("DistributedArrayTests.Explode", error.Function);
        Assert.StartsWith("DistributedArrayTests.Explode failed in task ", error.Message, StringComparison.Ordinal);
        Assert.Contains("42 is not welcome", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_BoolScalarsAsLiteralsAndResults_CrossToWorkersAndBack()
    {
        var full = DArray.Full<Bool>([5], [2], Bool.True);
        var values = DArray.FromArray([0, 3, 0, 4, 5, 0], [6], [4]);
        var mask = values.Ne(0);

        var computed = full.Compute(fixture.Client);
        var compared = mask.Eq(Bool.True).Compute(fixture.Client);
        var any = mask.Any().Compute(fixture.Client);
        var counted = mask.Sum<long>().Compute(fixture.Client);

        Assert.All(computed.Data, b => Assert.True(b));
        Assert.Equal([false, true, false, true, true, false], compared.Data.Select(b => (bool)b));
        Assert.True(any);
        Assert.Equal(3L, counted);
    }

    [Fact]
    public void ToNpyAndToNpyStack_BoolArrayOnTheCluster_WriteFilesThatReadBack()
    {
        var dir = Directory.CreateTempSubdirectory("minidask-cluster-bool-").FullName;
        try
        {
            var mask = DArray.Arange<int>(0, 12, 1, chunks: 5).Reshape(3, 4) > 4;
            var file = Path.Combine(dir, "mask.npy");
            var stack = Path.Combine(dir, "stack");

            mask.ToNpy(file, fixture.Client);
            mask.ToNpyStack(stack, axis: 0, fixture.Client);

            bool[] expected = [.. Enumerable.Range(0, 12).Select(i => i > 4)];
            Assert.Equal(expected, NDArray.LoadNpy<Bool>(file).Data.Select(b => (bool)b));
            Assert.Equal(expected, DArray.FromNpyStack<Bool>(stack).Compute(fixture.Client).Data.Select(b => (bool)b));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Compute_TransfersBetweenWorkers_SchedulerLearnsTheMeasuredBandwidth()
    {
        // 2 MB blocks persisted on both workers; x + x.T fetches half of them across.
        var x = DArray.Random(shape: [2000, 2000], chunks: [500, 500], seed: 9);
        var persisted = await fixture.Client.PersistAsync(x);
        await fixture.Client.GatherAsync(persisted);
        var holders = fixture.Cluster.Scheduler.Inspect(s => persisted.SelectMany(f => s.Tasks[f.Key].WhoHas.Select(w => w.Address)).Distinct().Count());
        Assert.Equal(2, holders);

        // Not inlined, so the tasks read the persisted blocks instead of generating them again.
        var total = (x + x.T).Sum().Compute(fixture.Client, new MiniDask.Graph.ComputeOptions { InlineCheapRoots = false });
        await fixture.Client.CancelAsync(persisted);

        Assert.Equal(BitConverter.DoubleToInt64Bits((x + x.T).Sum().Compute(new LocalScheduler(threads: 2))), BitConverter.DoubleToInt64Bits(total));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        double bandwidth;
        while ((bandwidth = fixture.Cluster.Scheduler.Inspect(s => s.Bandwidth)) == SchedulerOptions.Default.DefaultBandwidth && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        // The default is 100 MB/s; heartbeats now carry what the workers measured on loopback.
        Assert.NotEqual(SchedulerOptions.Default.DefaultBandwidth, bandwidth);
        Assert.True(bandwidth > 1e6, $"bandwidth {bandwidth} bytes/s");
    }

    [Fact]
    public void Compute_MapWithStaticFunction_RunsOnWorkersByName()
    {
        var x = DArray.Arange<double>(0, 40, 1, chunks: 7);

        var halved = x.Map<double>(Halve).Compute(fixture.Client);

        Assert.Equal(Enumerable.Range(0, 40).Select(i => i / 2.0), halved.Data);
    }

    [Fact]
    public void Compute_MapWithCapturingLambda_IsRefusedBeforeTheRunNamingTheVariable()
    {
        var factor = 3.0;
        var x = DArray.Arange<double>(0, 10, 1, chunks: 5);

        var error = Assert.Throws<ProcessLocalFunctionException>(() => x.Map(v => v * factor).Compute(fixture.Client));

        Assert.Contains("factor", error.Reason);
    }
}
