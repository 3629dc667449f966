namespace MiniDask.Graph.Codecs;

/// <summary>
/// A codec for exactly one type <typeparamref name="T"/>: derive and implement
/// <see cref="Write"/> and <see cref="Read"/>. Values inside lists, dictionaries and tuples go
/// through these typed methods without boxing.
/// </summary>
/// <typeparam name="T">The type encoded.</typeparam>
public abstract class ValueCodec<T> : IValueCodec, ITypedCodec<T>
{
    /// <inheritdoc />
    public abstract string Tag { get; }

    /// <summary>Writes <paramref name="value"/>: at least one header byte (see <see cref="IValueCodec.Encode"/>).</summary>
    public abstract void Write(ValueWriter writer, T value);

    /// <summary>Reads a value written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The data is malformed.</exception>
    public abstract T Read(ValueReader reader);

    /// <inheritdoc />
    public bool CanEncode(Type type) => type == typeof(T);

    /// <inheritdoc />
    public void WriteTypeArguments(Type type, ValueWriter writer)
    {
    }

    /// <inheritdoc />
    public Type ReadType(ValueReader reader) => typeof(T);

    /// <inheritdoc />
    public void Encode(object value, ValueWriter writer) => Write(writer, (T)value);

    /// <inheritdoc />
    public object? Decode(Type type, ValueReader reader) => Read(reader);

    void ITypedCodec.WriteBoxed(ValueWriter writer, object? value) => Write(writer, (T)value!);

    object? ITypedCodec.ReadBoxed(ValueReader reader) => Read(reader);
}
