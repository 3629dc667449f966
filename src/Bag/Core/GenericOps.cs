using System.Reflection;
using MiniDask.Graph;
using MiniDask.Graph.Loading;

namespace MiniDask.Bag;

/// <summary>
/// Registers bag ops written as generic methods <c>object? Op&lt;T, ...&gt;(object?[] args)</c>. A task
/// of such an op carries its type arguments' names as its first argument; the op closes the
/// method over them once per type list and calls it, so the per-element loop inside is fully typed.
/// </summary>
internal static class GenericOps
{
    private static readonly ContextualCache<(MethodInfo Definition, string Types), OpFunc> Closed = new();

    /// <summary>Registers the generic method <paramref name="method"/> of <paramref name="owner"/> as op <paramref name="name"/>.</summary>
    public static void Register(string name, Type owner, string method)
    {
        var definition = owner.GetMethod(method, BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            ?? throw new MissingMethodException(owner.FullName, method);
        OpRegistry.Register(name, args => Close(definition, (string)args[0]!)(args));
    }

    /// <summary>A task of generic op <paramref name="op"/> over <paramref name="types"/> with the further <paramref name="args"/>.</summary>
    public static DaskTask Task(string op, Type[] types, params TaskArg[] args) =>
        new(op, [TaskArg.Literal(TypeNames.Join(types)), .. args]);

    private static OpFunc Close(MethodInfo definition, string types) =>
        Closed.GetOrAdd((definition, types), static k =>
            k.Definition.MakeGenericMethod(TypeNames.Resolve(k.Types)).CreateDelegate<OpFunc>());
}
