using MiniDask.Array.Serialization;
using MiniDask.Graph;
using MiniDask.Kernels;
using MiniDask.Protocol.Messages;
using MiniDask.Protocol.Tests.Codecs;
using MiniDask.Protocol.Tests.TestSupport;

namespace MiniDask.Protocol.Tests;

public class GraphCodecTests
{
    public GraphCodecTests() => NDArrayCodec.Register();

    [Fact]
    public async Task ReadUpdateGraph_GraphSentOverComm_EqualsOriginalStructurally()
    {
        var graph = SampleGraph();
        var priorities = graph.Keys.Select((k, i) => (k, (long)i)).ToDictionary(p => p.k, p => p.Item2);
        var wanted = new[] { new Key("sum") };
        var (left, right) = Comm.CreatePair();
        await using var _ = left;
        await using var __ = right;

        await left.SendAsync(GraphCodec.UpdateGraph(graph, wanted, priorities, client: "c1"));
        var received = await right.ReceiveAsync();
        var decoded = GraphCodec.ReadUpdateGraph(received);

        TaskAssert.GraphsEqual(graph, decoded.Graph);
        Assert.Equal(wanted, decoded.Wanted);
        Assert.Equal(priorities, decoded.Priorities);
        Assert.Equal("c1", received.Envelope.UpdateGraph.Client);
    }

    [Fact]
    public async Task DecodeGraph_FusedChainNested64Deep_RoundTrips()
    {
        var task = new DaskTask("inc", new Key("x"));
        for (var i = 0; i < 64; i++)
        {
            task = new DaskTask("inc", TaskArg.Nested(task));
        }

        var graph = TaskGraph.FromTasks(new Dictionary<Key, DaskTask> { [new Key("x")] = new("const", TaskArg.Literal(1)), [new Key("y")] = task });
        var message = GraphCodec.UpdateGraph(graph, []);

        var bytes = await Values.FrameBytesAsync(message);
        var received = await FrameCodec.ReadAsync(new MemoryStream(bytes), FrameLimits.Default);

        TaskAssert.GraphsEqual(graph, GraphCodec.ReadUpdateGraph(received!).Graph);
    }

    [Fact]
    public void EncodeTask_LiteralWithoutCodec_ThrowsNamingKeyOpAndType()
    {
        var graph = TaskGraph.FromTasks(new Dictionary<Key, DaskTask> { [new Key("bad", 3)] = new("apply", TaskArg.Literal(new WithCallback("n", () => { }))) });

        var error = Assert.Throws<NotSupportedException>(() => GraphCodec.UpdateGraph(graph, []));

        Assert.Contains("('bad', 3)", error.Message);
        Assert.Contains("'apply'", error.Message);
        Assert.Contains(nameof(WithCallback), error.Message);
    }

    [Fact]
    public void DecodeTask_KeyWithoutName_ThrowsProtocolException()
    {
        var proto = new TaskProto { Op = "inc", Args = { new TaskArgProto { Ref = new KeyProto() } } };

        Assert.Throws<ProtocolException>(() => GraphCodec.DecodeTask(proto, new Message(new Envelope())));
    }

    [Fact]
    public void DecodeTask_LiteralReferringToMissingFrame_ThrowsProtocolException()
    {
        var proto = new TaskProto { Op = "inc", Args = { new TaskArgProto { Literal = new ValueProto { Tag = "f64[]", FirstFrame = 3, FrameCount = 1 } } } };

        var error = Assert.Throws<ProtocolException>(() => GraphCodec.DecodeTask(proto, new Message(new Envelope())));

        Assert.Contains("payload frames", error.Message);
    }

    [Fact]
    public void DecodeGraph_DuplicateKey_ThrowsNamingKey()
    {
        var spec = new TaskSpecProto { Key = new KeyProto { Name = "a", Index = { 1 } }, Task = new TaskProto { Op = "x" } };
        var proto = new GraphProto { Tasks = { spec, spec } };

        var error = Assert.Throws<ProtocolException>(() => GraphCodec.DecodeGraph(proto, new Message(new Envelope())));

        Assert.Contains("('a', 1)", error.Message);
    }

    [Fact]
    public void DecodeKey_EncodedKey_EqualsOriginal()
    {
        var key = new Key("add-3f2a", 1, 0, 7);

        Assert.Equal(key, GraphCodec.DecodeKey(GraphCodec.EncodeKey(key)));
    }

    private static TaskGraph SampleGraph()
    {
        var tasks = new Dictionary<Key, DaskTask>
        {
            [new Key("block", 0)] = new("from-array", TaskArg.Literal(NDArray.FromArray(Enumerable.Range(0, 10_000).Select(i => (double)i).ToArray(), 100, 100))),
            [new Key("block", 1)] = new("from-array", TaskArg.Literal(NDArray.FromArray(new[] { 1, 2, 3, 4 }, 2, 2))),
            [new Key("const")] = new("identity", TaskArg.Literal(null), TaskArg.Literal(42L), TaskArg.Literal("text"), TaskArg.Literal(new[] { 1, 2 })),
            [new Key("record")] = new("identity", TaskArg.Literal(new Point(1, 2, "p")), TaskArg.Literal(new List<(string, long)> { ("a", 1) })),
            [new Key("add", 0)] = new("add", new Key("block", 0), TaskArg.Literal(1.5)),
            [new Key("fused", 0)] = new("neg", TaskArg.Nested(new DaskTask("add", new Key("add", 0), TaskArg.List([TaskArg.Literal(1), new Key("const")])))),
            [new Key("sum")] = new("sum", TaskArg.Refs([new Key("add", 0), new Key("fused", 0), new Key("block", 1)]), TaskArg.List([])),
        };
        return TaskGraph.FromTasks(tasks);
    }
}
