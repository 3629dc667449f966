using MiniDask.Array.Serialization;
using MiniDask.Graph;
using MiniDask.Graph.Codecs;
using MiniDask.Protocol.Messages;
using MiniDask.Protocol.Tests.TestSupport;

namespace MiniDask.Protocol.Tests;

public class GraphMessagesTests
{
    public GraphMessagesTests() => NDArrayCodec.Register();

    [Fact]
    public async Task Read_GraphSentOverComm_KeepsControlPartsAndRunSpecsAsSent()
    {
        var tasks = Encoded(RunSpecCodecTests.SampleTasks());
        var wanted = new[] { new Key("sum") };
        var (left, right) = Comm.CreatePair();
        await using var _ = left;
        await using var __ = right;

        await left.SendAsync(GraphMessages.Build(tasks, wanted, "c1", reportProgress: true, FrameLimits.Default.MaxPayloadFrames).Single());
        var received = await right.ReceiveAsync();
        var (read, readWanted) = GraphMessages.Read(received);

        var update = Assert.IsType<UpdateGraph>(received.Body);
        Assert.Equal("c1", update.Client);
        Assert.True(update.ReportProgress);
        Assert.False(update.More);
        Assert.Equal(wanted, readWanted);
        Assert.Equal(tasks.Count, read.Count);
        foreach (var (sent, got) in tasks.Zip(read))
        {
            Assert.Equal(sent.Key, got.Key);
            Assert.Equal(sent.Dependencies, got.Dependencies);
            Assert.Equal(sent.Priority, got.Priority);
            Assert.Equal(sent.Op, got.Op);
            Assert.Equal(sent.Run.Head, got.Run.Head);
            Assert.Equal(sent.Run.Frames.Select(f => f.Bytes.ToArray()), got.Run.Frames.Select(f => f.Bytes.ToArray()));
            TaskAssert.TasksEqual(RunSpecCodec.Decode(sent.Run), RunSpecCodec.Decode(got.Run), sent.Key.ToString());
        }
    }

    [Fact]
    public void Build_MoreFramesThanTheLimit_SplitsIntoPartsEachUnderIt()
    {
        var tasks = Encoded(Enumerable.Range(0, 40).ToDictionary(
            i => new Key("block", i),
            i => new DaskTask("from-array", TaskArg.Literal(Enumerable.Range(0, 1000).Select(v => (double)(v + i)).ToArray()))));

        var parts = GraphMessages.Build(tasks, [new Key("block", 0)], "c1", reportProgress: false, maxFrames: 16);

        Assert.True(parts.Count >= 3, $"{parts.Count} parts");
        Assert.All(parts, p => Assert.True(p.Payload.Count <= 16, $"a part has {p.Payload.Count} frames"));
        Assert.All(parts[..^1], p => Assert.True(((UpdateGraph)p.Body).More));
        Assert.False(((UpdateGraph)parts[^1].Body).More);
        Assert.Equal(tasks.Select(t => t.Key), parts.SelectMany(p => GraphMessages.Read(p).Tasks).Select(t => t.Key));
        Assert.Equal([new Key("block", 0)], GraphMessages.Read(parts[^1]).Wanted);
    }

    [Fact]
    public void Read_RunSpecClaimingMissingFrames_ThrowsProtocolException()
    {
        var graph = new GraphSpec
        {
            Tasks = [new TaskHeader { Key = new Key("t"), Op = "op", Run = [0x92, 0xA0, 0x92, 0xA2, 0x6F, 0x70, 0x90], FirstFrame = 1, FrameCount = 3 }],
        };
        var message = new Message(new UpdateGraph { Client = "c", StimulusId = "s" }, [new PayloadSegment(WireFormat.Write(graph))]);

        var error = Assert.Throws<ProtocolException>(() => GraphMessages.Read(message));

        Assert.Contains("'t'", error.Message);
        Assert.Contains("payload frames", error.Message);
    }

    [Fact]
    public void Read_NoGraphFrame_ThrowsProtocolException()
    {
        var error = Assert.Throws<ProtocolException>(() => GraphMessages.Read(new Message(new UpdateGraph { Client = "c", StimulusId = "s" })));

        Assert.Contains("GraphSpec", error.Message);
    }

    [Fact]
    public void Read_TaskWithOptions_KeepsPriorityRetriesResourcesAndRestrictions()
    {
        var options = new TaskOptions
        {
            Priority = 3,
            Retries = 2,
            Resources = new Dictionary<string, double> { ["GPU"] = 1, ["MEMORY"] = 8e9 },
            Workers = ["tcp://127.0.0.1:4000", "gpu-node"],
            AllowLooseRestrictions = true,
        };
        var task = new DaskTask("op", []);
        var encoded = new EncodedTask(new Key("t"), [], 0, "op", new RunSpecCodec().Encode(task), options);

        var message = GraphMessages.Build([encoded, encoded with { Key = new Key("plain"), Options = null }], [new Key("t")], "c", false, FrameLimits.Default.MaxPayloadFrames).Single();
        var read = GraphMessages.Read(new Message(message.Body, [.. message.Payload.Select(p => new PayloadSegment(p.Bytes.ToArray()))])).Tasks;

        var got = read[0].Options!;
        Assert.Equal((3, 2, true), (got.Priority, got.Retries, got.AllowLooseRestrictions));
        Assert.Equal(options.Resources, got.Resources);
        Assert.Equal(options.Workers, got.Workers);
        Assert.Null(read[1].Options);
    }

    private static List<EncodedTask> Encoded(IReadOnlyDictionary<Key, DaskTask> tasks)
    {
        var codec = new RunSpecCodec();
        return [.. tasks.Select((kv, i) => new EncodedTask(kv.Key, kv.Value.Dependencies, i, kv.Value.Op, codec.Encode(kv.Value)))];
    }
}
