using System.Buffers;
using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;
using MiniDask.Protocol.Messages;

namespace MiniDask.Protocol;

/// <summary>
/// The MessagePack side of the wire: the serializer options every control message uses (contract
/// classes of <see cref="Messages"/>, keys as <c>[name, i0, i1, ...]</c>, the library's guards for
/// untrusted data), and a frame's header, <c>[request id, [message type, message]]</c>.
/// </summary>
public static class WireFormat
{
    /// <summary>The options of every control message: the standard resolver plus the key formatter, hardened for untrusted input.</summary>
    public static MessagePackSerializerOptions Options { get; } = MessagePackSerializerOptions.Standard
        .WithResolver(CompositeResolver.Create([KeyFormatter.Instance], [StandardResolver.Instance]))
        .WithSecurity(MessagePackSecurity.UntrustedData);

    /// <summary>Writes the header of a frame carrying <paramref name="body"/>.</summary>
    public static void WriteHeader(IBufferWriter<byte> output, ulong requestId, WireMessage body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(2);
        writer.Write(requestId);
        MessagePackSerializer.Serialize(ref writer, body, Options);
        writer.Flush();
    }

    /// <summary>Reads a frame's header.</summary>
    /// <exception cref="ProtocolException">
    /// The bytes are not a header, name a message type this build does not know, or hold a message
    /// that lacks a field it must carry.
    /// </exception>
    public static (ulong RequestId, WireMessage Body) ReadHeader(ReadOnlyMemory<byte> header)
    {
        var reader = new MessagePackReader(header);
        try
        {
            var fields = reader.ReadArrayHeader();
            if (fields != 2)
            {
                throw new ProtocolException($"A frame header must be an array of a request id and a message; it has {fields} entries.");
            }

            var requestId = reader.ReadUInt64();
            var type = PeekType(reader);
            var body = MessagePackSerializer.Deserialize<WireMessage>(ref reader, Options)
                ?? throw new ProtocolException(type is null ? "The frame header holds no message." : $"Unknown message type {type}.");
            if (!reader.End)
            {
                throw new ProtocolException($"The frame header has {header.Length - reader.Consumed} bytes after its {body.GetType().Name}.");
            }

            return body.Problem() is { } problem
                ? throw new ProtocolException($"Malformed message: {problem}.")
                : (requestId, body);
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or OverflowException
            or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ProtocolException($"The frame header is not a valid message: {Describe(e)}", e);
        }
    }

    /// <summary>Deserializes <typeparamref name="T"/> from a payload frame.</summary>
    /// <exception cref="ProtocolException">The bytes are not a valid <typeparamref name="T"/>.</exception>
    public static T Read<T>(ReadOnlyMemory<byte> bytes, string what)
    {
        try
        {
            var reader = new MessagePackReader(bytes);
            var value = MessagePackSerializer.Deserialize<T>(ref reader, Options);
            return value is null
                ? throw new ProtocolException($"The {what} is empty.")
                : reader.End ? value : throw new ProtocolException($"The {what} has {bytes.Length - reader.Consumed} bytes after its end.");
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or OverflowException
            or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ProtocolException($"The {what} is not valid: {Describe(e)}", e);
        }
    }

    /// <summary>Serializes <paramref name="value"/> into a new array, for a payload frame.</summary>
    public static byte[] Write<T>(T value) => MessagePackSerializer.Serialize(value, Options);

    /// <summary>The message type number of the union at the reader's position, when it has one.</summary>
    private static long? PeekType(MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.Array || reader.ReadArrayHeader() != 2 || reader.NextMessagePackType != MessagePackType.Integer)
        {
            return null;
        }

        return reader.ReadInt64();
    }

    private static string Describe(Exception e)
    {
        // MessagePack wraps the cause; its innermost message says what was wrong.
        while (e.InnerException is not null && e is MessagePackSerializationException)
        {
            e = e.InnerException;
        }

        return e.Message;
    }
}
