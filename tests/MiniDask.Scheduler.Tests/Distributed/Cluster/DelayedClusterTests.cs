using MiniDask.Array;
using MiniDask.Graph;
using MiniDask.Graph.Functions;
using MiniDask.Graph.Workloads;
using MiniDask.Kernels;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>Delayed graphs on a local cluster of worker processes, against the local scheduler.</summary>
public sealed class DelayedClusterTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly LocalScheduler Local = new(threads: 2);

    [Fact]
    public void Compute_TreeOfTenThousandDelayedSums_SameAsTheLocalScheduler()
    {
        var tree = DelayedSumTree.Build();

        Assert.Equal(tree.Compute(Local), tree.Compute(fixture.Client));
    }

    [Fact]
    public void Compute_PipelineOfStaticMethodsAndLambdas_SameAsTheLocalScheduler()
    {
        var parsed = new[] { "1 2 3", "4 5", "6" }.Select(line => Delayed.Call(Pipeline.Parse, line)).ToList();
        var scaled = parsed.Select(p => Delayed.Call((long[] xs) => xs.Select(x => x * 10).ToArray(), p)).ToList();
        var (total, count) = Delayed.Call<(long, int)>(Pipeline.TotalAndCount, [scaled]);

        Assert.Equal(210L, total.Compute(fixture.Client));
        Assert.Equal((210L, 6), Delayed.Compute(total, count, fixture.Client));
        Assert.Equal(Delayed.Compute(total, count, Local), Delayed.Compute(total, count, fixture.Client));
    }

    [Fact]
    public void Compute_ArrayArgument_IsAssembledOnTheCluster()
    {
        var x = DArray.Random([60, 40], [25, 15], seed: 11);

        var total = Delayed.Call(Pipeline.Total, x);

        Assert.Equal(total.Compute(Local), total.Compute(fixture.Client), 10);
    }

    [Fact]
    public void Compute_CapturingLambda_IsRefusedNamingTheCapturedVariable()
    {
        var offset = 5L;
        var shifted = Delayed.Call((long x) => x + offset, 1L);

        var error = Assert.Throws<ProcessLocalFunctionException>(() => shifted.Compute(fixture.Client));

        Assert.Contains("offset", error.Message, StringComparison.Ordinal);
        Assert.Equal(6L, shifted.Compute(Local));
    }

    [Fact]
    public async Task Compute_FutureArgument_IsReadWhereItIsHeld()
    {
        await using var held = await fixture.Client.SubmitAsync(Pipeline.Parse, "7 8 9");

        var total = Delayed.Call<long>(Pipeline.SumOf, held);

        Assert.Equal(24L, total.Compute(fixture.Client));
        Assert.Equal(24L, total.Compute(Local));
    }

    [Fact]
    public async Task Persist_OnTheCluster_KeepsTheValueThereForLaterCalls()
    {
        var parsed = Delayed.Call(Pipeline.Parse, "2 3 4");

        var persisted = await parsed.PersistAsync(fixture.Client);
        var total = Delayed.Call(Pipeline.SumOf, persisted);

        Assert.Equal(parsed.Key, persisted.Key);
        Assert.True(FutureTasks.IsPlaceholder(Assert.Single(persisted.Graph).Value));
        Assert.Equal(9L, total.Compute(fixture.Client));
        Assert.Equal([2L, 3L, 4L], persisted.Compute(fixture.Client));
        await persisted.ReleaseAsync();
    }

    [Fact]
    public void FromDelayed_PiecesLoadedOnWorkers_ConcatenateLikeTheLocalScheduler()
    {
        var pieces = Enumerable.Range(0, 4).Select(i => DArray.FromDelayed(Delayed.Call(Pipeline.Piece, i), [3, 2])).ToList();

        var x = DArray.Concatenate(pieces, axis: 0);

        Assert.Equal(x.Compute(Local).Data, x.Compute(fixture.Client).Data);
        Assert.Equal(x.Sum().Compute(Local), x.Sum().Compute(fixture.Client));
    }
}

/// <summary>Static functions the workers load by name from the preloaded test assembly.</summary>
internal static class Pipeline
{
    public static long[] Parse(string line) => [.. line.Split(' ').Select(long.Parse)];

    public static long SumOf(long[] values) => values.Sum();

    public static (long Total, int Count) TotalAndCount(long[][] parts) => (parts.Sum(p => p.Sum()), parts.Sum(p => p.Length));

    public static double Total(NDArray<double> block) => block.Data.Sum();

    public static NDArray<double> Piece(int i) => new([.. Enumerable.Range(6 * i, 6).Select(v => v * 0.5)], [3, 2]);
}
