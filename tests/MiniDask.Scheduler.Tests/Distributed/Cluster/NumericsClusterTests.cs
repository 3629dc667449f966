using MiniDask.Array;
using MiniDask.Graph;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>Random generators and linear algebra on a local cluster of worker processes give what the local schedulers give.</summary>
public sealed class NumericsClusterTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public void RandomGenerator_SameSeedAndChunks_SameArrayOnTheClusterAndLocally()
    {
        DArray<double> Make() => DArray.RandomGenerator(seed: 21).Beta(a: 2, b: 3, size: [400, 30], chunks: new[] { 90, 20 });
        DArray<long> Counts() => DArray.RandomGenerator(seed: 21).Poisson(lam: 4, size: [1000], chunks: 150);

        Assert.Equal(Make().Compute(new SyncScheduler()).Data, Make().Compute(fixture.Client).Data);
        Assert.Equal(Make().Compute(new LocalScheduler(threads: 2)).Data, Make().Compute(fixture.Client).Data);
        Assert.Equal(Counts().Compute(new SyncScheduler()).Data, Counts().Compute(fixture.Client).Data);
    }

    [Fact]
    public void Lstsq_OnTheCluster_SameAsLocally()
    {
        var rng = DArray.RandomGenerator(seed: 3);
        var a = rng.Normal(size: [3000, 6], chunks: new[] { 400, 6 });
        var b = rng.Normal(size: [3000], chunks: 500);

        var (x, residuals, rank, _) = Linalg.Lstsq(a, b);
        var local = new LocalScheduler(threads: 2);

        Assert.Equal(x.Compute(local).Data, x.Compute(fixture.Client).Data);
        Assert.Equal(residuals.Compute(local).Data[0], residuals.Compute(fixture.Client).Data[0], 1e-9);
        Assert.Equal(6L, rank.Compute(fixture.Client));
    }

    [Fact]
    public void SvdAndCholesky_OnTheCluster_SameAsLocally()
    {
        var m = DArray.RandomGenerator(seed: 4).Normal(size: [60, 60], chunks: new[] { 20, 20 });
        var spd = m.MatMul(m.T) + DArray.Eye(60, chunks: 20) * 60.0;
        var local = new LocalScheduler(threads: 2);

        var (_, s, _) = Linalg.Svd(m.Rechunk(new[] { 20, 60 }));
        var l = Linalg.Cholesky(spd, lower: true);

        Assert.Equal(s.Compute(local).Data, s.Compute(fixture.Client).Data);
        Assert.Equal(l.Compute(local).Data, l.Compute(fixture.Client).Data);
    }
}
