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
        // Most tasks read keys and literals only, or a few keys through nested tasks (what fusion
        // makes): collect into a small buffer by recursion over shallow nesting, with no
        // collections allocated; deep or wide ones take the general walk.
        var buffer = default(KeyBuffer);
        Span<Key?> found = buffer;
        var count = 0;
        if (!TryCollectShallow(Args, found, ref count, depth: 0))
        {
            return CollectNestedDependencies();
        }

        if (count == 0)
        {
            return [];
        }

        var keys = new Key[count];
        var distinct = 0;
        for (var i = 0; i < count; i++)
        {
            var key = found[i]!;
            if (System.Array.IndexOf(keys, key, 0, distinct) < 0)
            {
                keys[distinct++] = key;
            }
        }

        return distinct == count ? keys : keys[..distinct];
    }

    /// <summary>The most keys and the deepest nesting the allocation-free walk of <see cref="CollectDependencies"/> handles.</summary>
    private const int MaxInline = 16;

    private static bool TryCollectShallow(IReadOnlyList<TaskArg> args, Span<Key?> found, ref int count, int depth)
    {
        if (depth > MaxInline)
        {
            return false;
        }

        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case KeyRefArg r:
                    if (count == found.Length)
                    {
                        return false;
                    }

                    found[count++] = r.Key;
                    break;
                case NestedArg n:
                    if (!TryCollectShallow(n.Task.Args, found, ref count, depth + 1))
                    {
                        return false;
                    }

                    break;
                case ListArg l:
                    if (!TryCollectShallow(l.Items, found, ref count, depth + 1))
                    {
                        return false;
                    }

                    break;
            }
        }

        return true;
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

    /// <summary>Room on the stack for the keys <see cref="CollectDependencies"/> finds before it dedupes them.</summary>
    [System.Runtime.CompilerServices.InlineArray(MaxInline)]
    private struct KeyBuffer
    {
        private Key? element;
    }
}
