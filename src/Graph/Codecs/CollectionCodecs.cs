using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MiniDask.Graph.Codecs;

/// <summary>
/// One-dimensional arrays <c>T[]</c> of any supported element type, <c>object?[]</c> included
/// (each item then carries its own descriptor). Arrays of byte, int, long, float and double
/// have their own buffer codecs, which take precedence.
/// </summary>
internal sealed class ArrayCodecFamily : IValueCodec, ICodecFamily
{
    public string Tag => "array";

    public bool CanEncode(Type type) =>
        type.IsSZArray && ValueCodecs.IsSerializable(type.GetElementType()!, out _);

    public void WriteTypeArguments(Type type, ValueWriter writer) => writer.WriteType(type.GetElementType()!);

    public Type ReadType(ValueReader reader) => reader.ReadType().MakeArrayType();

    public void Encode(object value, ValueWriter writer) => TypedCodecs.Exact(value.GetType()).WriteBoxed(writer, value);

    public object? Decode(Type type, ValueReader reader) => TypedCodecs.Exact(type).ReadBoxed(reader);

    public ITypedCodec CreateTyped(Type type) =>
        (ITypedCodec)Activator.CreateInstance(typeof(ArrayCodec<>).MakeGenericType(type.GetElementType()!))!;
}

/// <summary><c>T[]</c>: the count, then each element with the element codec of <typeparamref name="T"/>.</summary>
internal sealed class ArrayCodec<T> : TypedCodec<T[]>
{
    private readonly ITypedCodec<T> element = TypedCodecs.Element<T>();

    public override void Write(ValueWriter writer, T[] value)
    {
        writer.WriteCount(value.Length);
        foreach (var item in value)
        {
            element.Write(writer, item);
        }
    }

    public override T[] Read(ValueReader reader)
    {
        var result = new T[reader.ReadCount()];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = element.Read(reader);
        }

        return result;
    }
}

/// <summary>
/// <see cref="List{T}"/> of any supported element type. Lists of int, long, float and double are
/// copied as one block of bytes; lists of strings and tuples go element by element with typed
/// codecs, with no per-element tag or boxing.
/// </summary>
internal sealed class ListCodecFamily : IValueCodec, ICodecFamily
{
    public string Tag => "list";

    public bool CanEncode(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)
        && ValueCodecs.IsSerializable(type.GetGenericArguments()[0], out _);

    public void WriteTypeArguments(Type type, ValueWriter writer) => writer.WriteType(type.GetGenericArguments()[0]);

    public Type ReadType(ValueReader reader) => typeof(List<>).MakeGenericType(reader.ReadType());

    public void Encode(object value, ValueWriter writer) => TypedCodecs.Exact(value.GetType()).WriteBoxed(writer, value);

    public object? Decode(Type type, ValueReader reader) => TypedCodecs.Exact(type).ReadBoxed(reader);

    public ITypedCodec CreateTyped(Type type)
    {
        var element = type.GetGenericArguments()[0];
        var blittable = element == typeof(int) || element == typeof(long) || element == typeof(float) || element == typeof(double);
        var codec = (blittable ? typeof(BlittableListCodec<>) : typeof(ListCodec<>)).MakeGenericType(element);
        return (ITypedCodec)Activator.CreateInstance(codec)!;
    }
}

/// <summary><see cref="List{T}"/>: the count, then each element with the element codec of <typeparamref name="T"/>.</summary>
internal sealed class ListCodec<T> : TypedCodec<List<T>>
{
    private readonly ITypedCodec<T> element = TypedCodecs.Element<T>();

    public override void Write(ValueWriter writer, List<T> value)
    {
        writer.WriteCount(value.Count);
        foreach (var item in CollectionsMarshal.AsSpan(value))
        {
            element.Write(writer, item);
        }
    }

    public override List<T> Read(ValueReader reader)
    {
        var count = reader.ReadCount();
        var result = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            result.Add(element.Read(reader));
        }

        return result;
    }
}

/// <summary><see cref="List{T}"/> of a primitive number: the count, then the elements' bytes in one copy.</summary>
internal sealed class BlittableListCodec<T> : TypedCodec<List<T>>
    where T : unmanaged
{
    public override void Write(ValueWriter writer, List<T> value)
    {
        writer.WriteCount(value.Count);
        writer.WriteBytes(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(value)));
    }

    public override List<T> Read(ValueReader reader)
    {
        var size = Unsafe.SizeOf<T>();
        var count = reader.ReadCount(size);
        var result = new List<T>(count);
        CollectionsMarshal.SetCount(result, count);
        reader.ReadBytes(count * size).CopyTo(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(result)));
        return result;
    }
}

/// <summary>
/// <see cref="Dictionary{TKey, TValue}"/> of supported keys and values (such as the
/// <c>Dictionary&lt;string, long&gt;</c> of a bag's frequencies). Decoded dictionaries use the
/// default comparer of the key type.
/// </summary>
internal sealed class DictionaryCodecFamily : IValueCodec, ICodecFamily
{
    public string Tag => "dict";

    public bool CanEncode(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>)
        && type.GetGenericArguments().All(a => ValueCodecs.IsSerializable(a, out _));

    public void WriteTypeArguments(Type type, ValueWriter writer)
    {
        var args = type.GetGenericArguments();
        writer.WriteType(args[0]);
        writer.WriteType(args[1]);
    }

    public Type ReadType(ValueReader reader)
    {
        var key = reader.ReadType();
        var value = reader.ReadType();
        return typeof(Dictionary<,>).MakeGenericType(key, value);
    }

    public void Encode(object value, ValueWriter writer) => TypedCodecs.Exact(value.GetType()).WriteBoxed(writer, value);

    public object? Decode(Type type, ValueReader reader) => TypedCodecs.Exact(type).ReadBoxed(reader);

    public ITypedCodec CreateTyped(Type type) =>
        (ITypedCodec)Activator.CreateInstance(typeof(DictionaryCodec<,>).MakeGenericType(type.GetGenericArguments()))!;
}

/// <summary><see cref="Dictionary{TKey, TValue}"/>: the count, then each key and value with their element codecs.</summary>
internal sealed class DictionaryCodec<TKey, TValue> : TypedCodec<Dictionary<TKey, TValue>>
    where TKey : notnull
{
    private readonly ITypedCodec<TKey> keys = TypedCodecs.Element<TKey>();
    private readonly ITypedCodec<TValue> values = TypedCodecs.Element<TValue>();

    public override void Write(ValueWriter writer, Dictionary<TKey, TValue> value)
    {
        writer.WriteCount(value.Count);
        foreach (var (k, v) in value)
        {
            keys.Write(writer, k);
            values.Write(writer, v);
        }
    }

    public override Dictionary<TKey, TValue> Read(ValueReader reader)
    {
        var count = reader.ReadCount(minBytesPerItem: 2);
        var result = new Dictionary<TKey, TValue>(count);
        for (var i = 0; i < count; i++)
        {
            var key = keys.Read(reader) ?? throw new InvalidDataException("A dictionary key was sent as null.");
            if (!result.TryAdd(key, values.Read(reader)))
            {
                throw new InvalidDataException($"Dictionary key {key} was sent twice.");
            }
        }

        return result;
    }
}
