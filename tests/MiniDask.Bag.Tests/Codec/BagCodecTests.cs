namespace MiniDask.Bag.Tests.Codec;

public class BagCodecTests
{
    [Fact]
    public void EncodePartition_Strings_RoundTripIncludingNullAndUnicode()
    {
        string?[] items = ["", "plain", null, "héllo wörld ✓", new string('x', 10_000)];

        var decoded = BagCodec.DecodePartition<string?>(BagCodec.EncodePartition(items));

        Assert.Equal(items, decoded);
    }

    [Fact]
    public void EncodePartition_Primitives_RoundTripAsRawBytes()
    {
        var when = new DateTime(2024, 2, 29, 13, 14, 15, DateTimeKind.Utc);

        Assert.Equal([1, -2, int.MaxValue], BagCodec.DecodePartition<int>(BagCodec.EncodePartition([1, -2, int.MaxValue])));
        Assert.Equal([0.5, double.NaN], BagCodec.DecodePartition<double>(BagCodec.EncodePartition([0.5, double.NaN])));
        Assert.Equal([DayOfWeek.Friday], BagCodec.DecodePartition<DayOfWeek>(BagCodec.EncodePartition([DayOfWeek.Friday])));
        Assert.Equal([when], BagCodec.DecodePartition<DateTime>(BagCodec.EncodePartition([when])));
        Assert.Equal(4 + 4 + (3 * sizeof(int)), BagCodec.EncodePartition([1, 2, 3]).Length);
    }

    [Fact]
    public void EncodePartition_Tuples_RoundTripNatively()
    {
        var pairs = new List<(string, long)> { ("alpha", 3), ("beta", 1) };
        var triples = new List<(int, string, Person)> { (1, "x", new Person("Ann", 30, "Oslo")) };
        var classTuples = new List<Tuple<int, string>?> { Tuple.Create(1, "one"), null };

        Assert.Equal(pairs, BagCodec.DecodePartition<(string, long)>(BagCodec.EncodePartition(pairs)));
        Assert.Equal(triples, BagCodec.DecodePartition<(int, string, Person)>(BagCodec.EncodePartition(triples)));
        Assert.Equal(classTuples, BagCodec.DecodePartition<Tuple<int, string>?>(BagCodec.EncodePartition(classTuples)));
    }

    [Fact]
    public void EncodePartition_Records_RoundTripThroughMessagePack()
    {
        var people = TestData.People(50, seed: 4);
        var nested = new List<Team> { new("red", [people[0], people[1]], new Dictionary<string, int> { ["wins"] = 3 }) };

        Assert.Equal(people, BagCodec.DecodePartition<Person>(BagCodec.EncodePartition(people)));
        var team = Assert.Single(BagCodec.DecodePartition<Team>(BagCodec.EncodePartition(nested)));
        Assert.Equal(nested[0].Members, team.Members);
        Assert.Equal(3, team.Stats["wins"]);
    }

    [Fact]
    public void EncodePartition_GroupByAndLongerTuples_RoundTrip()
    {
        var groups = new List<(string Key, List<Person> Items)> { ("Oslo", [new Person("Ann", 30, "Oslo")]) };
        var wide = new List<(int, int, int, int)> { (1, 2, 3, 4) };

        var decoded = Assert.Single(BagCodec.DecodePartition<(string Key, List<Person> Items)>(BagCodec.EncodePartition(groups)));

        Assert.Equal("Oslo", decoded.Key);
        Assert.Equal(groups[0].Items, decoded.Items);
        Assert.Equal(wide, BagCodec.DecodePartition<(int, int, int, int)>(BagCodec.EncodePartition(wide)));
    }

    [Fact]
    public void EncodePartition_RecordStructsAndPairs_RoundTrip()
    {
        var points = new List<Point> { new(1, 2), new(-3, 4) };
        var pairs = new List<KeyValuePair<string, Point>> { new("a", new(5, 6)) };

        Assert.True(BagCodec.IsSerializable(typeof(Point), out _));
        Assert.True(BagCodec.IsSerializable(typeof(KeyValuePair<string, Point>), out _));
        Assert.Equal(points, BagCodec.DecodePartition<Point>(BagCodec.EncodePartition(points)));
        Assert.Equal(pairs, BagCodec.DecodePartition<KeyValuePair<string, Point>>(BagCodec.EncodePartition(pairs)));
    }

    [Fact]
    public void DecodePartition_Garbage_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => BagCodec.DecodePartition<int>([1, 2, 3]));
        var truncated = BagCodec.EncodePartition(["abc", "def"])[..^2];
        Assert.Throws<InvalidDataException>(() => BagCodec.DecodePartition<string>(truncated));
    }

    [Theory]
    [InlineData(typeof(string))]
    [InlineData(typeof(int))]
    [InlineData(typeof(DayOfWeek))]
    [InlineData(typeof(Person))]
    [InlineData(typeof((string, long)))]
    [InlineData(typeof(List<Person>))]
    [InlineData(typeof(Dictionary<string, List<int>>))]
    [InlineData(typeof(Team))]
    [InlineData(typeof(int?[]))]
    [InlineData(typeof(Mutable))]
    public void EnsureSerializable_SupportedTypes_Pass(Type type)
    {
        BagCodec.EnsureSerializable(type);

        Assert.True(BagCodec.IsSerializable(type, out var reason));
        Assert.Null(reason);
    }

    [Theory]
    [InlineData(typeof(object), "Object")]
    [InlineData(typeof(WithHandle), "WithHandle.Handle")]
    [InlineData(typeof(WithCallback), "WithCallback.Callback")]
    [InlineData(typeof(ReadOnlyExtra), "ReadOnlyExtra.Extra is read-only")]
    [InlineData(typeof(List<WithHandle>), "Handle")]
    [InlineData(typeof((int, Stream)), "Item2")]
    [InlineData(typeof(IComparable), "interface")]
    [InlineData(typeof(Dictionary<Person, int>), "keyed by")]
    [InlineData(typeof(NoConstructor), "constructor")]
    public void EnsureSerializable_UnsupportedTypes_ThrowNamingTypeAndMember(Type type, string expected)
    {
        var e = Assert.Throws<UnserializableTypeException>(() => BagCodec.EnsureSerializable(type));

        Assert.Equal(type, e.Type);
        Assert.Contains(type.ToString(), e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void EnsureDistributable_IntermediateUnserializableType_ThrowsNamingIt()
    {
        var bag = DBag.Range(3, 1).Select(static x => new WithHandle(x, IntPtr.Zero)).Select(static h => h.Id);

        var e = Assert.Throws<UnserializableTypeException>(bag.EnsureDistributable);

        Assert.Equal(typeof(WithHandle), e.Type);
        Assert.Equal([0, 1, 2], bag.Run());
    }

    [Fact]
    public void EncodePartition_UnserializableType_Throws()
    {
        Assert.Throws<UnserializableTypeException>(() => BagCodec.EncodePartition([new WithHandle(1, IntPtr.Zero)]));
    }

    public readonly record struct Point(int X, int Y);

    public sealed record Team(string Name, List<Person> Members, Dictionary<string, int> Stats);

    public sealed record WithHandle(int Id, IntPtr Handle);

    public sealed record WithCallback(int Id, Func<int, int> Callback);

    public sealed class Mutable
    {
        public int Count { get; set; }

        public string? Label { get; set; }
    }

    public sealed class ReadOnlyExtra(int value)
    {
        public int Value { get; } = value;

        public int Extra { get; } = value * 2;
    }

    public sealed class NoConstructor
    {
        public NoConstructor(int x) => A = x;

        public NoConstructor(int x, int y) => A = x + y;

        public int A { get; set; }
    }
}
