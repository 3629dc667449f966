using MiniDask.Graph;

namespace MiniDask.Bag.Tests.Core;

public class DBagPersistTests
{
    [Fact]
    public void Persist_LocalScheduler_KeepsComputedPartitionsUnderTheSameKeys()
    {
        var calls = 0;
        var bag = DBag.FromSequence(Enumerable.Range(0, 50), npartitions: 5).Select(x =>
        {
            Interlocked.Increment(ref calls);
            return x * 2;
        });

        var persisted = bag.Persist(new SyncScheduler());
        var afterPersist = calls;
        var sum = persisted.Sum().Compute(new SyncScheduler());
        var items = persisted.Compute(new SyncScheduler());

        Assert.Equal(50, afterPersist);
        Assert.Equal(50, calls);
        Assert.Equal(bag.OutputKeys, persisted.OutputKeys);
        Assert.Equal(5, persisted.Graph.Count);
        Assert.Equal(2450, sum);
        Assert.Equal(Enumerable.Range(0, 50).Select(x => x * 2), items);
    }
}
