namespace MiniDask.Graph;

/// <summary>A graph is malformed: a missing dependency or a cycle. The message names the keys.</summary>
public sealed class GraphValidationException(string message) : Exception(message);

/// <summary>A task names an op that is not registered in this process.</summary>
public sealed class UnknownOpException(string op)
    : Exception($"No op named '{op}' is registered. Ops register when their assembly is loaded (see OpRegistry.EnsureRegistered); check that the collection's assembly is referenced.")
{
    /// <summary>The op name that was looked up.</summary>
    public string Op { get; } = op;
}

/// <summary>
/// A task raised an exception while running. The message names the key and op; the original
/// exception is <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class TaskFailedException(Key key, string op, Exception inner)
    : Exception($"Task {key} (op '{op}') failed: {inner.GetType().Name}: {inner.Message}", inner)
{
    /// <summary>The key of the task that failed.</summary>
    public Key Key { get; } = key;

    /// <summary>The op the task ran.</summary>
    public string Op { get; } = op;
}
