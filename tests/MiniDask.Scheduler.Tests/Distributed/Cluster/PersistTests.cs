using MiniDask.Array;
using MiniDask.Bag;
using MiniDask.Graph;
using MiniDask.Graph.Persistence;
using MiniDask.Scheduler.Distributed;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>Persist on a cluster: the blocks stay on the workers, later graphs read them there, releasing drops them.</summary>
public sealed class PersistTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly LocalScheduler Local = new(threads: 2);

    [Fact]
    public async Task Persist_DArrayOnClient_BlocksStayOnWorkersAndTwoReductionsReadThemWithoutRecomputing()
    {
        var x = DArray.Random(shape: [300, 200], chunks: [100, 100], seed: 11);

        var persisted = x.Persist(fixture.Client);
        Assert.True(await WaitUntilAsync(() => fixture.Cluster.Scheduler.Inspect(s => persisted.OutputKeys.All(k => s.StateOf(k) == SchedulerTaskState.Memory))),
            "the persisted blocks did not all reach memory");

        // Assignments so far (a block stolen while waiting counts twice); the reductions must add none.
        var assigned = RunCounts(persisted);
        var sum = persisted.Sum().Compute(fixture.Client);
        var max = persisted.Max().Compute(fixture.Client);

        // The persisted array holds no block: its tasks read the results kept on the workers.
        Assert.All(persisted.OutputKeys, k => Assert.Equal(FutureTasks.Op, persisted.Graph[k].Op));
        Assert.Equal(persisted.OutputKeys.Count, persisted.Graph.Count);
        Assert.Equal(x.Sum().Compute(Local), sum);
        Assert.Equal(x.Max().Compute(Local), max);
        var held = fixture.Cluster.Scheduler.Inspect(s => persisted.OutputKeys.Count(k => s.StateOf(k) == SchedulerTaskState.Memory));
        Assert.Equal(6, held);
        Assert.Equal(assigned, RunCounts(persisted));
        persisted.Release();
    }

    [Fact]
    public async Task Release_PersistedDArray_SchedulerDropsTheKeysAndComputingItAgainFailsNamingAKey()
    {
        var persisted = DArray.Random(shape: [200, 200], chunks: [100, 100], seed: 12).Persist(fixture.Client);
        Assert.Equal(4, persisted.KeptFutures().Count);

        await persisted.ReleaseAsync();

        Assert.True(await WaitUntilAsync(() => fixture.Cluster.Scheduler.Inspect(s => persisted.OutputKeys.All(k => !s.Tasks.ContainsKey(k)))),
            "the scheduler still knows the released keys");
        var error = Assert.Throws<ObjectDisposedException>(() => persisted.Sum().Compute(fixture.Client));
        Assert.Contains(persisted.OutputKeys[0].Name, error.Message);
    }

    [Fact]
    public void Persist_DBagOnClient_TwoAggregationsReadThePersistedPartitions()
    {
        var words = DBag.FromSequence(Enumerable.Range(0, 600).Select(i => $"w{i % 7}"), npartitions: 4).Select(w => w.ToUpperInvariant());

        var persisted = words.Persist(fixture.Client);
        var frequencies = persisted.Frequencies().Compute(fixture.Client).OrderBy(p => p.Item1).ToList();
        var count = persisted.Count().Compute(fixture.Client);

        Assert.All(persisted.OutputKeys, k => Assert.Equal(FutureTasks.Op, persisted.Graph[k].Op));
        Assert.Equal(words.Frequencies().Compute(Local).OrderBy(p => p.Item1), frequencies);
        Assert.Equal(600, count);
        persisted.Release();
    }

    [Fact]
    public void Compute_PersistedOnClusterWithLocalScheduler_FetchesTheKeptBlocks()
    {
        var x = DArray.Random(shape: [200, 100], chunks: [100, 100], seed: 13);
        var persisted = x.Persist(fixture.Client);

        Assert.Equal(x.Compute(Local).Span.ToArray(), persisted.Compute(Local).Span.ToArray());
        persisted.Release();
    }

    [Fact]
    public async Task Compute_PersistedByAnotherClient_ReadsTheValuesThroughTheFuturesThatHoldThem()
    {
        var x = DArray.Random(shape: [200, 100], chunks: [100, 100], seed: 14);
        var persisted = x.Persist(fixture.Client);
        await using var other = await fixture.Cluster.ConnectAsync();

        Assert.Equal(x.Sum().Compute(Local), persisted.Sum().Compute(other));
        await persisted.ReleaseAsync();
        Assert.Throws<ObjectDisposedException>(() => persisted.Sum().Compute(other));
    }

    [Fact]
    public void Persist_UnknownChunkSizesOnClient_LearnsThemFromTheKeptBlocks()
    {
        var x = DArray.Arange(0.0, 100.0, 1.0, chunks: 25);
        var filtered = x[x > 40.0];
        Assert.True(filtered.HasUnknownChunks);

        var persisted = filtered.Persist(fixture.Client);

        Assert.False(persisted.HasUnknownChunks);
        Assert.Equal([59], persisted.Shape);
        Assert.Equal(Enumerable.Range(41, 59).Sum(), persisted.Sum().Compute(fixture.Client));
        persisted.Release();
    }

    private List<int> RunCounts(IDaskCollection collection) =>
        fixture.Cluster.Scheduler.Inspect(s => collection.OutputKeys.Select(k => s.Tasks[k].RunCount).ToList());

    private static async Task<bool> WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        return condition();
    }
}
