using MiniDask.Graph;

namespace MiniDask.Bag.Tests.Core;

public class DBagTransformTests
{
    [Theory]
    [MemberData(nameof(TestData.IntDatasets), MemberType = typeof(TestData))]
    public void Select_AnyDataset_MatchesLinq(string dataset)
    {
        var (items, bag) = TestData.Ints(dataset);

        Assert.Equal(items.Select(x => (x * 3) + 1), bag.Select(x => (x * 3) + 1).Run());
        Assert.Equal(items.Select(x => x.ToString()), bag.Map(x => x.ToString()).Run());
    }

    [Theory]
    [MemberData(nameof(TestData.IntDatasets), MemberType = typeof(TestData))]
    public void Where_AnyDataset_MatchesLinq(string dataset)
    {
        var (items, bag) = TestData.Ints(dataset);

        Assert.Equal(items.Where(x => x % 2 == 0), bag.Where(x => x % 2 == 0).Run());
        Assert.Equal(items.Where(x => x > 1000), bag.Filter(x => x > 1000).Run());
    }

    [Theory]
    [MemberData(nameof(TestData.WordDatasets), MemberType = typeof(TestData))]
    public void SelectMany_AnyDataset_MatchesLinq(string dataset)
    {
        var (lines, bag) = TestData.Words(dataset);

        Assert.Equal(lines.SelectMany(l => l.Split(' ')), bag.SelectMany(l => l.Split(' ')).Run());
        Assert.Equal(lines.SelectMany(l => l.Split(' ').ToList()), bag.SelectMany(l => l.Split(' ').ToList()).Run());
    }

    [Theory]
    [MemberData(nameof(TestData.WordDatasets), MemberType = typeof(TestData))]
    public void QuerySyntax_FromFromWhereSelect_MatchesLinq(string dataset)
    {
        var (lines, bag) = TestData.Words(dataset);

        var expected = from line in lines from w in line.Split(' ') where w.Length > 3 select w;
        var actual = from line in bag from w in line.Split(' ') where w.Length > 3 select w;

        Assert.Equal(expected, actual.Run());
    }

    [Fact]
    public void QuerySyntax_GroupAndJoin_MatchLinq()
    {
        var people = TestData.People(60, seed: 5);
        var bag = DBag.FromSequence(people, npartitions: 4);
        var countries = new[] { ("Oslo", "Norway"), ("Lima", "Peru"), ("Kobe", "Japan"), ("Kobe", "Nippon") };

        var joined = from p in bag join c in countries on p.City equals c.Item1 select p.Name + "/" + c.Item2;
        var expectedJoined = from p in people join c in countries on p.City equals c.Item1 select p.Name + "/" + c.Item2;
        var grouped = from p in bag group p by p.City;

        Assert.Equal(expectedJoined, joined.Run());
        Assert.Equal(
            people.GroupBy(p => p.City).OrderBy(g => g.Key).Select(g => (g.Key, g.ToList())),
            grouped.Run().OrderBy(g => g.Key).Select(g => (g.Key, g.Items)));
    }

    [Theory]
    [MemberData(nameof(TestData.WordDatasets), MemberType = typeof(TestData))]
    public void Flatten_ArraysListsAndSequences_MatchLinqSelectMany(string dataset)
    {
        var (lines, bag) = TestData.Words(dataset);
        var expected = lines.SelectMany(l => l.Split(' '));

        Assert.Equal(expected, bag.Select(l => l.Split(' ')).Flatten().Run());
        Assert.Equal(expected, bag.Select(l => l.Split(' ').ToList()).Flatten().Run());
        Assert.Equal(expected, bag.Select(l => (IEnumerable<string>)l.Split(' ')).Flatten().Run());
    }

    [Theory]
    [MemberData(nameof(TestData.IntDatasets), MemberType = typeof(TestData))]
    public void MapPartitions_SumPerPartition_MatchesPartitionSums(string dataset)
    {
        var (items, bag) = TestData.Ints(dataset);

        var sums = bag.MapPartitions(part => new[] { part.Sum() }).Run();

        Assert.Equal(bag.PartitionCount, sums.Count);
        Assert.Equal(items.Sum(), sums.Sum());
    }

    [Fact]
    public void MapPartitions_FunctionThrows_NamesThePartition()
    {
        var bag = DBag.Range(9, 3).MapPartitions(part => part.Contains(4) ? throw new InvalidOperationException("boom") : part);

        var e = Assert.Throws<TaskFailedException>(() => bag.Run());

        var inner = Assert.IsType<UserFunctionException>(e.InnerException);
        Assert.Equal(1, inner.Partition);
        Assert.Contains("partition 1", inner.Message);
    }

    [Fact]
    public void Pluck_RecordMemberAndTupleIndex_MatchLinqSelect()
    {
        var people = TestData.People(30, seed: 1);
        var bag = DBag.FromSequence(people, npartitions: 4);
        var pairs = bag.Select(p => (p.Name, p.Age));

        Assert.Equal(people.Select(p => p.City), bag.Pluck<string>("City").Run());
        Assert.Equal(people.Select(p => p.Name.Length), bag.Pluck<int>("Name.Length").Run());
        Assert.Equal(people.Select(p => p.Age), pairs.Pluck<int>(1).Run());
        Assert.Equal(people.Select(p => (object)p.Age), pairs.Pluck<object>(1).Run());
    }

    [Fact]
    public void Pluck_EighthTupleElement_ReadsThroughRest()
    {
        var bag = DBag.FromSequence([(1, 2, 3, 4, 5, 6, 7, 8, 9)], npartitions: 1);

        Assert.Equal([8], bag.Pluck<int>(7).Run());
    }

    [Fact]
    public void Pluck_MissingMember_ThrowsNamingAvailableMembers()
    {
        var bag = DBag.FromSequence(TestData.People(3, seed: 1), npartitions: 1);

        var e = Assert.Throws<ArgumentException>(() => bag.Pluck<string>("Town"));

        Assert.Contains("Town", e.Message);
        Assert.Contains("City", e.Message);
    }

    [Fact]
    public void Pluck_WrongResultType_Throws()
    {
        var bag = DBag.FromSequence(TestData.People(3, seed: 1), npartitions: 1);

        var e = Assert.Throws<ArgumentException>(() => bag.Pluck<int>("Name"));

        Assert.Contains("String", e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(20)]
    public void Repartition_AnyCount_KeepsElementsInOrder(int npartitions)
    {
        var (items, bag) = TestData.Ints("random");

        var result = bag.Repartition(npartitions);
        var parts = TestData.Sync.Get(result.Graph, result.OutputKeys).Cast<List<int>>().ToList();

        Assert.Equal(npartitions, result.PartitionCount);
        Assert.Equal(items, result.Run());
        Assert.All(parts, p => Assert.InRange(p.Count, items.Length / npartitions / 2, items.Length));
    }

    [Fact]
    public void Repartition_EmptyBag_StaysEmpty()
    {
        var (_, bag) = TestData.Ints("empty");

        Assert.Empty(bag.Repartition(5).Run());
        Assert.Empty(bag.Repartition(1).Run());
    }

    [Theory]
    [MemberData(nameof(TestData.IntDatasets), MemberType = typeof(TestData))]
    public void Zip_SamePartitioning_MatchesLinqZip(string dataset)
    {
        var (items, bag) = TestData.Ints(dataset);
        var doubled = bag.Select(x => x * 2);

        Assert.Equal(items.Zip(items.Select(x => x * 2)), bag.Zip(doubled).Run().Select(p => (p.First, p.Second)));
        Assert.Equal(items.Zip(items, (a, b) => a - b), bag.Zip(bag, (a, b) => a - b).Run());
    }

    [Fact]
    public void Zip_DifferentPartitionCounts_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => DBag.Range(4, 2).Zip(DBag.Range(4, 3)));

        Assert.Contains("2", e.Message);
        Assert.Contains("3", e.Message);
    }

    [Fact]
    public void Zip_DifferentPartitionLengths_FailsNamingThePartition()
    {
        var zipped = DBag.Range(4, 2).Zip(DBag.Range(5, 2));

        var e = Assert.Throws<TaskFailedException>(() => zipped.Run());

        Assert.Contains("partition 1", e.InnerException!.Message);
    }

    [Theory]
    [MemberData(nameof(TestData.IntDatasets), MemberType = typeof(TestData))]
    public void Join_WithInMemorySequence_MatchesLinqJoin(string dataset)
    {
        var (items, bag) = TestData.Ints(dataset);
        var inner = Enumerable.Range(-20, 60).Select(i => (Key: i % 17, Label: $"l{i}")).ToArray();

        var expected = items.Join(inner, x => x % 17, o => o.Key, (x, o) => $"{x}:{o.Label}");
        var actual = bag.Join(inner, x => x % 17, o => o.Key, (x, o) => $"{x}:{o.Label}");

        Assert.Equal(expected, actual.Run());
    }

    [Fact]
    public void Join_NullKeys_MatchNothingAsInLinq()
    {
        string?[] outer = ["a", null, "b"];
        string?[] inner = [null, "a", "a"];
        var bag = DBag.FromSequence(outer, npartitions: 2);

        var expected = outer.Join(inner, x => x, y => y, (x, y) => x + "=" + y);

        Assert.Equal(expected, bag.Join(inner, x => x, y => y, (x, y) => x + "=" + y).Run());
    }

    [Fact]
    public void Select_SameStaticFunctionTwice_SameKeys()
    {
        var first = DBag.Range(10, 2).Select(Square);
        var second = DBag.Range(10, 2).Select(Square);

        Assert.Equal(first.Name, second.Name);
    }

    [Fact]
    public void Select_CapturingLambdasWithDifferentValues_GiveDifferentResults()
    {
        var bags = Enumerable.Range(1, 2).Select(factor => DBag.Range(3, 1).Select(x => x * factor)).ToList();

        Assert.NotEqual(bags[0].Name, bags[1].Name);
        Assert.Equal([0, 1, 2], bags[0].Run());
        Assert.Equal([0, 2, 4], bags[1].Run());
    }

    private static int Square(int x) => x * x;
}
