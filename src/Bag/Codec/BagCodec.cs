using System.Buffers;
using System.Buffers.Binary;

namespace MiniDask.Bag;

/// <summary>
/// A compact encoding of bag partitions: strings, primitives, enums and 2- and 3-tuples of them
/// natively; records and other objects as MessagePack (public properties and fields by name, or
/// the type's <c>[MessagePackObject]</c> contract, rebuilt through a constructor whose parameters
/// name them). <see cref="EnsureSerializable"/> refuses a type before a run starts, by the rule of
/// the value codecs that carry partitions between processes.
/// </summary>
public static class BagCodec
{
    private static ReadOnlySpan<byte> Magic => "MDB1"u8;

    /// <summary>Whether values of <paramref name="type"/> can be encoded and decoded; when not, <paramref name="reason"/> says why.</summary>
    public static bool IsSerializable(Type type, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(type);
        reason = SerializabilityCheck.Problem(type);
        return reason is null;
    }

    /// <summary>Checks that values of <paramref name="type"/> can move between processes.</summary>
    /// <exception cref="UnserializableTypeException">They cannot; the message names the type and the member at fault.</exception>
    public static void EnsureSerializable(Type type)
    {
        if (!IsSerializable(type, out var reason))
        {
            throw new UnserializableTypeException(type, reason!);
        }
    }

    /// <summary>Encodes a partition: a header, the element count, then each element.</summary>
    /// <exception cref="UnserializableTypeException"><typeparamref name="T"/> cannot be serialized.</exception>
    public static byte[] EncodePartition<T>(IEnumerable<T> partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        EnsureSerializable(typeof(T));
        var items = partition as IReadOnlyList<T> ?? [.. partition];
        var output = new ArrayBufferWriter<byte>();
        output.Write(Magic);
        ElementCodecs.WriteInt32(output, items.Count);
        var codec = ElementCodec<T>.Instance;
        foreach (var item in items)
        {
            codec.Write(output, item);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>Decodes a partition encoded by <see cref="EncodePartition{T}"/> with the same <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not an encoded partition, or is truncated.</exception>
    public static List<T> DecodePartition<T>(ReadOnlySpan<byte> data)
    {
        if (data.Length < Magic.Length + sizeof(int) || !data.StartsWith(Magic))
        {
            throw new InvalidDataException($"The data is not an encoded bag partition of {typeof(T).Name} (bad header).");
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(data[Magic.Length..]);
        var input = new CodecReader(data[(Magic.Length + sizeof(int))..]);
        var codec = ElementCodec<T>.Instance;
        var result = new List<T>(Math.Max(0, Math.Min(count, data.Length)));
        for (var i = 0; i < count; i++)
        {
            result.Add(codec.Read(ref input));
        }

        return input.AtEnd
            ? result
            : throw new InvalidDataException($"The encoded partition of {typeof(T).Name} has bytes after its {count} elements.");
    }
}
