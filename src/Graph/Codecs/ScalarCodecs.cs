namespace MiniDask.Graph.Codecs;

/// <summary>The tag of a null value; it has no header and no segments.</summary>
internal sealed class NullCodec : IValueCodec
{
    public const string NullTag = "null";

    public string Tag => NullTag;

    public bool CanEncode(Type type) => false;

    public void WriteTypeArguments(Type type, ValueWriter writer)
    {
    }

    public Type ReadType(ValueReader reader) => typeof(object);

    public void Encode(object value, ValueWriter writer) =>
        throw new InvalidOperationException("Null has no codec; writers emit the null tag themselves.");

    public object? Decode(Type type, ValueReader reader) => null;
}

/// <summary><see cref="bool"/> as one byte.</summary>
internal sealed class BooleanCodec : ValueCodec<bool>
{
    public override string Tag => "bool";

    public override void Write(ValueWriter writer, bool value) => writer.WriteBoolean(value);

    public override bool Read(ValueReader reader) => reader.ReadBoolean();
}

/// <summary><see cref="int"/>, 4 bytes little-endian.</summary>
internal sealed class Int32Codec : ValueCodec<int>
{
    public override string Tag => "i32";

    public override void Write(ValueWriter writer, int value) => writer.WriteInt32(value);

    public override int Read(ValueReader reader) => reader.ReadInt32();
}

/// <summary><see cref="long"/>, 8 bytes little-endian.</summary>
internal sealed class Int64Codec : ValueCodec<long>
{
    public override string Tag => "i64";

    public override void Write(ValueWriter writer, long value) => writer.WriteInt64(value);

    public override long Read(ValueReader reader) => reader.ReadInt64();
}

/// <summary><see cref="float"/>, 4 bytes little-endian, NaN payloads and signed zeros kept.</summary>
internal sealed class SingleCodec : ValueCodec<float>
{
    public override string Tag => "f32";

    public override void Write(ValueWriter writer, float value) => writer.WriteSingle(value);

    public override float Read(ValueReader reader) => reader.ReadSingle();
}

/// <summary><see cref="double"/>, 8 bytes little-endian, NaN payloads and signed zeros kept.</summary>
internal sealed class DoubleCodec : ValueCodec<double>
{
    public override string Tag => "f64";

    public override void Write(ValueWriter writer, double value) => writer.WriteDouble(value);

    public override double Read(ValueReader reader) => reader.ReadDouble();
}

/// <summary><see cref="string"/> as its UTF-8 length and bytes.</summary>
internal sealed class StringCodec : ValueCodec<string>
{
    public override string Tag => "str";

    public override void Write(ValueWriter writer, string value) => writer.WriteString(value);

    public override string Read(ValueReader reader) => reader.ReadString();
}

/// <summary>
/// An array of byte, int, long, float or double: copied into the header when small, otherwise a
/// payload segment over the array itself (see <see cref="ValueWriter.WriteBuffer{T}"/>).
/// </summary>
internal sealed class BufferCodec<T>(string tag) : ValueCodec<T[]>
    where T : unmanaged
{
    public override string Tag => tag;

    public override void Write(ValueWriter writer, T[] value) => writer.WriteBuffer(value);

    public override T[] Read(ValueReader reader) => reader.ReadBuffer<T>();
}
