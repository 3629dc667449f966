using Google.Protobuf;
using MiniDask.Graph.Codecs;
using MiniDask.Protocol.Messages;

namespace MiniDask.Protocol;

/// <summary>
/// Builds a <see cref="Message"/> whose envelope carries values or large sub-messages: each
/// value is encoded by its codec, its segments become payload frames (large buffers are not
/// copied), and its codec header goes inline while small and into a frame of its own once
/// large, so that the protobuf header stays under its limit however many values a message holds.
/// </summary>
public sealed class MessageBuilder
{
    /// <summary>Codec headers up to this many bytes go inline in the envelope.</summary>
    public const int InlineHeaderLimit = 4 * 1024;

    /// <summary>Once this many bytes of codec headers are inline, further ones go into frames.</summary>
    public const int InlineBudget = 256 * 1024;

    private readonly List<PayloadSegment> payload = [];
    private int inlineBytes;

    /// <summary>The payload frames added so far.</summary>
    public IReadOnlyList<PayloadSegment> Payload => payload;

    /// <summary>Adds a payload frame and returns its index.</summary>
    public uint AddFrame(PayloadSegment segment)
    {
        payload.Add(segment);
        return (uint)(payload.Count - 1);
    }

    /// <summary>Serializes <paramref name="message"/> into a payload frame and returns its index.</summary>
    public uint AddFrame(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return AddFrame(new PayloadSegment(message.ToByteArray()));
    }

    /// <summary>Encodes <paramref name="value"/> and returns the reference to put in the envelope.</summary>
    /// <exception cref="NotSupportedException">The value, or a value inside it, has no codec; the message names the type.</exception>
    public ValueProto AddValue(object? value)
    {
        var encoded = ValueCodecs.Encode(value);
        var proto = new ValueProto { Tag = encoded.Tag };
        if (encoded.Header.Length <= InlineHeaderLimit && inlineBytes + encoded.Header.Length <= InlineBudget)
        {
            proto.InlineHeader = UnsafeByteOperations.UnsafeWrap(encoded.Header);
            inlineBytes += encoded.Header.Length;
        }
        else
        {
            proto.HeaderFrame = AddFrame(new PayloadSegment(encoded.Header));
        }

        proto.FirstFrame = (uint)payload.Count;
        proto.FrameCount = (uint)encoded.Segments.Count;
        payload.AddRange(encoded.Segments);
        return proto;
    }

    /// <summary>The message: <paramref name="envelope"/> and the payload frames added.</summary>
    public Message Build(Envelope envelope) => new(envelope, [.. payload]);
}
