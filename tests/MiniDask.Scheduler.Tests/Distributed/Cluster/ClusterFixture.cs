using MiniDask.Scheduler.Distributed;
using MiniDask.Testing;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>One local cluster (2 worker processes × 1 thread, test ops preloaded) and a client, shared by a test class; the scheduler logs to <see cref="Log"/>.</summary>
public sealed class ClusterFixture : LocalClusterFixture
{
    /// <summary>What the scheduler logged.</summary>
    public ListLogger Log { get; } = new();

    /// <summary>The path of this test assembly, for clusters a test starts itself.</summary>
    public static string TestAssemblyPath => typeof(ClusterFixture).Assembly.Location;

    /// <inheritdoc />
    protected override LocalClusterOptions Options() => new() { Logger = Log };
}

/// <summary>A local cluster like <see cref="ClusterFixture"/>'s whose scheduler holds no root backlog (Dask's count-only queuing).</summary>
public sealed class CountOnlyClusterFixture : LocalClusterFixture
{
    /// <inheritdoc />
    protected override LocalClusterOptions Options() => new() { State = SchedulerOptions.Default with { MinRootBacklogSeconds = 0 } };
}
