using MiniDask.Graph;

namespace MiniDask.Bag.Tests.Core;

public class DBagCreateTests
{
    [Fact]
    public void FromSequence_Npartitions_GivesExactlyThatManyNearEqualPartitions()
    {
        var bag = DBag.FromSequence(Enumerable.Range(0, 10), npartitions: 4);

        var parts = TestData.Sync.Get(bag.Graph, bag.OutputKeys).Cast<List<int>>().ToList();

        Assert.Equal(4, bag.PartitionCount);
        Assert.Equal([2, 3, 2, 3], parts.Select(p => p.Count));
        Assert.Equal(Enumerable.Range(0, 10), bag.Run());
    }

    [Fact]
    public void FromSequence_PartitionSize_ChunksBySize()
    {
        var bag = DBag.FromSequence(Enumerable.Range(0, 10), partitionSize: 4);

        Assert.Equal(3, bag.PartitionCount);
        Assert.Equal(Enumerable.Range(0, 10), bag.Run());
    }

    [Fact]
    public void FromSequence_NoSizeGiven_UsesAtMostHundredPartitions()
    {
        var bag = DBag.FromSequence(Enumerable.Range(0, 1001));

        Assert.Equal(91, bag.PartitionCount);
        Assert.Equal(1001, bag.Run().Count);
    }

    [Fact]
    public void FromSequence_EmptySequence_GivesOneEmptyPartition()
    {
        var bag = DBag.FromSequence(Array.Empty<string>());

        Assert.Equal(1, bag.PartitionCount);
        Assert.Empty(bag.Run());
    }

    [Fact]
    public void FromSequence_BothSizes_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => DBag.FromSequence([1, 2], npartitions: 1, partitionSize: 1));

        Assert.Contains("not both", e.Message);
    }

    [Fact]
    public void FromSequence_ZeroPartitions_ThrowsOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DBag.FromSequence([1, 2], npartitions: 0));
    }

    [Fact]
    public void FromSequence_SameItemsTwice_SameKeys()
    {
        var first = DBag.FromSequence(["a", "b", "c"], npartitions: 2);
        var second = DBag.FromSequence(["a", "b", "c"], npartitions: 2);
        var other = DBag.FromSequence(["a", "b", "d"], npartitions: 2);

        Assert.Equal(first.Name, second.Name);
        Assert.NotEqual(first.Name, other.Name);
    }

    [Fact]
    public void FromSequence_ItemsChangedAfterwards_BagKeepsCopy()
    {
        var items = new List<int> { 1, 2, 3 };
        var bag = DBag.FromSequence(items, npartitions: 2);

        items.Add(4);

        Assert.Equal([1, 2, 3], bag.Run());
    }

    [Theory]
    [InlineData(10, 3)]
    [InlineData(2, 5)]
    [InlineData(0, 2)]
    public void Range_AnySize_MatchesEnumerableRange(int n, int npartitions)
    {
        var bag = DBag.Range(n, npartitions);

        Assert.Equal(npartitions, bag.PartitionCount);
        Assert.Equal(Enumerable.Range(0, n), bag.Run());
    }

    [Fact]
    public void FromTasks_ArraysAndListsFromTasks_BecomePartitions()
    {
        OpRegistry.Register("bag-tests-make-array", static args => new[] { (int)args[0]!, (int)args[0]! + 1 });
        var keys = new[] { new Key("made", 0), new Key("made", 1) };
        var graph = TaskGraph.FromTasks(
            keys.Select((k, i) => KeyValuePair.Create(k, new DaskTask("bag-tests-make-array", TaskArg.Literal(i * 10)))), "made");

        var bag = DBag.FromTasks<int>(graph, keys);

        Assert.Equal([0, 1, 10, 11], bag.Run());
        Assert.Equal(22, bag.Sum().Run());
    }

    [Fact]
    public void FromTasks_TaskReturnsWrongType_FailsNamingTheKey()
    {
        OpRegistry.Register("bag-tests-make-text", static _ => "not a list");
        var key = new Key("text", 0);
        var graph = TaskGraph.FromTasks([KeyValuePair.Create(key, new DaskTask("bag-tests-make-text"))], "text");

        var e = Assert.Throws<TaskFailedException>(() => DBag.FromTasks<int>(graph, [key]).Run());

        Assert.IsType<InvalidCastException>(e.InnerException);
        Assert.Contains("('text', 0)", e.InnerException!.Message);
    }

    [Fact]
    public void FromTasks_KeyNotInGraph_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => DBag.FromTasks<int>(TaskGraph.Empty, [new Key("nope", 0)]));

        Assert.Contains("('nope', 0)", e.Message);
    }

    [Theory]
    [MemberData(nameof(TestData.IntDatasets), MemberType = typeof(TestData))]
    public void Concat_TwoBags_MatchesLinqConcat(string dataset)
    {
        var (items, bag) = TestData.Ints(dataset);
        var other = DBag.Range(4, 2);

        var result = bag.Concat(other);

        Assert.Equal(bag.PartitionCount + 2, result.PartitionCount);
        Assert.Equal(items.Concat(Enumerable.Range(0, 4)), result.Run());
    }

    [Fact]
    public void Concat_NoBags_Throws()
    {
        Assert.Throws<ArgumentException>(() => DBag.Concat<int>());
    }

    [Fact]
    public void Graph_AnyBag_HoldsNoDelegates()
    {
        var factor = 2;
        var bag = DBag.Range(10, 3).Select(x => x * factor).Where(static x => x > 3).Frequencies().TopK(2, static p => p.Count);

        var literals = bag.Graph.Values.SelectMany(t => t.Args).SelectMany(Literals).ToList();

        Assert.NotEmpty(literals);
        Assert.DoesNotContain(literals, v => v is Delegate);
    }

    private static IEnumerable<object?> Literals(TaskArg arg) => arg switch
    {
        LiteralArg l => [l.Value],
        ListArg list => list.Items.SelectMany(Literals),
        NestedArg nested => nested.Task.Args.SelectMany(Literals),
        _ => [],
    };
}
