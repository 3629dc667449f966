namespace MiniDask.Graph;

/// <summary>
/// One argument of a task: a literal value, a reference to another task's key, a list of
/// arguments, or a nested task run inline (what fusion produces). Arguments are plain data, so
/// a task can be serialized and run by another process; there is deliberately no delegate case.
/// </summary>
public abstract class TaskArg
{
    private protected TaskArg()
    {
    }

    /// <summary>A literal value passed to the op as it is.</summary>
    public static TaskArg Literal(object? value) => new LiteralArg(value);

    /// <summary>A reference to the result of the task with key <paramref name="key"/>.</summary>
    public static TaskArg Ref(Key key) => new KeyRefArg(key);

    /// <summary>A list of arguments, passed to the op as an <c>object?[]</c> of their values.</summary>
    public static TaskArg List(IEnumerable<TaskArg> items) => new ListArg([.. items]);

    /// <summary>A list of key references, passed to the op as an <c>object?[]</c> of their results.</summary>
    public static TaskArg Refs(IEnumerable<Key> keys) => new ListArg([.. keys.Select(Ref)]);

    /// <summary>A task run inline, its result passed to the op.</summary>
    public static TaskArg Nested(DaskTask task) => new NestedArg(task);

    /// <summary>A key converts to a reference to it.</summary>
    public static implicit operator TaskArg(Key key) => Ref(key);
}

/// <summary>A literal argument.</summary>
public sealed class LiteralArg : TaskArg
{
    internal LiteralArg(object? value) => Value = value;

    /// <summary>The value passed to the op.</summary>
    public object? Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        int[] a => $"[{string.Join(", ", a)}]",
        long[] a => $"[{string.Join(", ", a)}]",
        _ => Value.ToString() ?? "",
    };
}

/// <summary>A reference to another task's result.</summary>
public sealed class KeyRefArg : TaskArg
{
    internal KeyRefArg(Key key) => Key = key;

    /// <summary>The referenced key.</summary>
    public Key Key { get; }

    /// <inheritdoc />
    public override string ToString() => Key.ToString();
}

/// <summary>A list of arguments.</summary>
public sealed class ListArg : TaskArg
{
    internal ListArg(TaskArg[] items) => Items = items;

    /// <summary>The items, in order.</summary>
    public IReadOnlyList<TaskArg> Items { get; }

    /// <inheritdoc />
    public override string ToString() => $"[{string.Join(", ", Items)}]";
}

/// <summary>A task evaluated inline as an argument of another task.</summary>
public sealed class NestedArg : TaskArg
{
    internal NestedArg(DaskTask task) => Task = task;

    /// <summary>The inline task.</summary>
    public DaskTask Task { get; }

    /// <inheritdoc />
    public override string ToString() => Task.ToString();
}
