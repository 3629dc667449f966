using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace MiniDask.Graph;

/// <summary>
/// The implementation of an op: takes the task's resolved arguments (literals as they are, key
/// references replaced by their results, lists as <c>object?[]</c>) and returns the result.
/// </summary>
public delegate object? OpFunc(object?[] args);

/// <summary>
/// Maps op names to implementations. Collections register their block ops once per process
/// (from a module initializer); schedulers and workers resolve tasks' ops by name.
/// </summary>
public static class OpRegistry
{
    private static readonly ConcurrentDictionary<string, OpFunc> Ops = new(StringComparer.Ordinal);

    /// <summary>Registers <paramref name="func"/> under <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">Another implementation is already registered under that name.</exception>
    public static void Register(string name, OpFunc func)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(func);
        var existing = Ops.GetOrAdd(name, func);
        if (existing != func && existing.Method != func.Method)
        {
            throw new InvalidOperationException(
                $"Op '{name}' is already registered by {existing.Method.DeclaringType?.FullName}.{existing.Method.Name}; op names must be unique.");
        }
    }

    /// <summary>Whether an op named <paramref name="name"/> is registered.</summary>
    public static bool IsRegistered(string name) => Ops.ContainsKey(name);

    /// <summary>The implementation registered under <paramref name="name"/>.</summary>
    /// <exception cref="UnknownOpException">No op has that name.</exception>
    public static OpFunc Resolve(string name) =>
        Ops.TryGetValue(name, out var f) ? f : throw new UnknownOpException(name);

    /// <summary>The names of all registered ops, sorted.</summary>
    public static IReadOnlyList<string> Names => [.. Ops.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Runs the module initializer of <paramref name="assembly"/>, so that the ops it registers
    /// there are available (a worker does this for every collection assembly it serves).
    /// </summary>
    public static void EnsureRegistered(Assembly assembly) =>
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
}
