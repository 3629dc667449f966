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
/// A worker refused to run an op: it names a function outside the assemblies the worker calls by
/// name (see <see cref="Functions.CallableAssemblies"/>). The message names the op and why.
/// </summary>
/// <param name="op">The op that was refused.</param>
/// <param name="reason">Why it was refused.</param>
public sealed class RefusedOpException(string op, string reason)
    : InvalidOperationException($"Op '{op}' is refused: {reason}.")
{
    /// <summary>The op that was refused.</summary>
    public string Op { get; } = op;

    /// <summary>Why it was refused.</summary>
    public string Reason { get; } = reason;
}

/// <summary>
/// A task raised an exception while running. The message names the key and op, and the user
/// function that failed where one did (a function of yours fused into an array op, say); the
/// original exception is <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Where the innermost op that an exception passed through is noted (a fused task runs several).</summary>
    private const string FailingOpKey = "MiniDask.FailingOp";

    /// <summary>An error of the task <paramref name="key"/> running <paramref name="op"/>.</summary>
    public TaskFailedException(Key key, string op, Exception inner)
        : this(key, op, function: null, inner)
    {
    }

    private TaskFailedException(Key key, string op, string? function, Exception inner)
        : base(Describe(key, op, function, inner), inner)
    {
        Key = key;
        Op = op;
        Function = function;
    }

    /// <summary>The key of the task that failed.</summary>
    public Key Key { get; }

    /// <summary>The op the task ran.</summary>
    public string Op { get; }

    /// <summary>
    /// The readable name of the user function that failed, such as <c>Program.Square</c> or
    /// <c>lambda in Program.Main</c>; null when the failure was not in a function of the user's.
    /// </summary>
    public string? Function { get; }

    /// <summary>
    /// The error of <paramref name="task"/>, naming the user function that threw: the one whose op
    /// the exception passed through when it ran in this process, else the only user function the
    /// task (with what was fused into it) calls.
    /// </summary>
    public static TaskFailedException For(Key key, DaskTask task, Exception inner)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(inner);
        var failing = inner.Data[FailingOpKey] as string;
        var function = (failing is null ? null : Functions.UserFunctions.FunctionIn(failing))
            ?? Functions.UserFunctions.SingleFunctionIn(task);
        return new TaskFailedException(key, task.Op, function is null ? null : Functions.UserFunctions.DisplayName(function), inner);
    }

    /// <summary>Notes on <paramref name="e"/> the op it is passing through, unless an inner op was noted first; always false (an exception filter).</summary>
    internal static bool NoteFailingOp(Exception e, string op)
    {
        if (!e.Data.Contains(FailingOpKey))
        {
            try
            {
                e.Data[FailingOpKey] = op;
            }
            catch (ArgumentException)
            {
                // An exception type whose Data refuses entries: the message just names the task's op.
            }
        }

        return false;
    }

    private static string Describe(Key key, string op, string? function, Exception inner)
    {
        var error = $"{inner.GetType().Name}: {inner.Message}";

        // A function of the user's comes first, unless the inner error already begins with it (bag ops name it so).
        return function is null || inner.Message.StartsWith(function, StringComparison.Ordinal)
            ? $"Task {key} (op '{op}') failed: {error}"
            : $"{function} failed in task {key} (op '{op}'): {error}";
    }
}
