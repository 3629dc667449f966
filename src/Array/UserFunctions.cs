using System.Collections.Concurrent;
using MiniDask.Graph;

namespace MiniDask.Array;

/// <summary>
/// User functions in task graphs (<c>Map</c>, <c>MapBlocks</c>, <c>Blockwise</c>,
/// <c>FromFunction</c>). Tasks hold no delegates: a function is registered in
/// <see cref="OpRegistry"/> under a name built from its assembly, type and method (see
/// <see cref="Graph.Functions.UserFunctions.NameOf"/>). A lambda that captures variables works
/// in this process, but its state is not part of that name: it gets a name unique to this
/// process and is listed by <see cref="FindCapturing"/>, so that a distributed client can refuse it
/// with the captured variables' names.
/// </summary>
public static class UserFunctions
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Capturing = new(StringComparer.Ordinal);

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

    /// <summary>Records that op <paramref name="name"/> runs a lambda capturing <paramref name="function"/>'s variables.</summary>
    internal static void RecordCaptures(string name, Delegate function)
    {
        var captured = Graph.Functions.UserFunctions.CapturedVariables(function);
        if (captured.Count > 0)
        {
            Capturing[name] = captured;
        }
    }
}
