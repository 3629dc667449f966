using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using MessagePack;
using MessagePack.Resolvers;
using MiniDask.Graph.Codecs;
using MiniDask.Protocol.Tests.TestSupport;

namespace MiniDask.Protocol.Tests.Codecs;

[MessagePackObject]
public sealed class Reading
{
    [Key(0)]
    public string Station { get; set; } = "";

    [Key(2)]
    public double Celsius { get; set; }

    [IgnoreMember]
    public double Fahrenheit => (Celsius * 9 / 5) + 32;
}

[MessagePackObject(keyAsPropertyName: true)]
public sealed record Named(string Title, int Pages);

public sealed record Nested(string Name, List<Point> Points, Dictionary<string, Order> ByName, (int, Point?) Pair, Colour[] Colours, int? Missing);

public readonly record struct Cell(int Row, int Column);

public sealed class UserTypeCodecTests
{
    private static readonly MessagePackSerializerOptions Contractless = ContractlessStandardResolver.Options;

    [Fact]
    public void Decode_NestedRecordsCollectionsAndTuples_EqualTheOriginal()
    {
        var when = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        var order = new Order(7, [new Point(1, 2, "a")], Colour.Green, 12.5m, when, null);
        var value = new Nested("n", [new Point(3, 4, "b"), new Point(-1, 0.5, "")], new() { ["o"] = order }, (5, new Point(0, 0, "p")), [Colour.Red, Colour.Green], null);

        var decoded = Assert.IsType<Nested>(Values.ThroughCodec(value));

        Assert.Equal(value.Name, decoded.Name);
        Assert.Equal(value.Points, decoded.Points);
        var back = decoded.ByName["o"];
        Assert.Equal((order.Id, order.Colour, order.Price, order.At, order.At.Kind, order.Discount), (back.Id, back.Colour, back.Price, back.At, back.At.Kind, back.Discount));
        Assert.Equal(order.Points, back.Points);
        Assert.Equal(value.Pair, decoded.Pair);
        Assert.Equal(value.Colours, decoded.Colours);
        Assert.Null(decoded.Missing);
    }

    [Fact]
    public void Encode_ContractlessRecord_MessagePackCSharpReadsIt()
    {
        var point = new Point(1.5, -2, "q");

        var back = MessagePackSerializer.Deserialize<Point>(Body(ValueCodecs.Encode(point)), Contractless);

        Assert.Equal(point, back);
    }

    [Fact]
    public void Decode_WrittenByMessagePackCSharp_ContractlessAndContract_Read()
    {
        var point = new Point(3, 4, "from MessagePack-CSharp");
        var reading = new Reading { Station = "x", Celsius = 21.5 };
        var named = new Named("Dask", 250);

        Assert.Equal(point, Decode<Point>(MessagePackSerializer.Serialize(point, Contractless)));
        var readBack = Decode<Reading>(MessagePackSerializer.Serialize(reading, StandardResolver.Options));
        Assert.Equal(("x", 21.5), (readBack.Station, readBack.Celsius));
        Assert.Equal(named, Decode<Named>(MessagePackSerializer.Serialize(named, StandardResolver.Options)));
        Assert.Equal(new Cell(2, 3), Decode<Cell>(MessagePackSerializer.Serialize(new Cell(2, 3), Contractless)));
    }

    [Fact]
    public void Encode_MessagePackObjectWithIntKeys_IsAnArrayByKey()
    {
        var encoded = ValueCodecs.Encode(new Reading { Station = "s", Celsius = 1 });

        Assert.Equal("[\"s\",null,1]", MessagePackSerializer.ConvertToJson(Body(encoded)));
    }

    [Fact]
    public void Decode_TruncatedOrCorrupted_ThrowsInvalidDataException()
    {
        var encoded = ValueCodecs.Encode(new Nested("n", [new Point(1, 2, "x")], [], (1, null), [], 3));
        var random = new Random(99);
        for (var i = 0; i < 300; i++)
        {
            var header = encoded.Header.ToArray();
            header[random.Next(header.Length)] ^= (byte)random.Next(1, 256);
            try
            {
                ValueCodecs.Decode(encoded.Tag, random.Next(3) == 0 ? header[..random.Next(header.Length)] : header, encoded.Segments);
            }
            catch (InvalidDataException)
            {
                // Refused; a flip may also leave a valid value.
            }
        }
    }

    [Fact]
    public void Encode_TypeInCollectibleContext_RoundTripsThereAndTheContextUnloads()
    {
        var unloaded = RoundTripInCollectibleContext(out var decodedLabel);

        Assert.Equal("collectible", decodedLabel);
        for (var i = 0; i < 20 && unloaded.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(unloaded.IsAlive, "the value codecs kept the unloaded context alive");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference RoundTripInCollectibleContext(out string label)
    {
        var context = new AssemblyLoadContext("user-types-test", isCollectible: true);
        var assembly = context.LoadFromStream(new MemoryStream(File.ReadAllBytes(typeof(Point).Assembly.Location)));
        var pointType = assembly.GetType(typeof(Point).FullName!)!;
        var listType = typeof(List<>).MakeGenericType(pointType);
        var points = (System.Collections.IList)Activator.CreateInstance(listType)!;
        points.Add(Activator.CreateInstance(pointType, 1.0, 2.0, "collectible"));

        using (context.EnterContextualReflection())
        {
            var decoded = (System.Collections.IList)ValueCodecs.Decode(ValueCodecs.Encode(points))!;
            Assert.Same(pointType, decoded[0]!.GetType());
            label = (string)pointType.GetProperty(nameof(Point.Label))!.GetValue(decoded[0])!;
            Assert.True(ValueCodecs.IsSerializable(pointType, out _));
        }

        context.Unload();
        return new WeakReference(context);
    }

    private static T Decode<T>(byte[] body)
    {
        var writer = new ValueWriter();
        writer.WriteString("");
        writer.WriteString(typeof(T).AssemblyQualifiedName!);
        writer.WriteCount(body.Length);
        writer.WriteBytes(body);
        return Assert.IsType<T>(ValueCodecs.Decode("msgpack", writer.Written, []));
    }

    private static byte[] Body(EncodedValue encoded)
    {
        var reader = new ValueReader(encoded.Header, []);
        reader.ReadString();
        reader.ReadString();
        return reader.ReadBytes(reader.ReadCount()).ToArray();
    }
}
