using System.Buffers;
using MessagePack;
using MiniDask.Graph;
using MiniDask.Protocol.Messages;

namespace MiniDask.Protocol.Tests;

public class WireFormatTests
{
    [Fact]
    public void ReadHeader_WrittenHeader_SameMessageAndRequestId()
    {
        var sent = new ComputeTask
        {
            Key = new Key("add-3f2a", 1, 0),
            Op = "add",
            Run = [1, 2, 3],
            Dependencies = [new DependencyLocation { Key = new Key("x", 4), Workers = ["tcp://a:1", "tcp://b:2"], NBytes = 800 }],
            Priority = (7L << 32) | 3,
            StimulusId = "s-1",
        };

        var (requestId, body) = WireFormat.ReadHeader(Header(9, sent));

        Assert.Equal(9UL, requestId);
        var read = Assert.IsType<ComputeTask>(body);
        Assert.Equal(sent.Key, read.Key);
        Assert.Equal(sent.Op, read.Op);
        Assert.Equal(sent.Run, read.Run);
        Assert.Equal(sent.Priority, read.Priority);
        Assert.Equal(sent.StimulusId, read.StimulusId);
        Assert.Equal(new Key("x", 4), Assert.Single(read.Dependencies).Key);
        Assert.Equal(["tcp://a:1", "tcp://b:2"], read.Dependencies[0].Workers);
        Assert.Equal(800, read.Dependencies[0].NBytes);
    }

    [Fact]
    public void ReadHeader_KeyIsNameThenIndex()
    {
        var header = Header(0, new StealRequest { Key = new Key("add-3f2a", 1, 0), StimulusId = "s" });

        Assert.Equal("[0,[9,[[\"add-3f2a\",1,0],\"s\"]]]", MessagePackSerializer.ConvertToJson(header));
    }

    [Fact]
    public void ReadHeader_UnknownMessageType_ThrowsNamingTheType()
    {
        var error = Assert.Throws<ProtocolException>(() => WireFormat.ReadHeader(Raw((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(2);
            w.Write(0);
            w.WriteArrayHeader(2);
            w.Write(4711);
            w.WriteArrayHeader(0);
        })));

        Assert.Contains("Unknown message type 4711", error.Message);
    }

    [Fact]
    public void ReadHeader_MessageMissingARequiredField_ThrowsNamingTheField()
    {
        var error = Assert.Throws<ProtocolException>(() => WireFormat.ReadHeader(Raw((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(2);
            w.Write(0);
            w.WriteArrayHeader(2);
            w.Write(6);
            w.WriteArrayHeader(1);
            w.WriteNil();
        })));

        Assert.Contains("TaskFinished lacks its key", error.Message);
    }

    [Fact]
    public void ReadHeader_KeyWithoutName_ThrowsProtocolException()
    {
        var error = Assert.Throws<ProtocolException>(() => WireFormat.ReadHeader(Raw((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(2);
            w.Write(0);
            w.WriteArrayHeader(2);
            w.Write(9);
            w.WriteArrayHeader(2);
            w.WriteArrayHeader(1);
            w.Write("");
            w.Write("s");
        })));

        Assert.Contains("without a name", error.Message);
    }

    [Fact]
    public void ReadHeader_TrailingBytes_ThrowsProtocolException()
    {
        var header = Header(0, new Close { Reason = "r" });

        var error = Assert.Throws<ProtocolException>(() => WireFormat.ReadHeader(header.Append((byte)0xC0).ToArray()));

        Assert.Contains("after its Close", error.Message);
    }

    [Fact]
    public void ReadHeader_SeededMutations_ThrowOnlyProtocolException()
    {
        var random = new Random(5150);
        var valid = Header(3, new Heartbeat { MemoryBytes = 5, ExecutingKeys = [new Key("a", 1), new Key("b")], Bandwidth = 1e6 });
        for (var i = 0; i < 2000; i++)
        {
            var bytes = (byte[])valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            try
            {
                WireFormat.ReadHeader(random.Next(5) == 0 ? bytes[..random.Next(bytes.Length)] : bytes);
            }
            catch (ProtocolException)
            {
                // Refused; a mutation may also leave a valid header.
            }
        }
    }

    private static byte[] Header(ulong requestId, WireMessage body)
    {
        var output = new ArrayBufferWriter<byte>();
        WireFormat.WriteHeader(output, requestId, body);
        return output.WrittenSpan.ToArray();
    }

    private static byte[] Raw(Writer write)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);
        write(ref writer);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    private delegate void Writer(ref MessagePackWriter writer);
}
