using Google.Protobuf;
using MiniDask.Graph.Codecs;
using MiniDask.Protocol.Messages;

namespace MiniDask.Protocol;

/// <summary>
/// One message on a comm: a protobuf <see cref="Messages.Envelope"/> (the frame header) and the
/// raw payload frames sent after it. Values and graphs inside the envelope refer to payload
/// frames by index; build messages that carry them with <see cref="MessageBuilder"/> and read
/// them back with <see cref="ReadValue"/> and <see cref="ReadFrame{T}"/>.
/// </summary>
public sealed class Message
{
    /// <summary>A message with no payload frames.</summary>
    public Message(Envelope envelope)
        : this(envelope, [])
    {
    }

    /// <summary>A message with payload frames; they are sent from their own memory, not copied.</summary>
    public Message(Envelope envelope, IReadOnlyList<PayloadSegment> payload)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(payload);
        Envelope = envelope;
        Payload = payload;
    }

    /// <summary>The header: the message itself, one case of <see cref="Envelope.KindOneofCase"/>.</summary>
    public Envelope Envelope { get; }

    /// <summary>The payload frames, in order.</summary>
    public IReadOnlyList<PayloadSegment> Payload { get; }

    /// <summary>Which message the envelope carries.</summary>
    public Envelope.KindOneofCase Kind => Envelope.KindCase;

    /// <summary>For a received message, the size of its whole frame on the wire in bytes; 0 for one built here.</summary>
    public long FrameBytes { get; internal init; }

    /// <summary>The total size of the payload frames in bytes.</summary>
    public long PayloadBytes => Payload.Sum(p => (long)p.Length);

    /// <summary>Decodes a value of this message, taking its header and segments from the payload frames.</summary>
    /// <exception cref="ProtocolException">
    /// The value is missing (a peer left the field unset), refers to frames the message lacks, or cannot be decoded.
    /// </exception>
    public object? ReadValue(ValueProto? value)
    {
        if (value is null)
        {
            throw new ProtocolException($"A {Kind} message lacks a value it should carry.");
        }

        var header = value.HeaderCase switch
        {
            ValueProto.HeaderOneofCase.HeaderFrame => Frame(value.HeaderFrame, "value header").Bytes,
            _ => value.InlineHeader.Memory,
        };

        if ((ulong)value.FirstFrame + value.FrameCount > (ulong)Payload.Count)
        {
            throw new ProtocolException(
                $"A '{value.Tag}' value refers to payload frames {value.FirstFrame}..{(ulong)value.FirstFrame + value.FrameCount} but the message has {Payload.Count}.");
        }

        var segments = new PayloadSlice(Payload, (int)value.FirstFrame, (int)value.FrameCount);
        try
        {
            return ValueCodecs.Decode(value.Tag, header, segments);
        }
        catch (InvalidDataException e)
        {
            throw new ProtocolException($"A '{value.Tag}' value could not be decoded: {e.Message}", e);
        }
    }

    /// <summary>Parses payload frame <paramref name="index"/> as a protobuf message (such as an update's graph).</summary>
    /// <exception cref="ProtocolException">The frame does not exist or is not a valid <typeparamref name="T"/>.</exception>
    public T ReadFrame<T>(uint index, MessageParser<T> parser)
        where T : IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(parser);
        var frame = Frame(index, typeof(T).Name);
        return ProtobufParsing.Parse(parser, frame.Bytes, typeof(T).Name);
    }

    /// <summary>The message kind and payload size, for logs.</summary>
    public override string ToString() => $"{Kind} ({Payload.Count} payload frame(s), {PayloadBytes} bytes)";

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

    private PayloadSegment Frame(uint index, string what) => index < Payload.Count
        ? Payload[(int)index]
        : throw new ProtocolException($"The {what} refers to payload frame {index} but the message has {Payload.Count}.");
}
