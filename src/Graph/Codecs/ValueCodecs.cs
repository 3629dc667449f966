using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace MiniDask.Graph.Codecs;

/// <summary>
/// The registry of value codecs, looked up by runtime type (to encode) and by wire tag (to
/// decode). Built in: null, bool, int, long, float, double, string, byte[], int[], long[],
/// float[], double[] (large arrays travel as payload segments, not copied), arrays and
/// <see cref="List{T}"/> of supported elements (<c>object?[]</c> included, recursively),
/// <see cref="Dictionary{TKey, TValue}"/>, <see cref="ValueTuple"/> and <see cref="Tuple"/> of
/// supported components, and a MessagePack fallback for records, classes and structs that
/// round-trip (contractless or by their <c>[MessagePackObject]</c> contract; see <see cref="EnsureSerializable"/>). Other modules add theirs with
/// <see cref="Register"/>, such as the array module's block codec.
/// </summary>
public static class ValueCodecs
{
    private static readonly Lock Gate = new();
    private static readonly ConcurrentDictionary<string, IValueCodec> ByTag = new(StringComparer.Ordinal);
    private static readonly Loading.TypeCache<Resolution> ByType = new();
    private static readonly ObjectTypeCodec ObjectType = new();
    private static readonly AbstractTypeCodec AbstractType = new();
    private static volatile IValueCodec[] byPrecedence = [];

    static ValueCodecs()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("MiniDask's wire format is little-endian and sends buffers as they are in memory.");
        }

        IValueCodec[] builtIns =
        [
            MessagePackValueCodec.Instance,
            new ArrayCodecFamily(),
            new ListCodecFamily(),
            new DictionaryCodecFamily(),
            new TupleCodecFamily(valueTuples: true),
            new TupleCodecFamily(valueTuples: false),
            new NullCodec(),
            new BooleanCodec(),
            new Int32Codec(),
            new Int64Codec(),
            new SingleCodec(),
            new DoubleCodec(),
            new StringCodec(),
            new BufferCodec<byte>("u8[]"),
            new BufferCodec<int>("i32[]"),
            new BufferCodec<long>("i64[]"),
            new BufferCodec<float>("f32[]"),
            new BufferCodec<double>("f64[]"),
        ];
        foreach (var codec in builtIns)
        {
            Register(codec);
        }
    }

    /// <summary>The registered codecs, the one consulted first for a type listed first.</summary>
    public static IReadOnlyList<IValueCodec> Registered => byPrecedence;

    /// <summary>
    /// Registers <paramref name="codec"/>. For a type several codecs can encode, the one registered
    /// last wins. Registering a codec of the same class under the same tag again does nothing, so
    /// module initializers may call this more than once.
    /// </summary>
    /// <exception cref="InvalidOperationException">A codec of another class already has this tag.</exception>
    public static void Register(IValueCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentException.ThrowIfNullOrEmpty(codec.Tag);
        lock (Gate)
        {
            if (ByTag.TryGetValue(codec.Tag, out var existing))
            {
                if (existing.GetType() == codec.GetType())
                {
                    return;
                }

                throw new InvalidOperationException(
                    $"Codec tag '{codec.Tag}' is already registered by {existing.GetType().FullName}; tags must be unique.");
            }

            if (codec.Tag is ObjectTypeCodec.ObjectTag or AbstractTypeCodec.AbstractTag)
            {
                throw new InvalidOperationException($"Codec tag '{codec.Tag}' is reserved for type descriptors.");
            }

            ByTag[codec.Tag] = codec;
            byPrecedence = [codec, .. byPrecedence];
            ByType.Clear();
            TypedCodecs.Clear();
        }
    }

    /// <summary>The codec that encodes values whose runtime type is <paramref name="type"/>.</summary>
    /// <exception cref="NotSupportedException">No codec can; the message names the type and says why.</exception>
    public static IValueCodec ForType(Type type)
    {
        var resolution = Resolve(type);
        return resolution.Codec ?? throw new NotSupportedException(
            $"Values of type {TypeNames.Format(type)} cannot cross a process boundary: {resolution.Reason}");
    }

    /// <summary>The codec registered under <paramref name="tag"/>.</summary>
    /// <exception cref="InvalidDataException">No codec has that tag in this process.</exception>
    public static IValueCodec ForTag(string tag) => TryGetForTag(tag, out var codec)
        ? codec
        : throw new InvalidDataException(
            $"No value codec is registered for tag '{tag}' in this process; the module that defines it (such as MiniDask.Array for 'ndarray') must be loaded.");

    /// <summary>Whether a codec is registered under <paramref name="tag"/>, and which.</summary>
    public static bool TryGetForTag(string tag, [NotNullWhen(true)] out IValueCodec? codec) => ByTag.TryGetValue(tag, out codec);

    /// <summary>
    /// Whether values of <paramref name="type"/> can cross a process boundary and come back equal;
    /// if not, <paramref name="reason"/> says why. <see cref="object"/>, interfaces and abstract
    /// classes are accepted: their values are checked when they are sent.
    /// </summary>
    public static bool IsSerializable(Type type, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (IsStaticOnly(type))
        {
            reason = null;
            return true;
        }

        reason = Resolve(type).Reason;
        return reason is null;
    }

    /// <summary>
    /// Checks that values of <paramref name="type"/> can cross a process boundary and come back
    /// equal. Records, classes and structs go through MessagePack, which needs public properties or
    /// fields that are settable or constructor parameters, and no state in private fields.
    /// </summary>
    /// <exception cref="NotSupportedException">They cannot; the message names the type and the member at fault.</exception>
    public static void EnsureSerializable(Type type)
    {
        if (!IsSerializable(type, out var reason))
        {
            throw new NotSupportedException($"Values of type {TypeNames.Format(type)} cannot cross a process boundary: {reason}");
        }
    }

    /// <summary>
    /// Whether a codec of its own (not a collection or tuple family, not the MessagePack fallback for
    /// records and classes) encodes values of exactly <paramref name="type"/>, such as a block codec.
    /// </summary>
    public static bool HasOwnCodec(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return !IsStaticOnly(type) && Resolve(type).Codec is { } codec && codec is not (ICodecFamily or MessagePackValueCodec);
    }

    /// <summary>Encodes <paramref name="value"/> (null allowed) with the codec of its runtime type.</summary>
    /// <exception cref="NotSupportedException">The value, or a value inside it, has no codec.</exception>
    public static EncodedValue Encode(object? value)
    {
        if (value is null)
        {
            return new EncodedValue(NullCodec.NullTag, ReadOnlyMemory<byte>.Empty, []);
        }

        var type = value.GetType();
        var codec = ForType(type);
        var writer = new ValueWriter();
        codec.WriteTypeArguments(type, writer);
        writer.Nest(codec, value);
        return new EncodedValue(codec.Tag, writer.Written, writer.Segments);
    }

    /// <summary>Decodes what <see cref="Encode"/> produced.</summary>
    /// <exception cref="InvalidDataException">The data is malformed, or its tag has no codec here.</exception>
    public static object? Decode(EncodedValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Decode(value.Tag, value.Header, value.Segments);
    }

    /// <summary>Decodes a value from its tag, header and payload segments.</summary>
    /// <exception cref="InvalidDataException">
    /// The data is malformed, or the tag has no codec here. Malformed input never raises another
    /// exception type, so a receiver needs to catch only this one.
    /// </exception>
    public static object? Decode(string tag, ReadOnlyMemory<byte> header, IReadOnlyList<PayloadSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var reader = new ValueReader(header, segments);
        if (tag == NullCodec.NullTag)
        {
            reader.EnsureEnd();
            return null;
        }

        var codec = ForTag(tag);
        try
        {
            var value = codec.Decode(codec.ReadType(reader), reader);
            reader.EnsureEnd();
            return value;
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or InvalidCastException or OverflowException
            or FormatException or TargetInvocationException or TypeLoadException or IOException)
        {
            // Malformed input can make reflection or a codec fail in ways other than InvalidDataException.
            throw new InvalidDataException($"A '{tag}' value could not be decoded: {e.Message}", e);
        }
    }

    /// <summary>The codec that writes <paramref name="type"/> as a type descriptor, including static-only types.</summary>
    internal static IValueCodec DescriptorCodecFor(Type type) =>
        type == typeof(object) ? ObjectType
        : IsStaticOnly(type) ? AbstractType
        : ForType(type);

    /// <summary>The codec that reads a type descriptor starting with <paramref name="tag"/>.</summary>
    internal static IValueCodec DescriptorCodecForTag(string tag) => tag switch
    {
        ObjectTypeCodec.ObjectTag => ObjectType,
        AbstractTypeCodec.AbstractTag => AbstractType,
        _ => ForTag(tag),
    };

    /// <summary>Object, interfaces and abstract classes other than delegates: types no value has exactly.</summary>
    internal static bool IsStaticOnly(Type type) =>
        (type == typeof(object) || type.IsInterface || type.IsAbstract) && !typeof(Delegate).IsAssignableFrom(type)
        && !type.ContainsGenericParameters;

    private static Resolution Resolve(Type type) => ByType.GetOrAdd(type, t =>
    {
        if (t.ContainsGenericParameters)
        {
            return new Resolution(null, "it is an open generic type.");
        }

        foreach (var codec in byPrecedence)
        {
            if (codec.CanEncode(t))
            {
                return new Resolution(codec, null);
            }
        }

        var reason = UserTypes.UserTypeRules.WhyNot(t);
        return reason is null ? new Resolution(MessagePackValueCodec.Instance, null) : new Resolution(null, reason);
    });

    private sealed record Resolution(IValueCodec? Codec, string? Reason);
}
