namespace MiniDask.Graph.Codecs;

/// <summary>Encodes values whose static type both sides know: no tag, and no boxing on the typed path.</summary>
internal interface ITypedCodec
{
    void WriteBoxed(ValueWriter writer, object? value);

    object? ReadBoxed(ValueReader reader);
}

/// <summary>The typed form of <see cref="ITypedCodec"/>, used for elements of lists, arrays, dictionaries and tuples.</summary>
internal interface ITypedCodec<T> : ITypedCodec
{
    void Write(ValueWriter writer, T value);

    T Read(ValueReader reader);
}

/// <summary>A typed codec built from <see cref="Write"/> and <see cref="Read"/> alone.</summary>
internal abstract class TypedCodec<T> : ITypedCodec<T>
{
    public abstract void Write(ValueWriter writer, T value);

    public abstract T Read(ValueReader reader);

    public void WriteBoxed(ValueWriter writer, object? value) => Write(writer, (T)value!);

    public object? ReadBoxed(ValueReader reader) => Read(reader);
}

/// <summary>A codec family (lists, arrays, dictionaries, tuples) that builds a typed codec per closed type.</summary>
internal interface ICodecFamily
{
    ITypedCodec CreateTyped(Type type);
}
