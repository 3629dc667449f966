using System.Buffers;
using MessagePack;

namespace MiniDask.Graph.Codecs.UserTypes;

/// <summary>
/// Values of user records, classes and structs as MessagePack, for modules that frame values
/// themselves (the bag's partition codec): the same layout and rules as the value codec that
/// carries such values across process boundaries.
/// </summary>
public static class UserValues
{
    /// <summary>Null when values of <paramref name="type"/> round-trip through MessagePack; otherwise why not, naming the member at fault.</summary>
    public static string? WhyNot(Type type) => UserTypeRules.WhyNot(type);

    /// <summary>Writes <paramref name="value"/>, of declared type <paramref name="type"/>, to <paramref name="output"/>.</summary>
    /// <exception cref="NotSupportedException">The type cannot be written; the message says why.</exception>
    public static void Serialize(IBufferWriter<byte> output, Type type, object? value)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(type);
        var writer = new MessagePackWriter(output);
        UserTypeSerializer.Write(ref writer, type, value);
        writer.Flush();
    }

    /// <summary>Reads one value of declared type <paramref name="type"/> from the start of <paramref name="bytes"/> and says how many bytes it took.</summary>
    /// <exception cref="InvalidDataException">The bytes are not such a value.</exception>
    public static object? Deserialize(ReadOnlyMemory<byte> bytes, Type type, out int consumed)
    {
        ArgumentNullException.ThrowIfNull(type);
        var reader = new MessagePackReader(bytes);
        try
        {
            var value = UserTypeSerializer.Read(ref reader, type);
            consumed = (int)reader.Consumed;
            return value;
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or OverflowException)
        {
            throw new InvalidDataException($"A {TypeNames.Format(type)} could not be read from its MessagePack: {e.Message}", e);
        }
    }
}
