using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization;

namespace MiniDask.Bag;

/// <summary>
/// Decides, from the type alone, whether values can be encoded by <see cref="BagCodec"/> and
/// decoded back in another process: natively (strings, primitives, tuples) or through
/// System.Text.Json, whose rules for constructing objects are checked here so that a type fails
/// before a run rather than in the middle of one.
/// </summary>
internal static class SerializabilityCheck
{
    private static readonly Type[] CollectionInterfaces =
    [
        typeof(IEnumerable<>), typeof(ICollection<>), typeof(IList<>), typeof(IReadOnlyCollection<>), typeof(IReadOnlyList<>),
        typeof(ISet<>), typeof(IReadOnlySet<>),
    ];

    private static readonly Type[] DictionaryInterfaces = [typeof(IDictionary<,>), typeof(IReadOnlyDictionary<,>)];

    /// <summary>Why values of <paramref name="type"/> cannot be serialized, or null when they can.</summary>
    public static string? Problem(Type type) => Problem(type, type.Name, []);

    private static string? Problem(Type type, string path, HashSet<Type> visiting)
    {
        if (ElementCodecs.IsNative(type) || type.IsEnum)
        {
            return null;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Problem(underlying, path, visiting);
        }

        var refusal = Refusal(type);
        if (refusal is not null)
        {
            return $"{path} is {Describe(type)}, {refusal}";
        }

        if (!visiting.Add(type))
        {
            return null;
        }

        try
        {
            if (type.IsArray)
            {
                return type.GetArrayRank() == 1
                    ? Problem(type.GetElementType()!, path + "[]", visiting)
                    : $"{path} is a multidimensional array, which System.Text.Json cannot serialize";
            }

            if (IsTuple(type))
            {
                return type.GetGenericArguments().Select((t, i) => Problem(t, $"{path}.Item{i + 1}", visiting)).FirstOrDefault(p => p is not null);
            }

            if (Implementing(type, DictionaryInterfaces) is { } dictionary)
            {
                var (key, value) = (dictionary.GetGenericArguments()[0], dictionary.GetGenericArguments()[1]);
                if (!ElementCodecs.IsNative(key) && !key.IsEnum)
                {
                    return $"{path} is a dictionary keyed by {Describe(key)}; keys must be strings, numbers, enums or other primitives";
                }

                return Constructible(type, path) ?? Problem(value, path + "[value]", visiting);
            }

            if (Implementing(type, CollectionInterfaces) is { } collection)
            {
                return Constructible(type, path) ?? Problem(collection.GetGenericArguments()[0], path + "[]", visiting);
            }

            if (typeof(IEnumerable).IsAssignableFrom(type))
            {
                return $"{path} is {Describe(type)}, a non-generic collection whose elements have no declared type";
            }

            return ObjectProblem(type, path, visiting);
        }
        finally
        {
            visiting.Remove(type);
        }
    }

    private static string? Refusal(Type type) => type switch
    {
        _ when type == typeof(object) => "which carries no type to decode into; use a concrete type",
        _ when type.IsPointer || type.IsByRef || type == typeof(IntPtr) || type == typeof(UIntPtr) =>
            "a pointer or handle, which means nothing in another process",
        _ when typeof(Delegate).IsAssignableFrom(type) => "a delegate, which cannot be sent as data",
        _ when typeof(MemberInfo).IsAssignableFrom(type) || typeof(Assembly).IsAssignableFrom(type) => "reflection metadata, which cannot be sent as data",
        _ when typeof(Stream).IsAssignableFrom(type) || typeof(Task).IsAssignableFrom(type) || typeof(WaitHandle).IsAssignableFrom(type)
            || typeof(Thread).IsAssignableFrom(type) || (typeof(IDisposable).IsAssignableFrom(type) && !type.IsValueType) =>
            "a live resource, which cannot be sent as data",
        _ when type.ContainsGenericParameters => "an open generic type",
        _ when type.IsInterface && Implementing(type, [.. CollectionInterfaces, .. DictionaryInterfaces]) is null =>
            "an interface, which System.Text.Json cannot construct",
        _ when type.IsAbstract && !type.IsInterface => "an abstract class, which System.Text.Json cannot construct",
        _ => null,
    };

    private static string? ObjectProblem(Type type, string path, HashSet<Type> visiting)
    {
        var members = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true } && !p.IsDefined(typeof(JsonIgnoreAttribute)))
            .Select(p => (p.Name, Type: p.PropertyType, Writable: p.SetMethod is { IsPublic: true }))
            .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance)
                .Where(f => !f.IsDefined(typeof(JsonIgnoreAttribute)))
                .Select(f => (f.Name, Type: f.FieldType, Writable: !f.IsInitOnly)))
            .ToList();
        if (members.Count == 0)
        {
            return $"{path} is {Describe(type)}, which has no public properties or fields to serialize";
        }

        var constructor = type.IsValueType ? null : JsonConstructor(type);
        if (!type.IsValueType && constructor is null)
        {
            return $"{path} is {Describe(type)}, which has no public parameterless constructor and no single public constructor System.Text.Json could call";
        }

        var parameters = constructor?.GetParameters().Select(p => p.Name!).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        foreach (var parameter in parameters.Where(p => !members.Any(m => string.Equals(m.Name, p, StringComparison.OrdinalIgnoreCase))))
        {
            return $"{path} is {Describe(type)}, whose constructor parameter '{parameter}' matches no public property or field";
        }

        foreach (var member in members)
        {
            if (!member.Writable && !parameters.Contains(member.Name))
            {
                return $"{path}.{member.Name} is read-only and no constructor parameter sets it, so its value would be lost";
            }

            if (Problem(member.Type, $"{path}.{member.Name}", visiting) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static ConstructorInfo? JsonConstructor(Type type)
    {
        var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        return constructors.FirstOrDefault(c => c.IsDefined(typeof(JsonConstructorAttribute)))
            ?? constructors.FirstOrDefault(c => c.GetParameters().Length == 0)
            ?? (constructors.Length == 1 ? constructors[0] : null);
    }

    private static string? Constructible(Type type, string path) =>
        type.IsInterface || type.IsArray || type.IsValueType || type.GetConstructor(Type.EmptyTypes) is not null
            ? null
            : $"{path} is {Describe(type)}, a collection without a public parameterless constructor";

    private static Type? Implementing(Type type, Type[] definitions) =>
        (type.IsInterface ? type.GetInterfaces().Prepend(type) : type.GetInterfaces())
        .FirstOrDefault(i => i.IsGenericType && definitions.Contains(i.GetGenericTypeDefinition()));

    /// <summary>Tuples and key-value pairs, which System.Text.Json or the native codec handle item by item.</summary>
    private static bool IsTuple(Type type) =>
        type.IsGenericType && (type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal)
            || type.FullName.StartsWith("System.Tuple`", StringComparison.Ordinal)
            || type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>));

    private static string Describe(Type type) => $"a {type}";
}
