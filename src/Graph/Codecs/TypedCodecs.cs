
namespace MiniDask.Graph.Codecs;

/// <summary>
/// Resolves the typed codec of a static type, once per type: the exact codec of a concrete
/// type, and the element codec that adds null flags and derived-type descriptors around it.
/// The caches are cleared when a codec is registered.
/// </summary>
internal static class TypedCodecs
{
    private static readonly Loading.TypeCache<ITypedCodec> ExactCache = new();
    private static readonly Loading.TypeCache<ITypedCodec> ElementCache = new();

    /// <summary>The codec for values of exactly <typeparamref name="T"/>, with no null flag.</summary>
    public static ITypedCodec<T> Exact<T>() => (ITypedCodec<T>)Exact(typeof(T));

    /// <summary>The codec for values of exactly <paramref name="type"/>, with no null flag.</summary>
    /// <exception cref="NotSupportedException">No codec encodes <paramref name="type"/>.</exception>
    public static ITypedCodec Exact(Type type) => ExactCache.GetOrAdd(type, CreateExact);

    /// <summary>The codec for values of static type <typeparamref name="T"/>: null flags for references and nullables.</summary>
    public static ITypedCodec<T> Element<T>() => (ITypedCodec<T>)Element(typeof(T));

    /// <summary>The codec for values of static type <paramref name="type"/>.</summary>
    public static ITypedCodec Element(Type type) => ElementCache.GetOrAdd(type, CreateElement);

    public static void Clear()
    {
        ExactCache.Clear();
        ElementCache.Clear();
    }

    /// <summary>Whether values of static type <paramref name="type"/> may have an exact codec (a concrete type).</summary>
    public static bool IsConcrete(Type type) => type != typeof(object) && !type.IsInterface && !type.IsAbstract;

    private static ITypedCodec CreateExact(Type type) => ValueCodecs.ForType(type) switch
    {
        ITypedCodec typed when typeof(ITypedCodec<>).MakeGenericType(type).IsInstanceOfType(typed) => typed,
        ICodecFamily family => family.CreateTyped(type),
        var codec => Make(typeof(BoxedCodec<>), type, codec),
    };

    private static ITypedCodec CreateElement(Type type)
    {
        if (type.IsValueType)
        {
            var underlying = Nullable.GetUnderlyingType(type);
            return underlying is null ? Exact(type) : Make(typeof(NullableElement<>), underlying);
        }

        return Make(typeof(ReferenceElement<>), type);
    }

    private static ITypedCodec Make(Type generic, Type argument, params object[] args) =>
        (ITypedCodec)Activator.CreateInstance(generic.MakeGenericType(argument), args)!;
}

/// <summary>A typed view of a codec that only works with objects.</summary>
internal sealed class BoxedCodec<T>(IValueCodec codec) : TypedCodec<T>
{
    public override void Write(ValueWriter writer, T value) => writer.Nest(codec, value!);

    public override T Read(ValueReader reader) => codec.Decode(typeof(T), reader) is T value
        ? value
        : throw new InvalidDataException($"Codec '{codec.Tag}' did not produce a {TypeNames.Format(typeof(T))}.");
}

/// <summary>A nullable value type: a flag byte (0 null, 1 value) and the value.</summary>
internal sealed class NullableElement<T> : TypedCodec<T?>
    where T : struct
{
    private readonly ITypedCodec<T> exact = TypedCodecs.Exact<T>();

    public override void Write(ValueWriter writer, T? value)
    {
        writer.WriteBoolean(value.HasValue);
        if (value.HasValue)
        {
            exact.Write(writer, value.GetValueOrDefault());
        }
    }

    public override T? Read(ValueReader reader) => reader.ReadBoolean() ? exact.Read(reader) : null;
}

/// <summary>
/// A reference of static type <typeparamref name="T"/>: flag 0 for null, 1 for a value of exactly
/// <typeparamref name="T"/> (no descriptor), 2 for a value of another type, with its descriptor.
/// </summary>
internal sealed class ReferenceElement<T> : TypedCodec<T>
    where T : class?
{
    private readonly ITypedCodec<T>? exact =
        TypedCodecs.IsConcrete(typeof(T)) && ValueCodecs.IsSerializable(typeof(T), out _) ? TypedCodecs.Exact<T>() : null;

    public override void Write(ValueWriter writer, T value)
    {
        if (value is null)
        {
            writer.WriteByte(0);
        }
        else if (exact is not null && value.GetType() == typeof(T))
        {
            writer.WriteByte(1);
            exact.Write(writer, value);
        }
        else
        {
            writer.WriteByte(2);
            writer.WriteValue((object)value);
        }
    }

    public override T Read(ValueReader reader)
    {
        switch (reader.ReadByte())
        {
            case 0:
                return null!;
            case 1 when exact is not null:
                return exact.Read(reader);
            case 2:
                return reader.ReadValue() is T value
                    ? value
                    : throw new InvalidDataException($"A value sent where a {TypeNames.Format(typeof(T))} was expected has another type.");
            case var flag:
                throw new InvalidDataException($"Unexpected flag {flag} before a {TypeNames.Format(typeof(T))}.");
        }
    }
}
