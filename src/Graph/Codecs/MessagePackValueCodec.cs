using System.Buffers;
using MessagePack;
using MiniDask.Graph.Codecs.UserTypes;

namespace MiniDask.Graph.Codecs;

/// <summary>
/// The codec of user records, classes and structs (the fallback for any type no other codec takes):
/// the type's owner and assembly-qualified name as the type argument (see <see cref="Loading.CodeContexts"/>),
/// then the value as MessagePack, written as MessagePack-CSharp lays it out (contractless by member
/// name, or the type's <c>[MessagePackObject]</c> contract). Only types that pass
/// <see cref="UserTypeRules"/> are encoded or decoded, so a peer cannot name an arbitrary type to
/// instantiate.
/// </summary>
internal sealed class MessagePackValueCodec : IValueCodec
{
    public static readonly MessagePackValueCodec Instance = new();

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    private MessagePackValueCodec()
    {
    }

    public string Tag => "msgpack";

    public bool CanEncode(Type type) => false;

    public void WriteTypeArguments(Type type, ValueWriter writer) => TypeResolution.Write(type, writer);

    public Type ReadType(ValueReader reader)
    {
        var type = TypeResolution.Read(reader);
        if (ValueCodecs.IsStaticOnly(type))
        {
            throw new InvalidDataException($"A value was sent as {TypeNames.Format(type)}, which is an interface or abstract class.");
        }

        var reason = UserTypeRules.WhyNot(type);
        return reason is null
            ? type
            : throw new InvalidDataException($"A value was sent as {TypeNames.Format(type)}, which cannot be read back: {reason}");
    }

    public void Encode(object value, ValueWriter writer)
    {
        var output = buffer ??= new ArrayBufferWriter<byte>();
        output.ResetWrittenCount();
        var packer = new MessagePackWriter(output);
        UserTypeSerializer.Write(ref packer, value.GetType(), value);
        packer.Flush();
        writer.WriteCount(output.WrittenCount);
        writer.WriteBytes(output.WrittenSpan);
    }

    public object? Decode(Type type, ValueReader reader)
    {
        var bytes = reader.ReadBytes(reader.ReadCount(minBytesPerItem: 1)).ToArray();
        var unpacker = new MessagePackReader(bytes);
        try
        {
            var value = UserTypeSerializer.Read(ref unpacker, type)
                ?? throw new InvalidDataException($"A {TypeNames.Format(type)} was sent as nil.");
            return unpacker.End
                ? value
                : throw new InvalidDataException($"A {TypeNames.Format(type)} has bytes after its MessagePack value.");
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or OverflowException)
        {
            throw new InvalidDataException($"A {TypeNames.Format(type)} could not be read from its MessagePack: {e.Message}", e);
        }
    }
}
