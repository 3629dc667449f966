namespace MiniDask.Graph.Codecs.UserTypes;

/// <summary>
/// Decides, from the type alone, whether values of a type survive a trip through
/// <see cref="UserTypeSerializer"/> and come back equal, and if not names the member at fault:
/// every member that holds state must be public and either settable or a constructor parameter,
/// and every member, item and key type must qualify too. Nothing may be typed <see cref="object"/>,
/// an interface (other than the collection ones), an abstract class, a delegate or a live resource.
/// </summary>
internal static class UserTypeRules
{
    private static readonly Loading.TypeCache<Verdict> Cache = new();

    /// <summary>Null when values of <paramref name="type"/> round-trip; otherwise why not, naming the member.</summary>
    public static string? WhyNot(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Cache.GetOrAdd(type, static t => new Verdict(Check(t, TypeNames.Format(t), []))).Reason;
    }

    private static string? Check(Type type, string path, HashSet<Type> visiting)
    {
        var shape = TypeShape.Of(type);
        if (shape.Refusal is { } refusal)
        {
            return path == TypeNames.Format(type) ? refusal : $"{path} is a {TypeNames.Format(type)}, and {refusal}";
        }

        if (!visiting.Add(type))
        {
            return null;
        }

        try
        {
            return shape.Kind switch
            {
                ShapeKind.Builtin or ShapeKind.Enum => null,
                ShapeKind.Nullable => Check(shape.Item!, path, visiting),
                ShapeKind.Array or ShapeKind.Collection => Check(shape.Item!, path + "[]", visiting),
                ShapeKind.Dictionary => CheckKey(shape.Item!, path) ?? Check(shape.Value!, path + "[value]", visiting),
                ShapeKind.Tuple => shape.Components.Select((c, i) => Check(c, $"{path}.Item{i + 1}", visiting)).FirstOrDefault(r => r is not null),
                _ => shape.Layout!.Members.Select(m => Check(m.Type, $"{path}.{m.MemberName}", visiting)).FirstOrDefault(r => r is not null),
            };
        }
        finally
        {
            visiting.Remove(type);
        }
    }

    private static string? CheckKey(Type key, string path) =>
        TypeShape.Of(Nullable.GetUnderlyingType(key) ?? key).Kind is ShapeKind.Builtin or ShapeKind.Enum && key != typeof(byte[])
            ? null
            : $"{path} is a dictionary keyed by {TypeNames.Format(key)}; keys must be strings, numbers, enums or other scalars";

    private sealed record Verdict(string? Reason);
}
