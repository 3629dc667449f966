namespace MiniDask.Graph.Functions;

/// <summary>
/// A graph names a user function that exists only in the process that built it (a lambda that
/// captures variables, for example), so it cannot run on distributed workers.
/// </summary>
public sealed class ProcessLocalFunctionException(Key key, string function, string reason)
    : InvalidOperationException(
        $"Task {key} calls {function}, which {reason}: it exists only in the process that built the graph, so a distributed run cannot send it to workers. " +
        "Pass a static method or a lambda that captures nothing, or compute with a local scheduler.")
{
    /// <summary>The task that names the function.</summary>
    public Key Key { get; } = key;

    /// <summary>The readable name of the function.</summary>
    public string Function { get; } = function;

    /// <summary>Why the function is process-local, such as <c>captures factor,offset</c>.</summary>
    public string Reason { get; } = reason;
}
