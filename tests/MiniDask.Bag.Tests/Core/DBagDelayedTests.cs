using MiniDask.Graph;

namespace MiniDask.Bag.Tests.Core;

public class DBagDelayedTests
{
    [Fact]
    public void FromDelayed_Partitions_AreTheDelayedValuesInOrder()
    {
        var parts = new[] { "a b", "c", "d e f" }.Select(text => Delayed.Call(Words, text)).ToList();

        var bag = DBag.FromDelayed(parts);

        Assert.Equal(3, bag.PartitionCount);
        Assert.Equal(["a", "b", "c", "d", "e", "f"], bag.Run());
        Assert.Equal(6, bag.Count().Run());
    }

    [Fact]
    public void ToDelayed_EveryPartition_ComputesToItsList()
    {
        var bag = DBag.Range(10, npartitions: 3);

        var parts = bag.ToDelayed();

        Assert.Equal(bag.OutputKeys, parts.Select(p => p.Key));
        Assert.Equal([0, 1, 2], parts[0].Compute(TestData.Sync));
        Assert.Equal(45, parts.Sum(p => Delayed.Call(SumOf, p).Compute(TestData.Sync)));
    }

    [Fact]
    public void Call_BagArgument_ReceivesAllElementsAsOneList()
    {
        var bag = DBag.FromSequence(new[] { 3, 1, 4, 1, 5 }, npartitions: 2).Select(x => x * 2);

        var total = Delayed.Call(SumOf, bag);

        Assert.Equal(28, total.Compute(TestData.Sync));
    }

    private static string[] Words(string text) => text.Split(' ');

    private static int SumOf(List<int> items) => items.Sum();
}
