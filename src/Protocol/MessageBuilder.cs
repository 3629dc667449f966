using MiniDask.Graph.Codecs;
using MiniDask.Protocol.Messages;

namespace MiniDask.Protocol;

/// <summary>
/// Builds a <see cref="Message"/> that carries values or large sub-messages: each value is encoded
/// by its codec, its segments become payload frames (large buffers are not copied), and its codec
/// header goes inline while small and into a frame of its own once large, so that the MessagePack
/// header stays under its limit however many values a message holds.
/// </summary>
public sealed class MessageBuilder
{
    /// <summary>Codec headers up to this many bytes go inline in the message.</summary>
    public const int InlineHeaderLimit = 4 * 1024;

    /// <summary>Once this many bytes of codec headers are inline, further ones go into frames.</summary>
    public const int InlineBudget = 256 * 1024;

    private readonly List<PayloadSegment> payload = [];
    private int inlineBytes;

    /// <summary>The payload frames added so far.</summary>
    public IReadOnlyList<PayloadSegment> Payload => payload;

    /// <summary>Adds a payload frame and returns its index.</summary>
    public int AddFrame(PayloadSegment segment)
    {
        payload.Add(segment);
        return payload.Count - 1;
    }

    /// <summary>Adds payload frames in order and returns the index of the first.</summary>
    public int AddFrames(IEnumerable<PayloadSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var first = payload.Count;
        payload.AddRange(segments);
        return first;
    }

    /// <summary>Serializes <paramref name="value"/> with MessagePack into a payload frame and returns its index.</summary>
    public int AddFrame<T>(T value) => AddFrame(new PayloadSegment(WireFormat.Write(value)));

    /// <summary>Encodes <paramref name="value"/> and returns the reference to put in the message.</summary>
    /// <exception cref="NotSupportedException">The value, or a value inside it, has no codec; the message names the type.</exception>
    public WireValue AddValue(object? value)
    {
        var encoded = ValueCodecs.Encode(value);
        byte[]? inline = null;
        var headerFrame = -1;
        if (encoded.Header.Length <= InlineHeaderLimit && inlineBytes + encoded.Header.Length <= InlineBudget)
        {
            inline = encoded.Header.ToArray();
            inlineBytes += inline.Length;
        }
        else
        {
            headerFrame = AddFrame(new PayloadSegment(encoded.Header));
        }

        return new WireValue
        {
            Tag = encoded.Tag,
            InlineHeader = inline,
            HeaderFrame = headerFrame,
            FirstFrame = AddFrames(encoded.Segments),
            FrameCount = encoded.Segments.Count,
        };
    }

    /// <summary>The message: <paramref name="body"/> and the payload frames added.</summary>
    public Message Build(WireMessage body, ulong requestId = 0) => new(body, [.. payload]) { RequestId = requestId };
}
