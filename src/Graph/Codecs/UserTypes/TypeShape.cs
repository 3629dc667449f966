using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using MessagePack;

namespace MiniDask.Graph.Codecs.UserTypes;

/// <summary>
/// What <see cref="UserTypeSerializer"/> knows of one type: its kind, the types it is made of, how
/// to build it, and, for a type it cannot write, why (naming the member at fault). Shapes are made
/// by reflection once per type (see <see cref="Of"/>) and hold collectible types only weakly.
/// </summary>
internal sealed class TypeShape
{
    private static readonly Loading.TypeCache<TypeShape> Cache = new();

    private static readonly HashSet<Type> Builtins =
    [
        typeof(bool), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long),
        typeof(ulong), typeof(float), typeof(double), typeof(char), typeof(string), typeof(decimal), typeof(DateTime),
        typeof(DateTimeOffset), typeof(TimeSpan), typeof(Guid), typeof(byte[]), typeof(Uri), typeof(Version),
        typeof(System.Numerics.BigInteger), typeof(DateOnly), typeof(TimeOnly),
    ];

    private static readonly Type[] SequenceInterfaces =
    [
        typeof(IEnumerable<>), typeof(ICollection<>), typeof(IList<>), typeof(IReadOnlyCollection<>), typeof(IReadOnlyList<>),
    ];

    private static readonly Type[] SetInterfaces = [typeof(ISet<>), typeof(IReadOnlySet<>)];

    private static readonly Type[] DictionaryInterfaces = [typeof(IDictionary<,>), typeof(IReadOnlyDictionary<,>)];

    private TypeShape(Type type, ShapeKind kind)
    {
        Type = type;
        Kind = kind;
    }

    /// <summary>The type.</summary>
    public Type Type { get; }

    /// <summary>How it is written.</summary>
    public ShapeKind Kind { get; }

    /// <summary>The item type of an array, collection or nullable; the key type of a dictionary.</summary>
    public Type? Item { get; private init; }

    /// <summary>The value type of a dictionary.</summary>
    public Type? Value { get; private init; }

    /// <summary>The component types of a tuple.</summary>
    public Type[] Components { get; private init; } = [];

    /// <summary>The type constructed when reading a collection or dictionary typed as an interface.</summary>
    public Type? Concrete { get; private init; }

    /// <summary>The members of an object.</summary>
    public ObjectLayout? Layout { get; private init; }

    /// <summary>Why values of the type itself cannot be written (members are checked by <see cref="UserTypeRules"/>); null when they can.</summary>
    public string? Refusal { get; private init; }

    /// <summary>The shape of <paramref name="type"/>, made once.</summary>
    public static TypeShape Of(Type type) => Cache.GetOrAdd(type, Create);

    private static TypeShape Create(Type type)
    {
        if (Builtins.Contains(type))
        {
            return new TypeShape(type, ShapeKind.Builtin);
        }

        if (type.IsEnum)
        {
            return new TypeShape(type, ShapeKind.Enum);
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return new TypeShape(type, ShapeKind.Nullable) { Item = underlying };
        }

        if (Refuse(type) is { } refusal)
        {
            return Refused(type, refusal);
        }

        if (type.IsArray)
        {
            return type.GetArrayRank() == 1
                ? new TypeShape(type, ShapeKind.Array) { Item = type.GetElementType() }
                : Refused(type, "it is a multi-dimensional array; use a jagged array or an NDArray");
        }

        if (IsTuple(type))
        {
            return new TypeShape(type, ShapeKind.Tuple) { Components = type.GetGenericArguments() };
        }

        if (Implementing(type, DictionaryInterfaces) is { } dictionary)
        {
            var arguments = dictionary.GetGenericArguments();
            var concrete = type.IsInterface ? typeof(Dictionary<,>).MakeGenericType(arguments) : type;
            var missing = Constructible(concrete)
                ?? (typeof(IDictionary).IsAssignableFrom(concrete) ? null : "it cannot be rebuilt entry by entry (it is not an IDictionary)");
            return missing is null
                ? new TypeShape(type, ShapeKind.Dictionary) { Item = arguments[0], Value = arguments[1], Concrete = concrete }
                : Refused(type, missing);
        }

        if (Implementing(type, [.. SequenceInterfaces, .. SetInterfaces]) is { } sequence)
        {
            var item = sequence.GetGenericArguments()[0];
            var concrete = !type.IsInterface ? type
                : Implementing(type, SetInterfaces) is not null ? typeof(HashSet<>).MakeGenericType(item)
                : typeof(List<>).MakeGenericType(item);
            var missing = Constructible(concrete)
                ?? (AddMethod(concrete, item) is null ? $"it has no public Add({TypeNames.Format(item)}) to rebuild it with" : null);
            return missing is null
                ? new TypeShape(type, ShapeKind.Collection) { Item = item, Concrete = concrete }
                : Refused(type, missing);
        }

        if (typeof(IEnumerable).IsAssignableFrom(type))
        {
            return Refused(type, "it is a non-generic collection, whose items have no declared type");
        }

        if (type.IsInterface)
        {
            return Refused(type, "it is an interface, so no class to create can be told from it");
        }

        if (type.IsAbstract)
        {
            return Refused(type, "it is abstract, so no class to create can be told from it");
        }

        var layout = ObjectLayout.Of(type);
        return new TypeShape(type, ShapeKind.Object) { Layout = layout, Refusal = layout.Problem };
    }

    /// <summary>The public <c>Add</c> method a collection is rebuilt with.</summary>
    public static MethodInfo? AddMethod(Type collection, Type item) =>
        collection.GetMethod("Add", BindingFlags.Public | BindingFlags.Instance, [item])
        ?? collection.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollection<>))?.GetMethod("Add");

    private static TypeShape Refused(Type type, string reason) => new(type, ShapeKind.Object) { Refusal = reason };

    private static string? Refuse(Type type) => type switch
    {
        _ when type == typeof(object) => "it is object, which carries no type to decode into; use a concrete type",
        _ when type.ContainsGenericParameters => "it is an open generic type",
        _ when type.IsPointer || type.IsByRef || type.IsByRefLike || type == typeof(IntPtr) || type == typeof(UIntPtr) =>
            "it is a pointer or handle, which means nothing in another process",
        _ when typeof(Delegate).IsAssignableFrom(type) => "it is a delegate; values cannot carry code (pass a function as an op instead)",
        _ when typeof(MemberInfo).IsAssignableFrom(type) || typeof(Assembly).IsAssignableFrom(type) => "it is reflection metadata, which cannot be sent as data",
        _ when typeof(Stream).IsAssignableFrom(type) || typeof(Task).IsAssignableFrom(type) || typeof(WaitHandle).IsAssignableFrom(type)
            || typeof(Thread).IsAssignableFrom(type) || (typeof(IDisposable).IsAssignableFrom(type) && !type.IsValueType && !IsCollection(type)) =>
            "it is a live resource, which cannot be sent as data",
        _ => null,
    };

    private static bool IsCollection(Type type) => typeof(IEnumerable).IsAssignableFrom(type);

    private static string? Constructible(Type type) =>
        type.IsValueType || type.GetConstructor(Type.EmptyTypes) is not null
            ? null
            : "it has no public parameterless constructor to rebuild it with";

    private static bool IsTuple(Type type)
    {
        if (!type.IsGenericType)
        {
            return false;
        }

        var name = type.GetGenericTypeDefinition().FullName!;
        return name.StartsWith("System.ValueTuple`", StringComparison.Ordinal)
            || name.StartsWith("System.Tuple`", StringComparison.Ordinal)
            || type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>);
    }

    private static Type? Implementing(Type type, Type[] definitions) =>
        (type.IsInterface ? type.GetInterfaces().Prepend(type) : type.GetInterfaces())
        .FirstOrDefault(i => i.IsGenericType && definitions.Contains(i.GetGenericTypeDefinition()));
}
