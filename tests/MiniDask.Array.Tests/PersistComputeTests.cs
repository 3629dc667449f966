using MiniDask.Graph;
using MiniDask.Scheduler;

namespace MiniDask.Array.Tests;

public class PersistComputeTests
{
    [Fact]
    public void Persist_ComputedArray_KeepsKeysAndHoldsOnlyBlockLiterals()
    {
        var x = DArray.Random([6, 4], [4, 3], seed: 2) + 1.0;

        var p = x.Persist(new LocalScheduler(2));

        Assert.Equal(x.Name, p.Name);
        Assert.Equal(x.OutputKeys, p.OutputKeys);
        Assert.Equal(p.BlockCount, p.Graph.Count);
        Assert.All(p.Graph.Values, t => Assert.Empty(t.Dependencies));
        Assert.Equal(x.ComputeSync().Data, p.ComputeSync().Data);
        Assert.Equal((x * 2.0).ComputeSync().Data, (p * 2.0).ComputeSync().Data);
    }

    [Fact]
    public void Compute_TwoCollectionsSharingAnInput_RunsTheSharedBlocksOnce()
    {
        var x = DArray.Random([8, 8], [4, 4], seed: 5);
        var y = x + 1.0;
        var counter = new CountingScheduler();

        var (total, array) = DArray.Compute(y.Sum(), y * 2.0, counter);

        Assert.Equal(y.ComputeSync().Data.Sum(), total, 9);
        Assert.Equal((y * 2.0).ComputeSync().Data, array.Data);
        Assert.Equal(1, counter.Runs);
        Assert.Equal(4, counter.LastGraph!.Keys.Count(k => k.Name == y.Name));
    }

    [Fact]
    public void Compute_ManyScalars_ReturnsThemInOrder()
    {
        var x = DArray.Ones([5, 5], [2, 2]);

        var results = DArray.Compute([x.Sum(), x.Max(), (x * 3.0).Sum()], TestData.Sync);

        Assert.Equal(new[] { 25.0, 1.0, 75.0 }, results);
    }

    private sealed class CountingScheduler : IScheduler
    {
        private readonly SyncScheduler inner = new();

        public int Runs { get; private set; }

        public TaskGraph? LastGraph { get; private set; }

        public string Name => "counting";

        public object?[] Get(TaskGraph graph, IReadOnlyList<Key> keys, ComputeOptions? options = null, CancellationToken cancellationToken = default)
        {
            Runs++;
            LastGraph = graph;
            return inner.Get(graph, keys, options, cancellationToken);
        }

        public Task<object?[]> GetAsync(TaskGraph graph, IReadOnlyList<Key> keys, ComputeOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(Get(graph, keys, options, cancellationToken));
    }
}
