using MiniDask.Graph.Codecs;
using MiniDask.Protocol.Tests.TestSupport;

namespace MiniDask.Protocol.Tests.Codecs;

public enum Colour
{
    Red,
    Green,
}

public sealed record Point(double X, double Y, string Label);

public sealed record Order(int Id, List<Point> Points, Colour Colour, decimal Price, DateTime At, int? Discount);

public sealed class MutablePoco
{
    public string Name { get; set; } = "";

    public long[] Counts { get; set; } = [];

    public Dictionary<string, double> Weights { get; set; } = [];
}

public class ValueCodecsTests
{
    public static TheoryData<object?> BuiltIns() => new()
    {
        null,
        true,
        false,
        0,
        -17,
        int.MaxValue,
        long.MinValue,
        3.5f,
        float.NegativeInfinity,
        Math.PI,
        double.MaxValue,
        "",
        "héllo wörld ✓ 𝄞",
        new string('x', 300),
        new byte[] { 0, 1, 255 },
        new int[] { 1, -2, 3 },
        new long[] { long.MaxValue, 0 },
        new float[] { 1.5f, -0f },
        new double[] { 1.0, double.NaN, -0.0, double.Epsilon },
        new int[0],
        new string?[] { "a", null, "c" },
        new object?[] { 1, "two", 3.0, null, new object?[] { 4L, new[] { 5, 6 } }, (7, "eight") },
        new List<string> { "a", "bb", "" },
        new List<int> { 1, 2, 3 },
        new List<double> { 0.5, double.NaN },
        new List<(string, long)> { ("a", 1), ("b", 2) },
        new List<(string, int, double)> { ("a", 1, 1.5) },
        new List<object?> { 1, "x", null },
        new List<List<string>> { new() { "a" }, new(), new() { "b", "c" } },
        new List<int?> { 1, null, 3 },
        new Dictionary<string, long> { ["a"] = 1, ["b"] = long.MaxValue },
        new Dictionary<int, List<string>> { [1] = ["x"], [2] = [] },
        (1, "one"),
        ("a", 2L, 3.0),
        (1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
        ValueTuple.Create("solo"),
        Tuple.Create("a", 1),
        Tuple.Create(1, 2, 3, 4, 5, 6, 7, 8),
        new Point(1, 2, "p"),
        Colour.Green,
        12.5m,
    };

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Decode_EncodedBuiltIn_EqualsOriginalWithSameType(object? value)
    {
        var decoded = Values.ThroughCodec(value);

        AssertSameValue(value, decoded);
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public async Task ReadValue_BuiltInThroughFrame_EqualsOriginalWithSameType(object? value)
    {
        var decoded = await Values.ThroughFrameAsync(value);

        AssertSameValue(value, decoded);
    }

    [Fact]
    public void Decode_SignedZeroAndNaNPayload_KeepsBits()
    {
        var nan = BitConverter.Int64BitsToDouble(0x7FF8_0000_DEAD_BEEF);

        var decoded = (double[])Values.ThroughCodec(new[] { -0.0, nan })!;

        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(decoded[0]));
        Assert.Equal(0x7FF8_0000_DEAD_BEEF, BitConverter.DoubleToInt64Bits(decoded[1]));
    }

    [Fact]
    public void Decode_RecordWithNestedListsEnumsAndNullable_EqualsOriginal()
    {
        var order = new Order(7, [new Point(1, 2, "a"), new Point(double.NaN, double.PositiveInfinity, "b")], Colour.Red, 9.99m, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), null);

        var decoded = Assert.IsType<Order>(Values.ThroughCodec(order));

        Assert.Equal(order.Id, decoded.Id);
        Assert.Equal(order.Points, decoded.Points);
        Assert.Equal(order.Colour, decoded.Colour);
        Assert.Equal(order.Price, decoded.Price);
        Assert.Equal(order.At, decoded.At);
        Assert.Null(decoded.Discount);
    }

    [Fact]
    public void Decode_MutablePoco_EqualsOriginal()
    {
        var poco = new MutablePoco { Name = "n", Counts = [1, 2], Weights = new() { ["w"] = 0.25 } };

        var decoded = Assert.IsType<MutablePoco>(Values.ThroughCodec(poco));

        Assert.Equal(poco.Name, decoded.Name);
        Assert.Equal(poco.Counts, decoded.Counts);
        Assert.Equal(poco.Weights, decoded.Weights);
    }

    [Fact]
    public void Encode_Record_MessagePackMapByMemberNameAfterAssemblyQualifiedTypeName()
    {
        var encoded = ValueCodecs.Encode(new Point(1, 2, "p"));

        Assert.Equal("msgpack", encoded.Tag);
        var reader = new ValueReader(encoded.Header, []);
        Assert.Equal("", reader.ReadString());
        Assert.Equal(typeof(Point).AssemblyQualifiedName, reader.ReadString());
        var map = reader.ReadBytes(reader.ReadCount()).ToArray();
        Assert.Equal("{\"X\":1,\"Y\":2,\"Label\":\"p\"}", MessagePack.MessagePackSerializer.ConvertToJson(map));
    }

    [Fact]
    public void Encode_ListOfStringLongPairs_WritesNoPerElementTags()
    {
        var pairs = Enumerable.Range(0, 10_000).Select(i => ($"word{i % 100:00}", (long)i)).ToList();

        var encoded = ValueCodecs.Encode(pairs);

        // Per pair: a null flag, a one-byte length, 6 bytes of text and 8 bytes of long.
        Assert.InRange(encoded.Header.Length, pairs.Count * 16, (pairs.Count * 16) + 64);
        Assert.Equal(pairs, ValueCodecs.Decode(encoded));
    }

    [Fact]
    public void Encode_LargeDoubleArray_SendsArrayItselfAsSegment()
    {
        var data = Enumerable.Range(0, 100_000).Select(i => (double)i).ToArray();

        var encoded = ValueCodecs.Encode(data);

        var segment = Assert.Single(encoded.Segments);
        Assert.Equal(PayloadElementType.Double, segment.ElementType);
        Assert.Same(data, segment.AsArray<double>());
        Assert.True(encoded.Header.Length < 16);
    }

    [Fact]
    public void Encode_SmallIntArray_CopiesIntoHeaderWithoutSegment()
    {
        var encoded = ValueCodecs.Encode(new[] { 1, 2, 3 });

        Assert.Empty(encoded.Segments);
        Assert.Equal(new[] { 1, 2, 3 }, ValueCodecs.Decode(encoded));
    }

    [Fact]
    public void Encode_ObjectArrayContainingItself_RefusesWithCycleMessage()
    {
        var cycle = new object?[1];
        cycle[0] = cycle;

        var error = Assert.Throws<NotSupportedException>(() => ValueCodecs.Encode(cycle));

        Assert.Contains("contains itself", error.Message);
    }

    [Fact]
    public void Decode_TruncatedHeader_ThrowsInvalidData()
    {
        var encoded = ValueCodecs.Encode(new List<string> { "abc", "def" });

        Assert.Throws<InvalidDataException>(() => ValueCodecs.Decode(encoded.Tag, encoded.Header[..^2], encoded.Segments));
    }

    [Fact]
    public void Decode_TrailingBytes_ThrowsInvalidData()
    {
        var encoded = ValueCodecs.Encode(42);
        var longer = encoded.Header.ToArray().Concat(new byte[] { 0 }).ToArray();

        var error = Assert.Throws<InvalidDataException>(() => ValueCodecs.Decode(encoded.Tag, longer, []));

        Assert.Contains("unread", error.Message);
    }

    [Fact]
    public void Decode_HugeClaimedCount_ThrowsInvalidDataBeforeAllocating()
    {
        // A list of strings claiming int.MaxValue items in a 10-byte header.
        var header = new byte[] { 3, (byte)'s', (byte)'t', (byte)'r', 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 1 };
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<InvalidDataException>(() => ValueCodecs.Decode("list", header, []));

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000);
        Assert.Contains("does not fit", error.Message);
    }

    [Fact]
    public void Decode_UnknownTag_NamesTag()
    {
        var error = Assert.Throws<InvalidDataException>(() => ValueCodecs.Decode("no-such-codec", ReadOnlyMemory<byte>.Empty, []));

        Assert.Contains("'no-such-codec'", error.Message);
    }

    [Fact]
    public void Decode_MessagePackTagNamingDelegateType_Refuses()
    {
        var writer = new ValueWriter();
        writer.WriteString("");
        writer.WriteString(typeof(Action).AssemblyQualifiedName!);
        writer.WriteCount(1);
        writer.WriteBytes([0x80]);

        var error = Assert.Throws<InvalidDataException>(() => ValueCodecs.Decode("msgpack", writer.Written, []));

        Assert.Contains("System.Action", error.Message);
    }

    [Fact]
    public void Register_SecondCodecWithSameTag_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ValueCodecs.Register(new ClashingCodec()));

        Assert.Contains("'str'", error.Message);
    }

    [Fact]
    public void ForType_String_ReturnsCodecWhoseTagDecodes()
    {
        var codec = ValueCodecs.ForType(typeof(string));

        Assert.Same(codec, ValueCodecs.ForTag(codec.Tag));
    }

    private static void AssertSameValue(object? expected, object? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }

        Assert.NotNull(actual);
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected, actual);
    }

    private sealed class ClashingCodec : ValueCodec<Guid>
    {
        public override string Tag => "str";

        public override void Write(ValueWriter writer, Guid value) => writer.WriteBytes(value.ToByteArray());

        public override Guid Read(ValueReader reader) => new(reader.ReadBytes(16));
    }
}
