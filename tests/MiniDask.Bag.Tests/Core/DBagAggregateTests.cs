using MiniDask.Graph;

namespace MiniDask.Bag.Tests.Core;

public class DBagAggregateTests
{
    public static TheoryData<string, int> DatasetsAndSplits()
    {
        var data = new TheoryData<string, int>();
        foreach (var dataset in TestData.IntDatasets)
        {
            data.Add(dataset, 2);
            data.Add(dataset, 8);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DatasetsAndSplits))]
    public void CountAndSum_AnyDataset_MatchLinq(string dataset, int splitEvery)
    {
        var (items, bag) = TestData.Ints(dataset);

        Assert.Equal(items.LongLength, bag.Count(splitEvery).Run());
        Assert.Equal(items.Sum(), bag.Sum(splitEvery).Run());
        Assert.Equal(items.Sum(x => (double)x), bag.Select(x => (double)x).Sum(splitEvery).Run(), 6);
    }

    [Fact]
    public void Sum_Overflow_FailsAsLinqDoes()
    {
        var bag = DBag.FromSequence([int.MaxValue, 1], npartitions: 1);

        var e = Assert.Throws<TaskFailedException>(() => bag.Sum().Run());

        Assert.IsType<OverflowException>(e.InnerException);
    }

    [Theory]
    [MemberData(nameof(DatasetsAndSplits))]
    public void MinMax_NonEmptyDataset_MatchLinq(string dataset, int splitEvery)
    {
        var (items, bag) = TestData.Ints(dataset);
        if (items.Length == 0)
        {
            Assert.Throws<InvalidOperationException>(() => bag.Min(splitEvery).Run());
            Assert.Throws<InvalidOperationException>(() => bag.Max(splitEvery).Run());
            return;
        }

        Assert.Equal(items.Min(), bag.Min(splitEvery).Run());
        Assert.Equal(items.Max(), bag.Max(splitEvery).Run());
    }

    [Fact]
    public void MinMax_NullableElements_IgnoreNullsAndGiveNullWhenNoneAsLinq()
    {
        string?[] words = [null, "pear", null, "apple", "quince"];
        var bag = DBag.FromSequence(words, npartitions: 3);
        var nulls = DBag.FromSequence(new string?[] { null, null }, npartitions: 2);

        Assert.Equal(words.Min(), bag.Min().Run());
        Assert.Equal(words.Max(), bag.Max().Run());
        Assert.Null(nulls.Min().Run());
        Assert.Null(DBag.FromSequence(Array.Empty<int?>()).Max().Run());
    }

    [Theory]
    [MemberData(nameof(DatasetsAndSplits))]
    public void MeanVarStd_AnyDataset_MatchLinqFormulas(string dataset, int splitEvery)
    {
        var (items, bag) = TestData.Ints(dataset);
        if (items.Length == 0)
        {
            Assert.Throws<InvalidOperationException>(() => bag.Mean(splitEvery).Run());
            Assert.Throws<InvalidOperationException>(() => bag.Var(splitEvery: splitEvery).Run());
            return;
        }

        var mean = items.Average();
        var squares = items.Sum(x => (x - mean) * (x - mean));

        Assert.Equal(mean, bag.Mean(splitEvery).Run(), 9);
        Assert.Equal(mean, bag.Average(splitEvery).Run(), 9);
        Assert.Equal(squares / items.Length, bag.Var(splitEvery: splitEvery).Run(), 6);
        Assert.Equal(Math.Sqrt(squares / items.Length), bag.Std(splitEvery: splitEvery).Run(), 6);
        if (items.Length > 1)
        {
            Assert.Equal(squares / (items.Length - 1), bag.Var(ddof: 1, splitEvery: splitEvery).Run(), 6);
        }
        else
        {
            Assert.True(double.IsNaN(bag.Var(ddof: 1).Run()));
        }
    }

    [Fact]
    public void Var_LargeOffset_StaysAccurate()
    {
        var items = TestData.RandomInts(1000, seed: 9).Select(x => 1e9 + x).ToArray();
        var mean = items.Average();
        var expected = items.Sum(x => (x - mean) * (x - mean)) / items.Length;

        Assert.Equal(expected, DBag.FromSequence(items, npartitions: 9).Var().Run(), 3);
    }

    [Theory]
    [MemberData(nameof(DatasetsAndSplits))]
    public void AnyAll_AnyDataset_MatchLinq(string dataset, int splitEvery)
    {
        var (items, bag) = TestData.Ints(dataset);

        Assert.Equal(items.Any(), bag.Any(splitEvery).Run());
        Assert.Equal(items.Any(x => x > 500), bag.Any(x => x > 500, splitEvery).Run());
        Assert.Equal(items.Any(x => x == 4), bag.Any(x => x == 4, splitEvery).Run());
        Assert.Equal(items.All(x => x > -1000), bag.All(x => x > -1000, splitEvery).Run());
        Assert.Equal(items.All(x => x > 0), bag.All(x => x > 0, splitEvery).Run());
    }

    [Theory]
    [MemberData(nameof(DatasetsAndSplits))]
    public void FoldAndAggregate_AnyDataset_MatchLinqAggregate(string dataset, int splitEvery)
    {
        var (items, bag) = TestData.Ints(dataset);

        Assert.Equal(
            items.Aggregate(0L, (acc, x) => acc + Math.Abs(x)),
            bag.Fold((long acc, int x) => acc + Math.Abs(x), (a, b) => a + b, 0L, splitEvery).Run());
        Assert.Equal(
            items.Aggregate(0L, (acc, x) => acc + x),
            bag.Aggregate(0L, (acc, x) => acc + x, (a, b) => a + b, splitEvery).Run());
        if (items.Length == 0)
        {
            Assert.Throws<InvalidOperationException>(() => bag.Fold((a, b) => Math.Max(a, b), splitEvery).Run());
            return;
        }

        Assert.Equal(items.Aggregate(Math.Max), bag.Fold((a, b) => Math.Max(a, b), splitEvery).Run());
        Assert.Equal(items.Aggregate((a, b) => a + b), bag.Aggregate((a, b) => a + b, splitEvery).Run());
    }

    [Theory]
    [MemberData(nameof(TestData.WordDatasets), MemberType = typeof(TestData))]
    public void Frequencies_AnyDataset_MatchLinqCountByInFirstOccurrenceOrder(string dataset)
    {
        var (lines, bag) = TestData.Words(dataset);
        var words = lines.SelectMany(l => l.Split(' ')).ToArray();
        var expected = words.CountBy(w => w).Select(kv => (kv.Key, (long)kv.Value)).ToList();

        var actual = bag.SelectMany(l => l.Split(' ')).Frequencies(splitEvery: 2);

        Assert.Equal(1, actual.PartitionCount);
        Assert.Equal(expected, actual.Run().Select(p => (p.Item, p.Count)));
    }

    [Fact]
    public void Frequencies_Sorted_OrdersByDescendingCountThenFirstOccurrence()
    {
        var bag = DBag.FromSequence(["b", "a", "c", "a", "c", "d"], npartitions: 3);

        var result = bag.Frequencies(sort: true).Run();

        Assert.Equal([("a", 2L), ("c", 2L), ("b", 1L), ("d", 1L)], result.Select(p => (p.Item, p.Count)));
    }

    [Fact]
    public void Frequencies_NullElement_FailsNamingPartition()
    {
        var bag = DBag.FromSequence(new string?[] { "a", "b", null }, npartitions: 3);

        var e = Assert.Throws<TaskFailedException>(() => bag.Frequencies().Run());

        Assert.Contains("partition 2", e.InnerException!.Message);
        Assert.Equal(2, e.Key[0]);
    }

    [Theory]
    [MemberData(nameof(DatasetsAndSplits))]
    public void TopK_AnyDataset_MatchesStableLinqOrdering(string dataset, int splitEvery)
    {
        var (items, bag) = TestData.Ints(dataset);
        var byAbsolute = bag.TopK(5, x => Math.Abs(x) % 10, splitEvery);

        Assert.Equal(items.OrderDescending().Take(5), bag.TopK(5, splitEvery).Run());
        Assert.Equal(items.OrderByDescending(x => Math.Abs(x) % 10).Take(5), byAbsolute.Run());
        Assert.Empty(bag.TopK(0).Run());
    }

    [Fact]
    public void TopK_TiedCounts_KeepsFirstOccurrenceOrder()
    {
        var bag = DBag.FromSequence(["x", "y", "z", "w", "y", "x", "w", "z"], npartitions: 4);

        var top = bag.Frequencies().TopK(3, p => p.Count).Run();

        Assert.Equal(["x", "y", "z"], top.Select(p => p.Item));
    }

    [Theory]
    [MemberData(nameof(DatasetsAndSplits))]
    public void Distinct_AnyDataset_MatchesLinqDistinct(string dataset, int splitEvery)
    {
        var (items, bag) = TestData.Ints(dataset);

        Assert.Equal(items.Distinct(), bag.Distinct(splitEvery).Run());
        Assert.Equal(items.DistinctBy(x => x % 5), bag.DistinctBy(x => x % 5, splitEvery).Run());
    }

    [Theory]
    [MemberData(nameof(DatasetsAndSplits))]
    public void FoldBy_AnyDataset_MatchesLinqGroupByAggregate(string dataset, int splitEvery)
    {
        var (items, bag) = TestData.Ints(dataset);
        var expected = items.GroupBy(x => x % 4).Select(g => (g.Key, g.Sum(x => (long)x))).ToList();

        var withInitial = bag.FoldBy(x => x % 4, (long acc, int x) => acc + x, 0L, (a, b) => a + b, splitEvery).Run();
        var withoutInitial = bag.FoldBy(x => x % 4, (a, b) => a + b, splitEvery).Run();

        Assert.Equal(expected, withInitial.Select(p => (p.Key, p.Value)));
        Assert.Equal(expected.Select(p => (p.Key, (int)p.Item2)), withoutInitial.Select(p => (p.Key, p.Value)));
    }

    [Fact]
    public void FoldBy_KeySelectorThrows_NamesPartitionAndElement()
    {
        var bag = DBag.FromSequence(["ab", "cd", "", "ef"], npartitions: 2);

        var e = Assert.Throws<TaskFailedException>(() => bag.FoldBy(w => w[0], (a, b) => a + b).Run());

        var inner = Assert.IsType<UserFunctionException>(e.InnerException);
        Assert.Equal(1, inner.Partition);
        Assert.Equal(0, inner.Element);
        Assert.Contains("partition 1, element 0 (\"\")", inner.Message);
        Assert.IsType<IndexOutOfRangeException>(inner.InnerException);
    }

    [Fact]
    public void FoldBy_CombineThrows_NamesTheKey()
    {
        var bag = DBag.FromSequence(["a", "a", "b", "a"], npartitions: 2);

        var e = Assert.Throws<TaskFailedException>(() =>
            bag.FoldBy(w => w, (int acc, string _) => acc + 1, 0, (x, y) => x + y == 3 ? throw new ArithmeticException("three") : x + y).Run());

        var inner = Assert.IsType<UserFunctionException>(e.InnerException);
        Assert.Null(inner.Partition);
        Assert.Contains("key \"a\"", inner.Message);
    }

    [Fact]
    public void Reduction_ManyPartitions_BuildsTreeOfSplitEvery()
    {
        var bag = DBag.Range(100, 20);

        var count = bag.Count(splitEvery: 4);
        var aggregateKeys = count.Graph.Keys.Where(k => k.Name.StartsWith("count-aggregate", StringComparison.Ordinal)).ToList();

        Assert.Equal(5 + 2 + 1, aggregateKeys.Count);
        Assert.Equal(100, count.Run());
        Assert.Throws<ArgumentOutOfRangeException>(() => bag.Count(splitEvery: 1));
    }
}
