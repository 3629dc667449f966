using MiniDask.Array;
using MiniDask.Graph.Functions;

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
