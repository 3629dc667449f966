using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using MiniDask.Graph;

namespace MiniDask.Array;

/// <summary>
/// User functions in task graphs (<c>Map</c>, <c>MapBlocks</c>, <c>Blockwise</c>,
/// <c>FromFunction</c>). Tasks hold no delegates: a function is registered in
/// <see cref="OpRegistry"/> under a name built from its assembly, type and method, which a
/// worker that loads the same assembly can find again. A lambda that captures variables works
/// in this process, but its state is not part of that name: it gets a name unique to this
/// process and is listed by <see cref="FindCapturing"/>, so that a distributed client can refuse it
/// with the captured variables' names.
/// </summary>
public static class UserFunctions
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Capturing = new(StringComparer.Ordinal);
    private static long closures;

    /// <summary>
    /// The deterministic identity of <paramref name="function"/>'s method:
    /// <c>{assembly}:{declaring type}.{method}({parameter types})</c>.
    /// </summary>
    public static string Identify(Delegate function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var method = function.Method;
        var type = method.DeclaringType;
        var parameters = string.Join(",", method.GetParameters().Select(p => p.ParameterType.Name));
        return $"{type?.Assembly.GetName().Name}:{type?.FullName}.{method.Name}({parameters})";
    }

    /// <summary>
    /// The variables <paramref name="function"/> captures: empty for a static method or a lambda
    /// that captures nothing; the captured locals' names for a closure (<c>this</c> for a
    /// captured instance); <c>this</c> for an instance method bound to an object.
    /// </summary>
    public static IReadOnlyList<string> CapturedVariables(Delegate function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var target = function.Target;
        if (target is null)
        {
            return [];
        }

        var type = target.GetType();
        if (!type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false))
        {
            return ["this"];
        }

        return [.. type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(f => f.Name.EndsWith("__this", StringComparison.Ordinal) ? "this" : f.Name)];
    }

    /// <summary>
    /// The ops of <paramref name="graph"/> that run capturing lambdas, with the names of the
    /// variables each captures; empty when every user function can be found by name elsewhere.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> FindCapturing(TaskGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var result = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var task in graph.Values)
        {
            if (Capturing.TryGetValue(task.Op, out var names))
            {
                result[task.Op] = names;
            }
        }

        return result;
    }

    /// <summary>
    /// Registers the block op that runs <paramref name="function"/> (made by
    /// <paramref name="makeOp"/>) and returns its name:
    /// <c>user.{kind}.{signature}:{identity}</c>, with a process-unique suffix for closures.
    /// </summary>
    internal static string Register(string kind, string signature, Delegate function, Func<OpFunc> makeOp)
    {
        var name = $"user.{kind}.{signature}:{Identify(function)}";
        var captured = CapturedVariables(function);
        if (captured.Count > 0)
        {
            name += $"#closure{Interlocked.Increment(ref closures)}";
            Capturing[name] = captured;
        }

        if (!OpRegistry.IsRegistered(name))
        {
            OpRegistry.Register(name, makeOp());
        }

        return name;
    }
}
