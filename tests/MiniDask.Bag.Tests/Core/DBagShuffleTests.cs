using MiniDask.Graph;

namespace MiniDask.Bag.Tests.Core;

public class DBagShuffleTests
{
    [Theory]
    [MemberData(nameof(TestData.IntDatasets), MemberType = typeof(TestData))]
    public void GroupBy_AnyDataset_MatchesLinqGroupBy(string dataset)
    {
        var (items, bag) = TestData.Ints(dataset);

        var groups = bag.GroupBy(x => x % 7).Run();

        Assert.Equal(Expected(items, x => x % 7), groups.OrderBy(g => g.Key).Select(g => (g.Key, g.Items)));
    }

    [Theory]
    [InlineData(40, 4)]
    [InlineData(10, 3)]
    [InlineData(9, 3)]
    public void GroupBy_MorePartitionsThanMaxBranch_ShufflesInStagesKeepingOrder(int npartitions, int maxBranch)
    {
        var people = TestData.People(400, seed: 11);
        var bag = DBag.FromSequence(people, npartitions: npartitions);

        var grouped = bag.GroupBy(p => p.Age / 10, maxBranch);
        var splitTasks = grouped.Graph.Keys.Count(k => k.Name.StartsWith("shuffle-split-", StringComparison.Ordinal));

        Assert.True(grouped.PartitionCount >= npartitions);
        Assert.True(splitTasks >= 2 * npartitions, $"expected at least two stages, got {splitTasks} split tasks");
        Assert.Equal(Expected(people, p => p.Age / 10), grouped.Run().OrderBy(g => g.Key).Select(g => (g.Key, g.Items)));
    }

    [Fact]
    public void GroupBy_StringKeys_EachKeyInExactlyOnePartition()
    {
        var (lines, bag) = TestData.Words("text");

        var grouped = bag.SelectMany(l => l.Split(' ')).GroupBy(w => w);
        var parts = TestData.Sync.Get(grouped.Graph, grouped.OutputKeys).Cast<List<(string Key, List<string> Items)>>().ToList();

        var keys = parts.SelectMany(p => p.Select(g => g.Key)).ToList();
        Assert.Equal(keys.Distinct().Count(), keys.Count);
        Assert.Equal(lines.SelectMany(l => l.Split(' ')).Distinct().Order(), keys.Order());
    }

    [Fact]
    public void GroupBy_KeySelectorThrows_NamesPartitionAndElement()
    {
        var bag = DBag.FromSequence(new[] { 1, 2, 3, 0, 5 }, npartitions: 3);

        var e = Assert.Throws<TaskFailedException>(() => bag.GroupBy(x => 10 / x).Run());

        var inner = Assert.IsType<UserFunctionException>(e.InnerException);
        Assert.Equal(2, inner.Partition);
        Assert.Equal(0, inner.Element);
        Assert.Contains("partition 2, element 0 (0)", inner.Message);
    }

    [Fact]
    public void GroupBy_NullKey_FailsNamingPartition()
    {
        var bag = DBag.FromSequence(new string?[] { "a", null }, npartitions: 2);

        var e = Assert.Throws<TaskFailedException>(() => bag.GroupBy(w => w).Run());

        Assert.Contains("null key of element 0 of partition 1", e.InnerException!.Message);
    }

    [Fact]
    public void StableHash_Strings_SameAcrossCallsAndSpread()
    {
        var words = Enumerable.Range(0, 1000).Select(i => $"w{i}").ToList();

        var partitions = words.Select(w => StableHash.Partition(w, 8)).ToList();

        Assert.Equal(partitions, words.Select(w => StableHash.Partition(w, 8)));
        Assert.Equal(StableHash.Partition("hello", 1000), StableHash.Partition(new string("hello".ToCharArray()), 1000));
        Assert.All(Enumerable.Range(0, 8), p => Assert.InRange(partitions.Count(x => x == p), 80, 170));
    }

    private static IEnumerable<(TKey, List<T>)> Expected<T, TKey>(IEnumerable<T> items, Func<T, TKey> key) =>
        items.GroupBy(key).OrderBy(g => g.Key).Select(g => (g.Key, g.ToList()));
}
