using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using MiniDask.Graph.Codecs.UserTypes;

namespace MiniDask.Bag;

/// <summary>
/// Encodes and decodes single values of one type: strings as length-prefixed UTF-8, primitives,
/// enums and other plain value types as their little-endian bytes, 2- and 3-tuples component by
/// component, and everything else as MessagePack (records and classes by member name, or by their
/// <c>[MessagePackObject]</c> contract).
/// </summary>
internal abstract class ElementCodec<T>
{
    /// <summary>The codec for <typeparamref name="T"/>.</summary>
    public static ElementCodec<T> Instance { get; } = (ElementCodec<T>)ElementCodecs.Create(typeof(T));

    /// <summary>Appends <paramref name="value"/> to <paramref name="output"/>.</summary>
    public abstract void Write(IBufferWriter<byte> output, T value);

    /// <summary>Reads one value from <paramref name="input"/>.</summary>
    public abstract T Read(ref CodecReader input);
}

/// <summary>A forward-only reader over encoded bytes.</summary>
internal ref struct CodecReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> data = data;
    private int position;

    /// <summary>Whether every byte has been read.</summary>
    public readonly bool AtEnd => position == data.Length;

    /// <summary>The next <paramref name="count"/> bytes.</summary>
    /// <exception cref="InvalidDataException">The data ends first.</exception>
    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > data.Length - position)
        {
            throw new InvalidDataException($"Encoded partition is truncated: needed {count} bytes at offset {position} of {data.Length}.");
        }

        var slice = data.Slice(position, count);
        position += count;
        return slice;
    }

    /// <summary>The next little-endian 32-bit integer.</summary>
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int)));
}

/// <summary>Picks the codec for a type.</summary>
internal static class ElementCodecs
{
    private static readonly HashSet<Type> Raw =
    [
        typeof(bool), typeof(char), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal), typeof(Half), typeof(Guid), typeof(TimeSpan),
        typeof(DateOnly), typeof(TimeOnly),
    ];

    /// <summary>Whether values of <paramref name="type"/> are encoded natively, not as MessagePack.</summary>
    public static bool IsNative(Type type) => type == typeof(string) || type == typeof(DateTime) || Raw.Contains(type);

    /// <summary>A codec object (an <see cref="ElementCodec{T}"/>) for <paramref name="type"/>.</summary>
    public static object Create(Type type)
    {
        if (type == typeof(string))
        {
            return new StringCodec();
        }

        if (type == typeof(DateTime))
        {
            return new DateTimeCodec();
        }

        if (Raw.Contains(type) || type.IsEnum)
        {
            return Activator.CreateInstance(typeof(RawCodec<>).MakeGenericType(type))!;
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var codec = definition == typeof(ValueTuple<,>) ? typeof(ValueTuple2Codec<,>)
                : definition == typeof(ValueTuple<,,>) ? typeof(ValueTuple3Codec<,,>)
                : definition == typeof(Tuple<,>) ? typeof(Tuple2Codec<,>)
                : definition == typeof(Tuple<,,>) ? typeof(Tuple3Codec<,,>)
                : null;
            if (codec is not null)
            {
                return Activator.CreateInstance(codec.MakeGenericType(type.GetGenericArguments()))!;
            }
        }

        return Activator.CreateInstance(typeof(MessagePackCodec<>).MakeGenericType(type))!;
    }

    /// <summary>Appends a little-endian 32-bit integer.</summary>
    public static void WriteInt32(IBufferWriter<byte> output, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(sizeof(int)), value);
        output.Advance(sizeof(int));
    }

    /// <summary>Appends length-prefixed bytes.</summary>
    public static void WriteBytes(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        WriteInt32(output, bytes.Length);
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}

internal sealed class StringCodec : ElementCodec<string>
{
    public override void Write(IBufferWriter<byte> output, string value)
    {
        if (value is null)
        {
            ElementCodecs.WriteInt32(output, -1);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        ElementCodecs.WriteInt32(output, length);
        Encoding.UTF8.GetBytes(value, output.GetSpan(length));
        output.Advance(length);
    }

    public override string Read(ref CodecReader input)
    {
        var length = input.ReadInt32();
        return length < 0 ? null! : Encoding.UTF8.GetString(input.Take(length));
    }
}

internal sealed class RawCodec<T> : ElementCodec<T>
    where T : unmanaged
{
    public override void Write(IBufferWriter<byte> output, T value)
    {
        MemoryMarshal.Write(output.GetSpan(Unsafe.SizeOf<T>()), in value);
        output.Advance(Unsafe.SizeOf<T>());
    }

    public override T Read(ref CodecReader input) => MemoryMarshal.Read<T>(input.Take(Unsafe.SizeOf<T>()));
}

internal sealed class DateTimeCodec : ElementCodec<DateTime>
{
    private readonly RawCodec<long> ticks = new();

    public override void Write(IBufferWriter<byte> output, DateTime value) => ticks.Write(output, value.ToBinary());

    public override DateTime Read(ref CodecReader input) => DateTime.FromBinary(ticks.Read(ref input));
}

internal sealed class ValueTuple2Codec<T1, T2> : ElementCodec<(T1, T2)>
{
    public override void Write(IBufferWriter<byte> output, (T1, T2) value)
    {
        ElementCodec<T1>.Instance.Write(output, value.Item1);
        ElementCodec<T2>.Instance.Write(output, value.Item2);
    }

    public override (T1, T2) Read(ref CodecReader input) =>
        (ElementCodec<T1>.Instance.Read(ref input), ElementCodec<T2>.Instance.Read(ref input));
}

internal sealed class ValueTuple3Codec<T1, T2, T3> : ElementCodec<(T1, T2, T3)>
{
    public override void Write(IBufferWriter<byte> output, (T1, T2, T3) value)
    {
        ElementCodec<T1>.Instance.Write(output, value.Item1);
        ElementCodec<T2>.Instance.Write(output, value.Item2);
        ElementCodec<T3>.Instance.Write(output, value.Item3);
    }

    public override (T1, T2, T3) Read(ref CodecReader input) =>
        (ElementCodec<T1>.Instance.Read(ref input), ElementCodec<T2>.Instance.Read(ref input), ElementCodec<T3>.Instance.Read(ref input));
}

internal sealed class Tuple2Codec<T1, T2> : ElementCodec<Tuple<T1, T2>>
{
    private readonly ValueTuple2Codec<T1, T2> inner = new();

    public override void Write(IBufferWriter<byte> output, Tuple<T1, T2> value)
    {
        ElementCodecs.WriteInt32(output, value is null ? 0 : 1);
        if (value is not null)
        {
            inner.Write(output, (value.Item1, value.Item2));
        }
    }

    public override Tuple<T1, T2> Read(ref CodecReader input) =>
        input.ReadInt32() == 0 ? null! : inner.Read(ref input).ToTuple();
}

internal sealed class Tuple3Codec<T1, T2, T3> : ElementCodec<Tuple<T1, T2, T3>>
{
    private readonly ValueTuple3Codec<T1, T2, T3> inner = new();

    public override void Write(IBufferWriter<byte> output, Tuple<T1, T2, T3> value)
    {
        ElementCodecs.WriteInt32(output, value is null ? 0 : 1);
        if (value is not null)
        {
            inner.Write(output, (value.Item1, value.Item2, value.Item3));
        }
    }

    public override Tuple<T1, T2, T3> Read(ref CodecReader input) =>
        input.ReadInt32() == 0 ? null! : inner.Read(ref input).ToTuple();
}

internal sealed class MessagePackCodec<T> : ElementCodec<T>
{
    public override void Write(IBufferWriter<byte> output, T value)
    {
        var bytes = new ArrayBufferWriter<byte>();
        UserValues.Serialize(bytes, typeof(T), value);
        ElementCodecs.WriteBytes(output, bytes.WrittenSpan);
    }

    public override T Read(ref CodecReader input)
    {
        var bytes = input.Take(input.ReadInt32()).ToArray();
        var value = (T)UserValues.Deserialize(bytes, typeof(T), out var consumed)!;
        return consumed == bytes.Length
            ? value
            : throw new InvalidDataException($"An encoded {typeof(T).Name} has {bytes.Length - consumed} bytes after its MessagePack value.");
    }
}
