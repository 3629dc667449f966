using MiniDask.Graph.Loading;

namespace MiniDask.Bag;

/// <summary>
/// Element types travel in tasks as names, not as <see cref="Type"/> objects, so a task stays
/// plain data that another process can resolve (from the same assemblies).
/// </summary>
internal static class TypeNames
{
    private const char Separator = '|';
    // Per load context: a worker resolves each client's type names among that client's uploaded assemblies.
    private static readonly ContextualCache<string, Type[]> Resolved = new(StringComparer.Ordinal);

    /// <summary>The names of <paramref name="types"/> in one string: core-library types by full name, others assembly-qualified.</summary>
    public static string Join(params Type[] types) => string.Join(Separator, types.Select(Of));

    /// <summary>The types named by a string made with <see cref="Join"/>.</summary>
    /// <exception cref="TypeLoadException">A named type cannot be loaded in this process.</exception>
    public static Type[] Resolve(string names) => Resolved.GetOrAdd(names, static n => [.. n.Split(Separator).Select(Load)]);

    private static string Of(Type type) =>
        (type.Assembly == typeof(object).Assembly ? type.FullName : type.AssemblyQualifiedName)
        ?? throw new ArgumentException($"Type {type} has no name that another process could load (an open generic parameter?).", nameof(type));

    private static Type Load(string name) =>
        Type.GetType(name, throwOnError: false)
        ?? throw new TypeLoadException($"Cannot load element type '{name}' in this process; is its assembly available?");
}
