using MiniDask.Graph;
using MiniDask.Scheduler.Distributed;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>The scheduler conformance suite, run by a client on a local cluster of worker processes.</summary>
public sealed class DistributedSchedulerConformanceTests(ClusterFixture fixture) : SchedulerConformanceTests, IClassFixture<ClusterFixture>
{
    /// <summary>
    /// The root backlog (<see cref="SchedulerOptions.MinRootBacklogSeconds"/>) lets each thread run up to
    /// <see cref="SchedulerOptions.MaxRootBacklogPerThread"/> short roots ahead of the reductions that
    /// consume them, whose results are held meanwhile: the bound grows by that much per thread, and no
    /// more with the size of the tree (the fixture's workers have one thread each). <see cref="CountOnlyConformanceTests"/>
    /// checks the tight bound.
    /// </summary>
    protected override int MaxResultsHeldByTree =>
        base.MaxResultsHeldByTree + (fixture.Cluster.WorkerProcesses.Count * SchedulerOptions.Default.MaxRootBacklogPerThread);

    protected override IScheduler CreateScheduler() => fixture.Client;
}

/// <summary>The tree-reduction bound of the conformance suite on a cluster with Dask's count-only root queuing.</summary>
public sealed class CountOnlyConformanceTests(CountOnlyClusterFixture fixture) : IClassFixture<CountOnlyClusterFixture>
{
    [Fact]
    public void Get_TreeReduction_HoldsOnlyAFewBlocksAtOnce() => new Suite(fixture.Client).Get_TreeReduction_HoldsOnlyAFewBlocksAtOnce();

    private sealed class Suite(IScheduler client) : SchedulerConformanceTests
    {
        protected override IScheduler CreateScheduler() => client;
    }
}
