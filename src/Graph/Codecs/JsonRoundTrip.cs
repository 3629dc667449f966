using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;

namespace MiniDask.Graph.Codecs;

/// <summary>
/// Decides whether values of a type come back equal from System.Text.Json, and if not, names the
/// member at fault: every stored member must be public and either settable or a constructor
/// parameter, every member type must round-trip too, and nothing may be typed <see cref="object"/>,
/// an unknown interface, an abstract class or a delegate.
/// </summary>
internal static class JsonRoundTrip
{
    private static readonly ConcurrentDictionary<Type, string?> Cache = new();

    private static readonly HashSet<Type> Scalars =
    [
        typeof(string), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(DateOnly),
        typeof(TimeOnly), typeof(Guid), typeof(Half), typeof(Int128), typeof(UInt128), typeof(Uri), typeof(Version),
    ];

    private static readonly HashSet<Type> CollectionInterfaces =
    [
        typeof(IEnumerable<>), typeof(IList<>), typeof(ICollection<>), typeof(IReadOnlyList<>),
        typeof(IReadOnlyCollection<>), typeof(ISet<>), typeof(IReadOnlySet<>),
    ];

    /// <summary>Null when <paramref name="type"/> round-trips; otherwise the reason it does not.</summary>
    public static string? WhyNot(Type type) => Cache.GetOrAdd(type, static t => Check(t, []));

    private static string? Check(Type type, HashSet<Type> visiting)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Check(underlying, visiting);
        }

        if (type.IsEnum || Scalars.Contains(type) || (type.IsPrimitive && type != typeof(IntPtr) && type != typeof(UIntPtr)))
        {
            return null;
        }

        if (typeof(Delegate).IsAssignableFrom(type))
        {
            return $"{TypeNames.Format(type)} is a delegate; values cannot carry code (register an op instead).";
        }

        if (type == typeof(object))
        {
            return "a member typed object would come back as a JsonElement, not as the value that was sent.";
        }

        if (type.IsPointer || type.IsByRef || type.IsByRefLike || type.ContainsGenericParameters || type.IsPrimitive)
        {
            return $"{TypeNames.Format(type)} has no serialized form.";
        }

        if (!visiting.Add(type))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetArrayRank() == 1
                ? Check(type.GetElementType()!, visiting)
                : $"{TypeNames.Format(type)} is a multi-dimensional array, which System.Text.Json does not support; use a jagged array or an NDArray.";
        }

        if (type.IsInterface)
        {
            return CheckInterface(type, visiting);
        }

        if (type.IsAbstract)
        {
            return $"{TypeNames.Format(type)} is abstract, so System.Text.Json cannot tell which class to create.";
        }

        JsonTypeInfo info;
        try
        {
            info = JsonValueCodec.Options.GetTypeInfo(type);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return $"System.Text.Json cannot handle {TypeNames.Format(type)}: {e.Message}";
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => info.CreateObject is null && !IsImmutableCollection(type)
                ? $"collection {TypeNames.Format(type)} has no public parameterless constructor."
                : Check(info.ElementType!, visiting),
            JsonTypeInfoKind.Dictionary => CheckDictionary(type, info, visiting),
            JsonTypeInfoKind.Object => CheckObject(type, info, visiting),
            _ => $"System.Text.Json has no round-trip form for {TypeNames.Format(type)}.",
        };
    }

    private static string? CheckInterface(Type type, HashSet<Type> visiting)
    {
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var args = type.GetGenericArguments();
            if (CollectionInterfaces.Contains(definition))
            {
                return Check(args[0], visiting);
            }

            if (definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            {
                return CheckKey(args[0]) ?? Check(args[1], visiting);
            }
        }

        return $"{TypeNames.Format(type)} is an interface, so System.Text.Json cannot tell which class to create.";
    }

    private static string? CheckDictionary(Type type, JsonTypeInfo info, HashSet<Type> visiting)
    {
        if (info.CreateObject is null && !IsImmutableCollection(type))
        {
            return $"dictionary {TypeNames.Format(type)} has no public parameterless constructor.";
        }

        return CheckKey(info.KeyType!) ?? Check(info.ElementType!, visiting);
    }

    private static string? CheckKey(Type key) =>
        key.IsEnum || key == typeof(string) || key == typeof(Guid) || key == typeof(decimal) || key == typeof(DateTime)
        || (key.IsPrimitive && key != typeof(IntPtr) && key != typeof(UIntPtr))
            ? null
            : $"System.Text.Json cannot use {TypeNames.Format(key)} as a dictionary key.";

    private static string? CheckObject(Type type, JsonTypeInfo info, HashSet<Type> visiting)
    {
        if (info.CreateObject is null && info.ConstructorAttributeProvider is null)
        {
            return $"{TypeNames.Format(type)} has neither a public parameterless constructor nor a single public constructor System.Text.Json can call.";
        }

        var carried = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in info.Properties)
        {
            var member = (MemberInfo)property.AttributeProvider!;
            carried.Add(member.Name);
            if (property.Set is null && property.AssociatedParameter is null && IsStored(member))
            {
                return $"{TypeNames.Format(type)}.{member.Name} is read-only and not a constructor parameter, so its value would be lost.";
            }

            if (Check(property.PropertyType, visiting) is { } reason)
            {
                return $"member {TypeNames.Format(type)}.{member.Name}: {reason}";
            }
        }

        for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                var name = BackingPropertyName(field) ?? field.Name.TrimStart('_');
                if (!carried.Contains(name))
                {
                    return $"{TypeNames.Format(type)} keeps state in the non-public field '{field.Name}', which System.Text.Json does not carry; make it a public property.";
                }
            }
        }

        return null;
    }

    private static bool IsStored(MemberInfo member) => member switch
    {
        FieldInfo => true,
        PropertyInfo p => p.DeclaringType!.GetField($"<{p.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic) is not null,
        _ => false,
    };

    private static string? BackingPropertyName(FieldInfo field)
    {
        if (!field.IsDefined(typeof(CompilerGeneratedAttribute)) || !field.Name.StartsWith('<'))
        {
            return null;
        }

        var end = field.Name.IndexOf('>', StringComparison.Ordinal);
        return end > 1 ? field.Name[1..end] : null;
    }

    private static bool IsImmutableCollection(Type type) =>
        type.Namespace == "System.Collections.Immutable";
}
