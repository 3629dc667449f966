using System.Buffers;
using MiniDask.Graph.Codecs;
using MiniDask.Protocol.Messages;

namespace MiniDask.Protocol.Tests;

/// <summary>The actor and coordination messages and the packed values they carry.</summary>
public class CoordinationMessageTests
{
    public sealed record Reading(string Sensor, double[] Values);

    [Fact]
    public void Pack_ThenUnpack_ReturnsEqualValuesOfEveryKind()
    {
        var large = Enumerable.Range(0, 10_000).Select(i => i * 0.5).ToArray();

        Assert.Null(PackedValue.Unpack(PackedValue.Pack(null)));
        Assert.Equal(42, PackedValue.Unpack(PackedValue.Pack(42)));
        Assert.Equal("text", PackedValue.Unpack(PackedValue.Pack("text")));
        Assert.Equal(large, PackedValue.Unpack(PackedValue.Pack(large)));
        var reading = Assert.IsType<Reading>(PackedValue.Unpack(PackedValue.Pack(new Reading("t1", [1.5, 2.5]))));
        Assert.Equal("t1", reading.Sensor);
        Assert.Equal([1.5, 2.5], reading.Values);
    }

    [Fact]
    public void Unpack_BytesThatAreNoPackedValue_ThrowsProtocolException()
    {
        var error = Assert.Throws<ProtocolException>(() => PackedValue.Unpack(new PayloadSegment(new byte[] { 0x93, 0x01 })));

        Assert.Contains("packed value", error.Message);
    }

    [Fact]
    public void Pack_ValueThatCannotCrossAProcessBoundary_ThrowsNamingItsType()
    {
        var error = Assert.Throws<NotSupportedException>(() => PackedValue.Pack(new Action(() => { })));

        Assert.Contains("Action", error.Message);
    }

    [Fact]
    public void ReadHeader_CoordinationRequest_RoundTrips()
    {
        var sent = new CoordinationRequest { Op = CoordinationOp.SemaphoreAcquire, Kind = CoordinationKind.Semaphore, Name = "gpu", Holder = "h1", Count = 2, Wait = false };

        var (requestId, body) = WireFormat.ReadHeader(Header(77, sent));

        Assert.Equal(77UL, requestId);
        var read = Assert.IsType<CoordinationRequest>(body);
        Assert.Equal((CoordinationOp.SemaphoreAcquire, CoordinationKind.Semaphore, "gpu", "h1", 2, false), (read.Op, read.Kind, read.Name, read.Holder, read.Count, read.Wait));
    }

    [Theory]
    [InlineData(0, 1, "unknown op 0")]
    [InlineData(99, 1, "unknown op 99")]
    [InlineData(1, 0, "unknown kind 0")]
    public void ReadHeader_CoordinationRequestWithUnknownOpOrKind_IsRefusedNamingIt(int op, int kind, string expected)
    {
        var sent = new CoordinationRequest { Op = (CoordinationOp)op, Kind = (CoordinationKind)kind, Name = "q" };

        var error = Assert.Throws<ProtocolException>(() => WireFormat.ReadHeader(Header(1, sent)));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void ReadHeader_ActorCall_RoundTrips()
    {
        var sent = new ActorCall { ActorId = "Counter-1", Method = "Increment", ParameterTypes = ["Int32"] };

        var read = Assert.IsType<ActorCall>(WireFormat.ReadHeader(Header(3, sent)).Body);

        Assert.Equal(("Counter-1", "Increment"), (read.ActorId, read.Method));
        Assert.Equal(["Int32"], read.ParameterTypes);
    }

    private static byte[] Header(ulong requestId, WireMessage body)
    {
        var output = new ArrayBufferWriter<byte>();
        WireFormat.WriteHeader(output, requestId, body);
        return output.WrittenSpan.ToArray();
    }
}
