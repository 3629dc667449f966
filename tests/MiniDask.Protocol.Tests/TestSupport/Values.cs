using MiniDask.Graph.Codecs;
using MiniDask.Protocol.Messages;

namespace MiniDask.Protocol.Tests.TestSupport;

/// <summary>Round trips values through the codecs alone and through a whole frame.</summary>
public static class Values
{
    public static object? ThroughCodec(object? value) => ValueCodecs.Decode(ValueCodecs.Encode(value));

    /// <summary>Encodes the value into a message, writes it as a frame to memory, reads it back and decodes it.</summary>
    public static async Task<object?> ThroughFrameAsync(object? value)
    {
        var builder = new MessageBuilder();
        var reference = builder.AddValue(value);
        var message = builder.Build(new GetDataResponse { Data = [new KeyValue { Key = new Graph.Key("x"), Value = reference }] });
        using var stream = new MemoryStream();
        await FrameCodec.WriteAsync(stream, message, FrameLimits.Default);
        stream.Position = 0;
        var received = await FrameCodec.ReadAsync(stream, FrameLimits.Default);
        Assert.NotNull(received);
        return received.ReadValue(((GetDataResponse)received.Body).Data[0].Value);
    }

    /// <summary>The MessagePack header a message is sent with, to compare messages by content.</summary>
    public static byte[] Header(Message message)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        WireFormat.WriteHeader(output, message.RequestId, message.Body);
        return output.WrittenSpan.ToArray();
    }

    public static async Task<byte[]> FrameBytesAsync(Message message, FrameLimits? limits = null)
    {
        using var stream = new MemoryStream();
        await FrameCodec.WriteAsync(stream, message, limits ?? FrameLimits.Default);
        return stream.ToArray();
    }
}
