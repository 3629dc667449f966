namespace MiniDask.Graph;

/// <summary>
/// A task: the name of a registered op and its arguments. Tasks are data: they hold no delegate,
/// so a graph can be serialized and run on a remote worker that resolves the op by name.
/// </summary>
public sealed class DaskTask
{
    private Key[]? dependencies;
    private OpFunc? resolved;
    private bool deviceResolved;
    private DeviceOpFunc? deviceFunction;

    /// <summary>Creates a task calling op <paramref name="op"/> with <paramref name="args"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="op"/> is empty.</exception>
    public DaskTask(string op, params TaskArg[] args)
    {
        if (string.IsNullOrEmpty(op))
        {
            throw new ArgumentException("A task needs the name of a registered op.", nameof(op));
        }

        Op = op;
        Args = args;
    }

    /// <summary>The registered op's name.</summary>
    public string Op { get; }

    /// <summary>The arguments, in call order.</summary>
    public IReadOnlyList<TaskArg> Args { get; }

    /// <summary>The distinct keys this task reads, in first-use order (nested tasks included).</summary>
    public IReadOnlyList<Key> Dependencies => dependencies ??= CollectDependencies();

    /// <summary>The op's implementation, looked up once in <see cref="OpRegistry"/>.</summary>
    internal OpFunc Function => resolved ??= OpRegistry.Resolve(Op);

    /// <summary>The op's device form when it takes device values as they are (<see cref="OpRegistry.RegisterDeviceOp"/>); null otherwise.</summary>
    internal DeviceOpFunc? DeviceFunction
    {
        get
        {
            if (!Volatile.Read(ref deviceResolved))
            {
                deviceFunction = OpRegistry.ResolveDeviceOp(Op);
                Volatile.Write(ref deviceResolved, true);
            }

            return deviceFunction;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Op}({string.Join(", ", Args)})";

    private Key[] CollectDependencies()
    {
        // Most tasks read keys and literals only: count, then copy, with no walk over nesting.
        var count = 0;
        foreach (var arg in Args)
        {
            switch (arg)
            {
                case KeyRefArg:
                    count++;
                    break;
                case ListArg or NestedArg:
                    return CollectNestedDependencies();
            }
        }

        if (count == 0)
        {
            return [];
        }

        var keys = new Key[count];
        var distinct = 0;
        foreach (var arg in Args)
        {
            if (arg is KeyRefArg r && System.Array.IndexOf(keys, r.Key, 0, distinct) < 0)
            {
                keys[distinct++] = r.Key;
            }
        }

        return distinct == count ? keys : keys[..distinct];
    }

    private Key[] CollectNestedDependencies()
    {
        // Iterative, in argument order, so that arbitrarily deep nested tasks are safe to inspect.
        var all = new List<Key>();
        var pending = new Stack<TaskArg>();
        PushReversed(pending, Args);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case KeyRefArg r:
                    all.Add(r.Key);
                    break;
                case ListArg l:
                    PushReversed(pending, l.Items);
                    break;
                case NestedArg n:
                    PushReversed(pending, n.Task.Args);
                    break;
            }
        }

        if (all.Count <= 1)
        {
            return [.. all];
        }

        var seen = new HashSet<Key>(all.Count);
        return [.. all.Where(seen.Add)];
    }

    private static void PushReversed(Stack<TaskArg> pending, IReadOnlyList<TaskArg> args)
    {
        for (var i = args.Count - 1; i >= 0; i--)
        {
            pending.Push(args[i]);
        }
    }
}
