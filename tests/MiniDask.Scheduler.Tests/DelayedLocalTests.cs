using MiniDask.Graph;
using MiniDask.Graph.Workloads;

namespace MiniDask.Scheduler.Tests;

/// <summary>Delayed graphs on the local thread-pool scheduler.</summary>
public class DelayedLocalTests
{
    [Fact]
    public void Compute_TreeOfTenThousandDelayedSums_MatchesThePlainCalls()
    {
        var tree = DelayedSumTree.Build(DelayedSumTree.DefaultCount);

        var total = tree.Compute(new LocalScheduler(threads: 2));

        Assert.Equal(DelayedSumTree.DefaultCount - 1, tree.Graph.Count);
        Assert.Equal(DelayedSumTree.Direct(), total);
        Assert.Equal(49_995_000L, total);
    }

    [Fact]
    public async Task ComputeAsync_Cancelled_ThrowsOperationCanceled()
    {
        var tree = DelayedSumTree.Build(1000);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tree.ComputeAsync(new LocalScheduler(threads: 2), cancellationToken: cancelled.Token));
    }
}
