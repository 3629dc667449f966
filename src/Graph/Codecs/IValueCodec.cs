namespace MiniDask.Graph.Codecs;

/// <summary>
/// Encodes values of one type, or of one family of types, for crossing a process boundary.
/// A value on the wire is its type descriptor (the codec's <see cref="Tag"/> followed by what
/// <see cref="WriteTypeArguments"/> writes, such as a list's element type or a block's dtype),
/// then the bytes <see cref="Encode"/> writes into the header, then any payload segments it added.
/// Register codecs with <see cref="ValueCodecs.Register"/>.
/// </summary>
public interface IValueCodec
{
    /// <summary>The wire tag naming this codec, unique among registered codecs (such as <c>ndarray</c>).</summary>
    string Tag { get; }

    /// <summary>Whether this codec encodes values whose runtime type is exactly <paramref name="type"/>.</summary>
    bool CanEncode(Type type);

    /// <summary>
    /// Writes what a reader needs, after the tag, to know the exact type (nothing for a codec of
    /// one type; a list's element type; a block's dtype).
    /// </summary>
    void WriteTypeArguments(Type type, ValueWriter writer);

    /// <summary>Reads what <see cref="WriteTypeArguments"/> wrote and returns the exact type.</summary>
    /// <exception cref="InvalidDataException">The data does not describe a type this codec handles.</exception>
    Type ReadType(ValueReader reader);

    /// <summary>
    /// Writes <paramref name="value"/> (not null, of a type this codec encodes): at least one
    /// header byte, since readers bound a collection's element count by the header bytes left.
    /// </summary>
    void Encode(object value, ValueWriter writer);

    /// <summary>Reads a value of <paramref name="type"/> (as returned by <see cref="ReadType"/>).</summary>
    /// <exception cref="InvalidDataException">The data is malformed.</exception>
    object? Decode(Type type, ValueReader reader);
}
