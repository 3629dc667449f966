using MiniDask.Graph.Functions;

namespace MiniDask.Graph;

/// <summary>
/// Builds delayed values (Dask's <c>dask.delayed</c>): calls of user functions on plain values,
/// other delayed values, collections (standing for their computed value) and futures, recorded
/// as a graph and run by any scheduler. A function is a static method or a lambda: one that
/// captures nothing runs on distributed workers by name; one that captures variables runs only
/// on local schedulers, and a distributed client refuses it naming what it captures.
/// </summary>
public static partial class Delayed
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Delegate, CallShape> Calls = new();
    /// <summary>
    /// Calls <paramref name="function"/> on <paramref name="args"/> lazily: a delayed value, future
    /// or collection argument (also inside an array or list) stands for its value; anything else is
    /// passed as it is. The key is a token of the function and its arguments, so the same call built
    /// twice has the same key (Dask's <c>pure=True</c>).
    /// </summary>
    /// <typeparam name="TResult">The type the function returns.</typeparam>
    /// <exception cref="ArgumentException">The argument count differs from the function's, or an argument cannot be passed (the message names it).</exception>
    public static Delayed<TResult> Call<TResult>(Delegate function, params object?[] args) => Build<TResult>(function, args, pure: true);

    /// <summary>
    /// <see cref="Call{TResult}(Delegate, object?[])"/> for a function whose result type is not
    /// named: the value is an <see cref="object"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The argument count differs from the function's, or an argument cannot be passed (the message names it).</exception>
    public static Delayed<object?> Call(Delegate function, params object?[] args) => Build<object?>(function, args, pure: true);

    /// <summary>
    /// <see cref="Call{TResult}(Delegate, object?[])"/> for a function whose result depends on more
    /// than its arguments (random numbers, the clock, a file that changes): every call gets a fresh
    /// key, so two such calls are never merged into one (Dask's <c>pure=False</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The argument count differs from the function's, or an argument cannot be passed (the message names it).</exception>
    public static Delayed<TResult> CallImpure<TResult>(Delegate function, params object?[] args) => Build<TResult>(function, args, pure: false);

    /// <summary>
    /// A plain value as a delayed value (Dask's <c>delayed(value)</c>), held in the graph. Its key is a
    /// token of the value, or <c>{name}</c> when a name is given.
    /// </summary>
    /// <exception cref="ArgumentException">The value is (or contains) a collection or a future: use <see cref="From{T}"/>, <see cref="FromFuture{T}"/> or a call.</exception>
    public static Delayed<T> Value<T>(T value, string? name = null)
    {
        if (value is IDaskCollection or IFuture)
        {
            throw new ArgumentException(
                $"Delayed.Value holds plain values; a {value.GetType().Name} is lazy: use Delayed.From for a collection or Delayed.FromFuture for a future.", nameof(value));
        }

        var arguments = new DelayedArguments();
        var arg = arguments.Add(value);
        if (arguments.Graphs.Count > 0)
        {
            throw new ArgumentException(
                "Delayed.Value holds plain values; this one contains delayed values, collections or futures: pass it to Delayed.Call with a function that takes the list.", nameof(value));
        }

        var key = new Key(name ?? Tokenize.Name(ValuePrefix(value), arguments.Tokens));
        var tasks = new Dictionary<Key, DaskTask> { [key] = new DaskTask(DelayedOps.ValueOp, arg) };
        return new Delayed<T>(key, TaskGraph.FromLayer(new MaterializedLayer(key.Name, tasks)), []);
    }

    /// <summary>
    /// A collection's computed value as a delayed value (Dask's <c>delayed(collection)</c>): an array
    /// as one dense block, a bag as one list, a delayed value as itself.
    /// </summary>
    /// <exception cref="ArgumentException">The collection does not implement <see cref="IFinalizable"/>.</exception>
    public static Delayed<T> From<T>(IDaskCollection<T> collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return collection switch
        {
            Delayed<T> delayed => delayed,
            IDelayed delayed => new Delayed<T>(delayed.Key, delayed.Graph, delayed.Futures),
            IFinalizable finalizable => Finalized<T>(finalizable),
            _ => throw new ArgumentException(
                $"A {collection.GetType().Name} does not implement IFinalizable, so there is no task that turns its blocks into one value.", nameof(collection)),
        };
    }

    /// <summary>
    /// The value of <paramref name="future"/> as a delayed value: computed by the client that holds
    /// it, later calls read it where it is; computed anywhere else, it is fetched first.
    /// </summary>
    public static Delayed<T> FromFuture<T>(IFuture future)
    {
        ArgumentNullException.ThrowIfNull(future);
        return new Delayed<T>(future.Key, FutureTasks.Graph(future), [future]);
    }

    /// <summary>
    /// Wraps the existing task <paramref name="key"/> of <paramref name="graph"/> as a delayed value
    /// (how collections make one delayed value per block).
    /// </summary>
    /// <exception cref="ArgumentException">The graph has no task with that key.</exception>
    public static Delayed<T> FromKey<T>(TaskGraph graph, Key key)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(key);
        return graph.ContainsKey(key) ? new Delayed<T>(key, graph, [])
            : throw new ArgumentException($"The graph has no task with key {key}.", nameof(key));
    }

    /// <summary>Computes two collections in one run, sharing common work (Dask's <c>dask.compute(a, b)</c>).</summary>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public static (T1, T2) Compute<T1, T2>(
        IDaskCollection<T1> first, IDaskCollection<T2> second, IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var results = CollectionExtensions.ComputeMany([first, second], scheduler, options, cancellationToken);
        return (first.Finalize(results[0]), second.Finalize(results[1]));
    }

    /// <summary>Computes three collections in one run, sharing common work.</summary>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public static (T1, T2, T3) Compute<T1, T2, T3>(
        IDaskCollection<T1> first,
        IDaskCollection<T2> second,
        IDaskCollection<T3> third,
        IScheduler? scheduler = null,
        ComputeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(third);
        var results = CollectionExtensions.ComputeMany([first, second, third], scheduler, options, cancellationToken);
        return (first.Finalize(results[0]), second.Finalize(results[1]), third.Finalize(results[2]));
    }

    /// <summary>Computes any number of collections of one result type in one run, sharing common work; results come in the same order.</summary>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public static TResult[] Compute<TResult>(
        IEnumerable<IDaskCollection<TResult>> collections, IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collections);
        var list = collections.ToList();
        var results = CollectionExtensions.ComputeMany([.. list], scheduler, options, cancellationToken);
        return [.. list.Select((c, i) => c.Finalize(results[i]))];
    }

    /// <summary>The asynchronous form of <see cref="Compute{TResult}(IEnumerable{IDaskCollection{TResult}}, IScheduler?, ComputeOptions?, CancellationToken)"/>.</summary>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public static async Task<TResult[]> ComputeAsync<TResult>(
        IEnumerable<IDaskCollection<TResult>> collections, IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collections);
        var list = collections.ToList();
        var results = await CollectionExtensions.ComputeManyAsync([.. list], scheduler, options, cancellationToken).ConfigureAwait(false);
        return [.. list.Select((c, i) => c.Finalize(results[i]))];
    }

    /// <summary>The delayed value of a finalizable collection: one task reading its output keys.</summary>
    internal static Delayed<T> Finalized<T>(IFinalizable collection)
    {
        var key = new Key(Tokenize.Name("finalize", collection.OutputKeys));
        var tasks = new Dictionary<Key, DaskTask> { [key] = collection.FinalizeTask() };
        return new Delayed<T>(key, TaskGraph.FromLayer(new MaterializedLayer(key.Name, tasks), collection.Graph), (collection as IDelayed)?.Futures ?? []);
    }

    /// <summary>The delayed value of a finalizable collection, untyped.</summary>
    internal static Delayed<object?> Finalized(IFinalizable collection) => Finalized<object?>(collection);

    /// <summary>Builds the delayed call of <paramref name="function"/> on <paramref name="args"/>.</summary>
    internal static Delayed<TResult> Build<TResult>(Delegate function, object?[] args, bool pure)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(args);
        var call = Calls.GetValue(function, CallOf);
        if (call.Parameters.Length != args.Length)
        {
            throw new ArgumentException(
                $"{call.Display} takes {call.Parameters.Length} argument{(call.Parameters.Length == 1 ? "" : "s")} but {args.Length} {(args.Length == 1 ? "was" : "were")} given.", nameof(args));
        }

        var arguments = new DelayedArguments();
        var taskArgs = new TaskArg[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            CheckArgument(call.Display, call.Parameters[i], args[i]);
            taskArgs[i] = arguments.Add(args[i]);
        }

        var key = new Key(pure ? Tokenize.Name(call.Prefix, call.Name, arguments.Tokens) : $"{call.Prefix}-{Guid.NewGuid():N}");
        var tasks = new Dictionary<Key, DaskTask> { [key] = new DaskTask(call.Op, taskArgs) };
        return new Delayed<TResult>(key, TaskGraph.FromLayer(new MaterializedLayer(key.Name, tasks), arguments.Graphs), arguments.Futures);
    }

    /// <summary>What a call of a function needs, worked out once per delegate (method groups and non-capturing lambdas are cached delegates).</summary>
    private static CallShape CallOf(Delegate function)
    {
        var name = UserFunctions.Register(function);
        var display = UserFunctions.DisplayName(name);
        return new CallShape(name, DelayedOps.CallPrefix + name, display, KeyPrefix(display), function.Method.GetParameters());
    }

    /// <summary>Refuses, when the call is built, an argument whose type can never fit its parameter.</summary>
    private static void CheckArgument(string function, System.Reflection.ParameterInfo parameter, object? arg)
    {
        var type = arg switch
        {
            IDelayed delayed => delayed.ResultType,
            IDaskCollection or IFuture or System.Collections.IEnumerable => null,
            null => null,
            _ => arg.GetType(),
        };
        if (type is not null && type != typeof(object) && !parameter.ParameterType.IsAssignableFrom(type) && !IsNumericWidening(type, parameter.ParameterType))
        {
            throw new ArgumentException(
                $"Argument '{parameter.Name}' of {function} is a {parameter.ParameterType.Name}, but a {(arg is IDelayed ? "delayed " : "")}{type.Name} was given.");
        }
    }

    private static bool IsNumericWidening(Type from, Type to) =>
        from.IsPrimitive && to.IsPrimitive && Type.GetTypeCode(to) > Type.GetTypeCode(from) && Type.GetTypeCode(to) <= TypeCode.Double;

    /// <summary>The readable part of a key name: the method's name, or <c>lambda</c>, or the value's type.</summary>
    private static string KeyPrefix(string display) =>
        display.StartsWith("lambda", StringComparison.Ordinal) ? "lambda" : display[(display.LastIndexOf('.') + 1)..];

    private static string ValuePrefix(object? value) => value is null ? "value" : value.GetType().Name.Split('`')[0].ToLowerInvariant();

    /// <summary>A user function as delayed calls use it.</summary>
    /// <param name="Name">Its op name in the registry (see <see cref="UserFunctions.NameOf"/>).</param>
    /// <param name="Op">The op of its calls: <c>delayed.call:{Name}</c>.</param>
    /// <param name="Display">Its readable name, for messages.</param>
    /// <param name="Prefix">The readable start of its calls' key names.</param>
    /// <param name="Parameters">Its parameters.</param>
    private sealed record CallShape(string Name, string Op, string Display, string Prefix, System.Reflection.ParameterInfo[] Parameters);
}
