using MiniDask.Testing;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster.Coordination;

/// <summary>A local cluster of 2 workers × 4 threads, so that 8 tasks run at once and contend for the same queue, lock or semaphore.</summary>
public sealed class CoordinationFixture : LocalClusterFixture
{
    /// <inheritdoc />
    protected override int ThreadsPerWorker => 4;
}
