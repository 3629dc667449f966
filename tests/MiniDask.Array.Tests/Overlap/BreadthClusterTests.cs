using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Overlap;

/// <summary>A LocalCluster of two worker processes for <see cref="BreadthClusterTests"/>.</summary>
public sealed class BreadthCluster : LocalClusterFixture;

/// <summary>
/// Overlap, statistics, set and counting routines computed on worker processes: their ops are
/// registered there, their literals (index maps, edges, quantiles) and partial blocks cross the
/// wire, and the results equal the local ones.
/// </summary>
public sealed class BreadthClusterTests(BreadthCluster cluster) : IClassFixture<BreadthCluster>
{
    [Fact]
    public void MapOverlap_StencilOnWorkers_EqualsTheLocalResult()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 90 * 70).Select(_ => random.NextDouble()).ToArray();
        var x = DArray.FromArray(new NDArray<double>(values, [90, 70]), [[30, 25, 35], [40, 30]]);

        foreach (var boundary in new[] { Boundary.Reflect, Boundary.Periodic, Boundary.Constant(2) })
        {
            var stencil = x.MapOverlap(Stencil.FivePoint, 1, boundary);

            Assert.Equal(stencil.ComputeSync().Data, stencil.Compute(cluster.Client).Data);
        }
    }

    [Fact]
    public void SlidingWindowViewAndTrim_OnWorkers_EqualTheLocalResult()
    {
        var x = DArray.FromArray(new NDArray<double>([.. Enumerable.Range(0, 40).Select(i => (double)i)], [8, 5]), [[3, 5], [2, 3]]);
        var windows = x.SlidingWindowView([3, 2]);
        var trimmed = x.Overlap(2, Boundary.Nearest).Trim(2, Boundary.Nearest);

        Assert.Equal(windows.ComputeSync().Data, windows.Compute(cluster.Client).Data);
        Assert.Equal(x.ComputeSync().Data, trimmed.Compute(cluster.Client).Data);
    }

    [Fact]
    public void Statistics_OnWorkers_EqualTheLocalResults()
    {
        var x = DArray.FromArray(new NDArray<double>([1, double.NaN, 3, 4, 5, double.NaN, 7, 8, 9, 10, 11, 12], [4, 3]), [[1, 3], [3]]);

        Assert.Equal(x.NanMean(0).ComputeSync().Data, x.NanMean(0).Compute(cluster.Client).Data);
        Assert.Equal(x.NanVar(ddof: 1).ComputeSync(), x.NanVar(ddof: 1).Compute(cluster.Client));
        Assert.Equal(x.Median(1).ComputeSync().Data, x.Median(1).Compute(cluster.Client).Data);
        Assert.Equal(x.AsType<long>().Ravel1d().Percentile([10, 90]).ComputeSync().Data, x.AsType<long>().Ravel1d().Percentile([10, 90]).Compute(cluster.Client).Data);
    }

    [Fact]
    public void SetsAndCounting_OnWorkers_EqualTheLocalResults()
    {
        var x = DArray.FromArray(new[] { 3L, 1L, 4L, 1L, 5L, 9L, 2L, 6L, 5L, 3L }, [10], [4]);

        Assert.Equal(x.TopK(-3).ComputeSync().Data, x.TopK(-3).Compute(cluster.Client).Data);
        Assert.Equal(x.ArgTopK(2).ComputeSync().Data, x.ArgTopK(2).Compute(cluster.Client).Data);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 9 }, x.Unique().Compute(cluster.Client).Data);
        Assert.Equal(DArray.Bincount(x).ComputeSync().Data, DArray.Bincount(x).Compute(cluster.Client).Data);
        var (counts, _) = DArray.Histogram(x, 4, (0, 8));
        Assert.Equal(counts.ComputeSync().Data, counts.Compute(cluster.Client).Data);
        Assert.Equal(x.ArgWhere().ComputeSync().Data, x.ArgWhere().Compute(cluster.Client).Data);
    }
}

/// <summary>One-dimensional views for the cluster tests.</summary>
internal static class Flatten
{
    /// <summary>The array as one dimension.</summary>
    public static DArray<T> Ravel1d<T>(this DArray<T> x)
        where T : unmanaged, System.Numerics.INumber<T> => x.Reshape(-1);
}
