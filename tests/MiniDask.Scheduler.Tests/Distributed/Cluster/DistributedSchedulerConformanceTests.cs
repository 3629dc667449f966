using MiniDask.Graph;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>The scheduler conformance suite, run by a client on a local cluster of worker processes.</summary>
public sealed class DistributedSchedulerConformanceTests(ClusterFixture fixture) : SchedulerConformanceTests, IClassFixture<ClusterFixture>
{
    protected override IScheduler CreateScheduler() => fixture.Client;
}
