using MiniDask.Scheduler.Distributed;
using MiniDask.Testing;

namespace MiniDask.Array.Tests.Conformance;

/// <summary>
/// A LocalCluster of two worker processes running unoptimized JIT code throughout (what a freshly
/// started process runs before its methods are recompiled), shared by <see cref="ClusterConformanceTests"/>.
/// </summary>
public sealed class ColdWorkerCluster : LocalClusterFixture
{
    /// <summary>The worker environment: the JIT's minimal optimization for every method.</summary>
    public static readonly IReadOnlyDictionary<string, string> ColdJit = new Dictionary<string, string> { ["DOTNET_JITMinOpts"] = "1" };

    /// <inheritdoc />
    protected override LocalClusterOptions Options() => new() { WorkerEnvironment = ColdJit };
}

/// <summary>
/// The cluster subset of <see cref="ConformanceCatalog"/> (every case marked for it: a spread of
/// dtypes, layouts and ops, and the minimised cases) on a LocalCluster whose workers run cold,
/// unoptimized code, compared bit for bit with the host reference computed in this process, whose
/// code is all fully optimized (the test project turns tiered compilation off): results must not
/// depend on the process or on how far the JIT has optimised the code.
/// </summary>
public sealed class ClusterConformanceTests(ColdWorkerCluster cluster) : IClassFixture<ColdWorkerCluster>
{
    public static TheoryData<string> Cases() => [.. ConformanceCatalog.All.Where(c => c.OnCluster).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_OnTheCluster_EqualsTheHostReferenceBitForBit(string name)
    {
        var conformance = ConformanceCatalog.Get(name);
        var expected = ConformanceReferences.Of(conformance);

        var actual = conformance.Run(cluster.Client);

        var difference = expected.Difference(actual);
        Assert.True(difference is null, $"{name} on the cluster: {difference}");
    }

    [Fact]
    public async Task Workers_RunWithTheColdJitEnvironment()
    {
        await using var variable = await cluster.Client.SubmitAsync(JitMinOpts);

        Assert.Equal("1", await variable);
        Assert.Null(JitMinOpts());
    }

    [Fact]
    public void Transcendentals_WarmHereAndColdOnWorkers_HaveTheSameBits()
    {
        var u = DArray.Random([64, 50], [13, 50], seed: 21);
        var x = (u * 40.0) - 20.0;
        var f = DArray.Concatenate([u.Sin(), u.Cos(), x.Sin(), x.Cos(), x.Exp(), x.Tanh(), (x * 1e-7).Tanh(), x.Abs().Log(), x.Abs().Power(0.7)], axis: 1);
        var g = x.AsType<float>();
        var h = DArray.Concatenate([g.Sin(), g.Cos(), g.Exp(), g.Tanh()], axis: 1);

        Assert.Equal(f.Compute(TestData.Sync).AsBytes().ToArray(), f.Compute(cluster.Client).AsBytes().ToArray());
        Assert.Equal(h.Compute(TestData.Sync).AsBytes().ToArray(), h.Compute(cluster.Client).AsBytes().ToArray());
    }

    private static string? JitMinOpts() => Environment.GetEnvironmentVariable("DOTNET_JITMinOpts");
}
