using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Serialization;
using MessagePack;

namespace MiniDask.Graph.Codecs.UserTypes;

/// <summary>
/// How a record, class or struct is written: as MessagePack's contractless resolver does (a map of
/// its public properties and fields by name), or as its <c>[MessagePackObject]</c> contract says (an
/// array by <c>[Key(int)]</c>, a map by <c>[Key(string)]</c> or by property name), and which
/// constructor rebuilds it: a <c>[SerializationConstructor]</c>, else the public one with the most
/// parameters that all name members, else the parameterless one. <see cref="Problem"/> says why a
/// type cannot round-trip, naming the member.
/// </summary>
internal sealed class ObjectLayout
{
    private ObjectLayout(Type type) => Type = type;

    /// <summary>The type.</summary>
    public Type Type { get; }

    /// <summary>Whether values are MessagePack arrays indexed by <see cref="LayoutMember.Index"/>; otherwise maps keyed by name.</summary>
    public bool AsArray { get; private init; }

    /// <summary>The members written, in order.</summary>
    public LayoutMember[] Members { get; private init; } = [];

    /// <summary>The constructor that rebuilds a value; null for a struct's default value.</summary>
    public ConstructorInfo? Constructor { get; private init; }

    /// <summary>For each constructor parameter, the index in <see cref="Members"/> of the member it takes.</summary>
    public int[] ConstructorMembers { get; private init; } = [];

    /// <summary>Why values of the type cannot round-trip, or null.</summary>
    public string? Problem { get; private init; }

    /// <summary>The layout of <paramref name="type"/>, found by reflection.</summary>
    public static ObjectLayout Of(Type type)
    {
        var contract = type.GetCustomAttribute<MessagePackObjectAttribute>();
        var (members, asArray, problem) = contract is { KeyAsPropertyName: false } ? Keyed(type) : Named(type);
        if (problem is not null)
        {
            return new ObjectLayout(type) { Problem = problem };
        }

        var constructor = ChooseConstructor(type, members);
        if (constructor is null && !type.IsValueType)
        {
            return new ObjectLayout(type)
            {
                Problem = $"{TypeNames.Format(type)} has no public parameterless constructor and no public constructor whose parameters all name its members",
            };
        }

        var parameters = constructor?.GetParameters() ?? [];
        var taken = parameters.Select(p => Array.FindIndex(members, m => string.Equals(m.MemberName, p.Name, StringComparison.OrdinalIgnoreCase))).ToArray();
        var kept = new List<LayoutMember>();
        for (var i = 0; i < members.Length; i++)
        {
            var member = members[i];
            if (member.Settable || taken.Contains(i))
            {
                kept.Add(member);
            }
            else if (member.Stored)
            {
                return new ObjectLayout(type)
                {
                    Problem = $"{TypeNames.Format(type)}.{member.MemberName} is read-only and no constructor parameter sets it, so its value would be lost",
                };
            }
        }

        var carried = new HashSet<string>(kept.Select(m => m.MemberName), StringComparer.OrdinalIgnoreCase);
        var hidden = HiddenState(type, carried);
        return new ObjectLayout(type)
        {
            AsArray = asArray,
            Members = [.. kept],
            Constructor = constructor,
            ConstructorMembers = [.. parameters.Select(p => kept.FindIndex(m => string.Equals(m.MemberName, p.Name, StringComparison.OrdinalIgnoreCase)))],
            Problem = hidden is null
                ? null
                : $"{TypeNames.Format(type)} keeps state in the non-public field '{hidden}', which is not sent; make it a public property",
        };
    }

    /// <summary>Contractless members: public properties with a getter and public fields, by name.</summary>
    private static (LayoutMember[] Members, bool AsArray, string? Problem) Named(Type type)
    {
        var members = PublicMembers(type)
            .Where(m => !m.IsDefined(typeof(IgnoreMemberAttribute)) && !m.IsDefined(typeof(IgnoreDataMemberAttribute)))
            .Select(m => LayoutMember.Of(m, m.GetCustomAttribute<KeyAttribute>()?.StringKey ?? m.Name, -1))
            .ToArray();
        return (members, false, null);
    }

    /// <summary>Contract members: those with <c>[Key]</c>, all by index or all by name.</summary>
    private static (LayoutMember[] Members, bool AsArray, string? Problem) Keyed(Type type)
    {
        var members = new List<LayoutMember>();
        foreach (var member in PublicMembers(type).Where(m => !m.IsDefined(typeof(IgnoreMemberAttribute))))
        {
            if (member.GetCustomAttribute<KeyAttribute>() is not { } key)
            {
                return ([], false, $"{TypeNames.Format(type)}.{member.Name} has no [Key] in a [MessagePackObject] type; give it one or [IgnoreMember]");
            }

            members.Add(LayoutMember.Of(member, key.StringKey ?? member.Name, key.IntKey ?? -1));
        }

        var byIndex = members.Count(m => m.Index >= 0);
        if (byIndex != 0 && byIndex != members.Count)
        {
            return ([], false, $"{TypeNames.Format(type)} mixes [Key(int)] and [Key(string)] members");
        }

        if (members.GroupBy(m => byIndex > 0 ? m.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) : m.Name).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            return ([], false, $"{TypeNames.Format(type)} has two members with [Key({clash.Key})]");
        }

        return ([.. members], byIndex > 0, null);
    }

    private static IEnumerable<MemberInfo> PublicMembers(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true })
            .Cast<MemberInfo>()
            .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance));

    private static ConstructorInfo? ChooseConstructor(Type type, LayoutMember[] members)
    {
        var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        var marked = constructors.FirstOrDefault(c => c.IsDefined(typeof(SerializationConstructorAttribute)));
        if (marked is not null)
        {
            return Matches(marked, members) ? marked : null;
        }

        return constructors
            .Where(c => c.GetParameters().Length > 0 && Matches(c, members))
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault()
            ?? constructors.FirstOrDefault(c => c.GetParameters().Length == 0);
    }

    private static bool Matches(ConstructorInfo constructor, LayoutMember[] members) =>
        constructor.GetParameters().All(p => members.Any(m =>
            string.Equals(m.MemberName, p.Name, StringComparison.OrdinalIgnoreCase) && p.ParameterType.IsAssignableFrom(m.Type)));

    /// <summary>A non-public field that no carried member stands for: state a round trip would lose.</summary>
    private static string? HiddenState(Type type, HashSet<string> carried)
    {
        for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                var name = BackingPropertyName(field) ?? field.Name.TrimStart('_');
                if (!carried.Contains(name) && !IsComputedBacking(t, name))
                {
                    return field.Name;
                }
            }
        }

        return null;
    }

    /// <summary>Whether a compiler-made field backs a property that is not carried because nothing reads it back (a record's EqualityContract).</summary>
    private static bool IsComputedBacking(Type type, string name) =>
        name == "EqualityContract" && type.GetProperty(name, BindingFlags.Instance | BindingFlags.NonPublic) is not null;

    private static string? BackingPropertyName(FieldInfo field)
    {
        if (!field.IsDefined(typeof(CompilerGeneratedAttribute)) || !field.Name.StartsWith('<'))
        {
            return null;
        }

        var end = field.Name.IndexOf('>', StringComparison.Ordinal);
        return end > 1 ? field.Name[1..end] : null;
    }
}

/// <summary>One member of an <see cref="ObjectLayout"/>.</summary>
internal sealed class LayoutMember
{
    private readonly MemberInfo member;

    private LayoutMember(MemberInfo member, string name, int index)
    {
        this.member = member;
        Name = name;
        Index = index;
        (Type, Settable, Stored) = member switch
        {
            PropertyInfo p => (p.PropertyType, p.SetMethod is { IsPublic: true },
                p.DeclaringType!.GetField($"<{p.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic) is not null),
            FieldInfo f => (f.FieldType, !f.IsInitOnly, true),
            _ => throw new ArgumentException($"{member} is neither a property nor a field."),
        };
    }

    /// <summary>The key the member is written under (its name, or its <c>[Key(string)]</c>).</summary>
    public string Name { get; }

    /// <summary>The property's or field's own name (constructor parameters are matched against it).</summary>
    public string MemberName => member.Name;

    /// <summary>Its <c>[Key(int)]</c> index in array layouts; -1 otherwise.</summary>
    public int Index { get; }

    /// <summary>Its declared type.</summary>
    public Type Type { get; }

    /// <summary>Whether it has a public setter (init included) or is a writable field.</summary>
    public bool Settable { get; }

    /// <summary>Whether it holds state (a field or auto-property), rather than computing its value.</summary>
    public bool Stored { get; }

    public static LayoutMember Of(MemberInfo member, string name, int index) => new(member, name, index);

    public object? Get(object instance) => member is PropertyInfo p ? p.GetValue(instance) : ((FieldInfo)member).GetValue(instance);

    public void Set(object instance, object? value)
    {
        if (member is PropertyInfo p)
        {
            p.SetValue(instance, value);
        }
        else
        {
            ((FieldInfo)member).SetValue(instance, value);
        }
    }
}
