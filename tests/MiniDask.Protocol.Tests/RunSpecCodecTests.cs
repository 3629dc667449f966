using MiniDask.Array.Serialization;
using MiniDask.Graph;
using MiniDask.Kernels;
using MiniDask.Protocol.Tests.Codecs;
using MiniDask.Protocol.Tests.TestSupport;

namespace MiniDask.Protocol.Tests;

public class RunSpecCodecTests
{
    public RunSpecCodecTests() => NDArrayCodec.Register();

    [Fact]
    public void Decode_EncodedTasks_EqualOriginalsStructurally()
    {
        var codec = new RunSpecCodec();
        foreach (var (key, task) in SampleTasks())
        {
            var spec = codec.Encode(task);

            TaskAssert.TasksEqual(task, RunSpecCodec.Decode(spec), key.ToString());
        }
    }

    public static TheoryData<object> SmallLiterals() =>
    [
        7, 7L, 7.5, 7.5f, true, "seven", new[] { 1, -2, int.MaxValue }, new[] { 1L, long.MinValue }, new[] { 0.5, double.NaN }, new[] { 1.5f, -0f }, System.Array.Empty<int>(),
    ];

    [Theory]
    [MemberData(nameof(SmallLiterals))]
    public void Decode_SmallLiteral_ComesBackWithItsExactTypeAndValueAndNoFrame(object value)
    {
        var spec = new RunSpecCodec().Encode(new DaskTask("op", TaskArg.Literal(value)));

        var decoded = ((LiteralArg)RunSpecCodec.Decode(spec).Args[0]).Value!;

        Assert.Empty(spec.Frames);
        Assert.IsType(value.GetType(), decoded);
        Assert.Equal(value, decoded);
    }

    [Fact]
    public void Encode_BlockLiteral_TravelsAsItsOwnBufferNotCopiedIntoTheHead()
    {
        var data = Enumerable.Range(0, 10_000).Select(i => (double)i).ToArray();
        var block = NDArray.FromArray(data, 100, 100);

        var spec = new RunSpecCodec().Encode(new DaskTask("from-array", TaskArg.Literal(block)));

        Assert.True(spec.Head.Length < 200, $"the head is {spec.Head.Length} bytes");
        Assert.Same(data, Assert.Single(spec.Frames).AsArray<double>());
        Assert.Equal(data, Assert.IsType<NDArray<double>>(((LiteralArg)RunSpecCodec.Decode(spec).Args[0]).Value).Data);
    }

    [Fact]
    public void Decode_FusedChainNested64Deep_RoundTrips()
    {
        var task = new DaskTask("inc", new Key("x"));
        for (var i = 0; i < 64; i++)
        {
            task = new DaskTask("inc", TaskArg.Nested(task));
        }

        TaskAssert.TasksEqual(task, RunSpecCodec.Decode(new RunSpecCodec().Encode(task)), "nested");
    }

    [Fact]
    public void ReadOwner_EncodedWithOwner_ReturnsItWithoutDecodingArguments()
    {
        var spec = new RunSpecCodec().Encode(new DaskTask("op", TaskArg.Literal("x")), owner: "client-7");

        Assert.Equal("client-7", RunSpecCodec.ReadOwner(spec));
        Assert.Equal("", RunSpecCodec.ReadOwner(new RunSpecCodec().Encode(new DaskTask("op"))));
    }

    [Fact]
    public void Encode_LiteralWithoutCodec_ThrowsNamingOpArgumentAndType()
    {
        var task = new DaskTask("apply", TaskArg.Literal(1), TaskArg.Literal(new WithCallback("n", () => { })));

        var error = Assert.Throws<NotSupportedException>(() => new RunSpecCodec().Encode(task));

        Assert.Contains("argument 1 of op 'apply'", error.Message);
        Assert.Contains(nameof(WithCallback), error.Message);
    }

    [Fact]
    public void Decode_LiteralReferringToMissingFrame_ThrowsProtocolException()
    {
        var spec = new RunSpecCodec().Encode(new DaskTask("op", TaskArg.Literal(Enumerable.Range(0, 1000).Select(i => (double)i).ToArray())));

        var error = Assert.Throws<ProtocolException>(() => RunSpecCodec.Decode(new RunSpec(spec.Head, [])));

        Assert.Contains("refers to frame", error.Message);
    }

    [Fact]
    public void Decode_SeededGarbageHeads_AlwaysThrowProtocolException()
    {
        var random = new Random(417);
        var valid = new RunSpecCodec().Encode(SampleTasks()[new Key("fused", 0)]).Head;
        for (var i = 0; i < 500; i++)
        {
            var head = (byte[])valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                head[random.Next(head.Length)] ^= (byte)random.Next(1, 256);
            }

            var spec = new RunSpec(random.Next(4) == 0 ? head[..random.Next(head.Length)] : head, []);
            try
            {
                RunSpecCodec.Decode(spec);
            }
            catch (ProtocolException)
            {
                // Refused, as it should be; a flip that leaves a valid head decodes.
            }
        }
    }

    internal static Dictionary<Key, DaskTask> SampleTasks() => new()
    {
        [new Key("block", 0)] = new("from-array", TaskArg.Literal(NDArray.FromArray(Enumerable.Range(0, 10_000).Select(i => (double)i).ToArray(), 100, 100))),
        [new Key("block", 1)] = new("from-array", TaskArg.Literal(NDArray.FromArray(new[] { 1, 2, 3, 4 }, 2, 2))),
        [new Key("const")] = new("identity", TaskArg.Literal(null), TaskArg.Literal(42L), TaskArg.Literal("text"), TaskArg.Literal(new[] { 1, 2 })),
        [new Key("record")] = new("identity", TaskArg.Literal(new Point(1, 2, "p")), TaskArg.Literal(new List<(string, long)> { ("a", 1) })),
        [new Key("big-header")] = new("identity", TaskArg.Literal(Enumerable.Range(0, 3000).Select(i => $"word {i}").ToList())),
        [new Key("add", 0)] = new("add", new Key("block", 0), TaskArg.Literal(1.5)),
        [new Key("fused", 0)] = new("neg", TaskArg.Nested(new DaskTask("add", new Key("add", 0), TaskArg.List([TaskArg.Literal(1), new Key("const")])))),
        [new Key("sum")] = new("sum", TaskArg.Refs([new Key("add", 0), new Key("fused", 0), new Key("block", 1)]), TaskArg.List([])),
    };
}
