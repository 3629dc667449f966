using MessagePack;
using MiniDask.Graph.Codecs;

namespace MiniDask.Protocol;

/// <summary>
/// A value packed into one buffer: its codec's tag, header and segments (see
/// <see cref="ValueCodecs"/>), as a MessagePack array. Actor arguments and results and the values
/// of the scheduler's queues, variables and topics travel so, one payload frame each, and the
/// scheduler keeps and forwards them without decoding user types it does not load.
/// </summary>
public static class PackedValue
{
    /// <summary>Packs <paramref name="value"/> (null allowed).</summary>
    /// <exception cref="NotSupportedException">The value, or a value inside it, cannot cross a process boundary; the message names the type.</exception>
    public static PayloadSegment Pack(object? value)
    {
        var encoded = ValueCodecs.Encode(value);
        var parts = new Parts
        {
            Tag = encoded.Tag,
            Header = encoded.Header.ToArray(),
            Segments = [.. encoded.Segments.Select(s => s.Bytes.ToArray())],
            ElementTypes = [.. encoded.Segments.Select(s => (int)s.ElementType)],
        };
        return new PayloadSegment(WireFormat.Write(parts));
    }

    /// <summary>Unpacks what <see cref="Pack"/> made.</summary>
    /// <exception cref="ProtocolException">The bytes are not a packed value, or its value cannot be decoded here (such as a type this process lacks).</exception>
    public static object? Unpack(PayloadSegment packed)
    {
        var parts = WireFormat.Read<Parts>(packed.Bytes, "packed value");
        if (parts.Segments.Length != parts.ElementTypes.Length)
        {
            throw new ProtocolException($"A packed '{parts.Tag}' value has {parts.Segments.Length} segments but {parts.ElementTypes.Length} element types.");
        }

        var segments = new PayloadSegment[parts.Segments.Length];
        for (var i = 0; i < segments.Length; i++)
        {
            var type = (PayloadElementType)parts.ElementTypes[i];
            var segment = PayloadSegment.Allocate(type, parts.Segments[i].Length, out var destination);
            parts.Segments[i].CopyTo(destination);
            segments[i] = segment;
        }

        try
        {
            return ValueCodecs.Decode(parts.Tag, parts.Header, segments);
        }
        catch (InvalidDataException e)
        {
            throw new ProtocolException($"A packed '{parts.Tag}' value could not be decoded: {e.Message}", e);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ProtocolException($"A packed '{parts.Tag}' value has a malformed segment: {e.Message}", e);
        }
    }

    /// <summary>The packed form.</summary>
    [MessagePackObject]
    public sealed class Parts
    {
        /// <summary>The codec's tag.</summary>
        [Key(0)]
        public string Tag { get; init; } = "";

        /// <summary>The codec header.</summary>
        [Key(1)]
        public byte[] Header { get; init; } = [];

        /// <summary>The segments' bytes.</summary>
        [Key(2)]
        public byte[][] Segments { get; init; } = [];

        /// <summary>Each segment's <see cref="PayloadElementType"/>.</summary>
        [Key(3)]
        public int[] ElementTypes { get; init; } = [];
    }
}
