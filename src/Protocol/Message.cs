using MiniDask.Graph.Codecs;
using MiniDask.Protocol.Messages;

namespace MiniDask.Protocol;

/// <summary>
/// One message on a comm: a <see cref="WireMessage"/> (the frame's MessagePack header, with a
/// request id) and the raw payload frames sent after it. Values and graphs inside the message refer
/// to payload frames by index; build messages that carry them with <see cref="MessageBuilder"/> and
/// read them back with <see cref="ReadValue"/>, <see cref="ReadFrame{T}"/> and <see cref="Frames"/>.
/// </summary>
public sealed class Message
{
    /// <summary>A message with payload frames (none by default); they are sent from their own memory, not copied.</summary>
    public Message(WireMessage body, IReadOnlyList<PayloadSegment>? payload = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        Body = body;
        Payload = payload ?? [];
    }

    /// <summary>The message itself.</summary>
    public WireMessage Body { get; }

    /// <summary>Correlates a reply with its request; 0 when the message is not part of a request.</summary>
    public ulong RequestId { get; init; }

    /// <summary>The payload frames, in order.</summary>
    public IReadOnlyList<PayloadSegment> Payload { get; }

    /// <summary>For a received message, the size of its whole frame on the wire in bytes; 0 for one built here.</summary>
    public long FrameBytes { get; internal init; }

    /// <summary>The total size of the payload frames in bytes.</summary>
    public long PayloadBytes => Payload.Sum(p => (long)p.Length);

    /// <summary>Decodes a value of this message, taking its header and segments from the payload frames.</summary>
    /// <exception cref="ProtocolException">
    /// The value is missing, refers to frames the message lacks, or cannot be decoded.
    /// </exception>
    public object? ReadValue(WireValue? value)
    {
        if (value?.Tag is null)
        {
            throw new ProtocolException($"A {Body} message lacks a value it should carry.");
        }

        var header = value.InlineHeader is { } inline ? inline : Frame(value.HeaderFrame, "value header").Bytes;
        var segments = Frames(value.FirstFrame, value.FrameCount, $"'{value.Tag}' value");
        try
        {
            return ValueCodecs.Decode(value.Tag, header, segments);
        }
        catch (InvalidDataException e)
        {
            throw new ProtocolException($"A '{value.Tag}' value could not be decoded: {e.Message}", e);
        }
    }

    /// <summary>Deserializes payload frame <paramref name="index"/> as a MessagePack <typeparamref name="T"/> (such as an update's graph).</summary>
    /// <exception cref="ProtocolException">The frame does not exist or is not a valid <typeparamref name="T"/>.</exception>
    public T ReadFrame<T>(int index) => WireFormat.Read<T>(Frame(index, typeof(T).Name).Bytes, typeof(T).Name);

    /// <summary>Payload frames <c>[first, first + count)</c>, as a window (no copy).</summary>
    /// <exception cref="ProtocolException">The range is not within the message's frames.</exception>
    public IReadOnlyList<PayloadSegment> Frames(int first, int count, string what) =>
        first >= 0 && count >= 0 && (long)first + count <= Payload.Count
            ? count == 0 ? [] : new PayloadSlice(Payload, first, count)
            : throw new ProtocolException($"The {what} refers to payload frames {first}..{(long)first + count} but the message has {Payload.Count}.");

    /// <summary>Payload frame <paramref name="index"/>.</summary>
    /// <exception cref="ProtocolException">The message has no such frame.</exception>
    public PayloadSegment Frame(int index, string what) => index >= 0 && index < Payload.Count
        ? Payload[index]
        : throw new ProtocolException($"The {what} refers to payload frame {index} but the message has {Payload.Count}.");

    /// <summary>The message type and payload size, for logs.</summary>
    public override string ToString() => $"{Body} ({Payload.Count} payload frame(s), {PayloadBytes} bytes)";

    /// <summary>A window onto the payload frames, so that decoding a value copies no list.</summary>
    private sealed class PayloadSlice(IReadOnlyList<PayloadSegment> frames, int start, int count) : IReadOnlyList<PayloadSegment>
    {
        public int Count => count;

        public PayloadSegment this[int index] => (uint)index < (uint)count
            ? frames[start + index]
            : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<PayloadSegment> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return frames[start + i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
