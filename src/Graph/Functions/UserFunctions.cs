using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
namespace MiniDask.Graph.Functions;

/// <summary>
/// Registers the delegates that users pass to collection operations (a bag's Select, an array's
/// Map) as ops, so tasks name them instead
/// of holding them.
/// <para>
/// A static method, or a lambda that captures nothing, is named after its method:
/// <c>user:{assembly}:{type}:{method}</c>. Any process that loads the same assembly resolves that
/// name, so such a function runs on distributed workers.
/// </para>
/// <para>
/// Any other delegate (a lambda that captures variables or <c>this</c>, an instance method, a
/// compiled expression, a multicast or generic-method delegate) is registered under a name unique
/// to the delegate instance: <c>local:{assembly}:{type}:{method}:{id}:{reason}</c>. It runs with
/// local schedulers in the process that built the graph; it stays registered for the life of the
/// process, since the graph names it. A distributed run must refuse such a graph with
/// <see cref="EnsureDistributable"/>, whose error names the captured variables.
/// </para>
/// </summary>
public static class UserFunctions
{
    /// <summary>The prefix of functions that any process with the same assemblies can resolve.</summary>
    public const string DistributablePrefix = "user:";

    /// <summary>The prefix of functions that exist only in the process that registered them.</summary>
    public const string ProcessLocalPrefix = "local:";

    /// <summary>What an error says when a process lacks an assembly of the user's.</summary>
    internal const string HowUserCodeReachesWorkers =
        "User code reaches a worker as an assembly it can load: a client uploads the assemblies its tasks call and its values' types "
        + "come from before it sends them, client.UploadFileAsync(path) uploads one loaded by reflection, and workers started with "
        + "--preload path/to/YourAssembly.dll (LocalCluster.StartAsync(preload: [typeof(YourType).Assembly.Location])) or with the "
        + "assembly beside the worker program have it from the start.";

    private const BindingFlags AnyMethod =
        BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private static readonly ConditionalWeakTable<Delegate, string> LocalIds = new();
    private static long nextLocalId;

    /// <summary>Registers <paramref name="function"/> in <see cref="OpRegistry"/> and returns its op name.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    public static string Register(Delegate function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var name = NameOf(function);
        if (!OpRegistry.IsRegistered(name))
        {
            OpRegistry.Register(name, new UserFunction(name, function).Invoke);
        }

        return name;
    }

    /// <summary>
    /// The op name <paramref name="function"/> is registered under by <see cref="Register"/>
    /// (see the class remarks for the two forms).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    public static string NameOf(Delegate function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var method = function.Method;
        var reason = WhyProcessLocal(function);
        var assembly = method.DeclaringType?.Assembly.GetName().Name ?? "dynamic";
        var type = method.DeclaringType?.FullName ?? "dynamic";
        var id = $"{assembly}:{type}:{method.Name}";
        if (reason is not null)
        {
            var instance = LocalIds.GetValue(function, static _ =>
                Interlocked.Increment(ref nextLocalId).ToString(CultureInfo.InvariantCulture));
            return $"{ProcessLocalPrefix}{id}:{instance}:{reason}";
        }

        var overloaded = method.DeclaringType!.GetMethods(AnyMethod).Count(m => m.Name == method.Name) > 1;
        return DistributablePrefix + id + (overloaded ? ":" + method.MetadataToken.ToString("x8", CultureInfo.InvariantCulture) : "");
    }

    /// <summary>
    /// The variables <paramref name="function"/> captures: the fields of its closure (nested
    /// closures included), with <c>this</c> for a captured or target instance. Empty for a static
    /// method or a lambda that captures nothing.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    public static IReadOnlyList<string> CapturedVariables(Delegate function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var target = function.Target;
        if (target is null || function.Method.DeclaringType is null)
        {
            return [];
        }

        if (!IsCompilerGenerated(target.GetType()))
        {
            return ["this"];
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        CollectCaptures(target, names);
        return [.. names];
    }

    /// <summary>Whether <paramref name="name"/> names a function that exists only in the process that registered it.</summary>
    public static bool IsProcessLocal(string name) => name.StartsWith(ProcessLocalPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Checks that every user function the tasks of <paramref name="graph"/> name can be resolved
    /// by another process, including functions wrapped by collection ops (whose names end in
    /// <c>:{function}</c>). Distributed clients call this before sending a graph to workers.
    /// </summary>
    /// <exception cref="ProcessLocalFunctionException">A task names a process-local function; the message names the task, the function and what it captures.</exception>
    public static void EnsureDistributable(TaskGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        foreach (var (key, task) in graph)
        {
            var local = FunctionNames(task).Select(EmbeddedFunctionName).FirstOrDefault(n => n is not null && IsProcessLocal(n));
            if (local is not null)
            {
                throw new ProcessLocalFunctionException(key, DisplayName(local), local.Split(':', 6)[^1]);
            }
        }
    }

    /// <summary>
    /// The simple name of the assembly whose function <paramref name="text"/> (an op, or a string
    /// argument) calls by name, itself or wrapped in a collection op; null when it names none. What a
    /// worker must be able to load to run the task.
    /// </summary>
    public static string? AssemblyCalledBy(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return EmbeddedFunctionName(text) is { } function && function.StartsWith(DistributablePrefix, StringComparison.Ordinal)
            && function.Split(':') is { Length: >= 4 } parts
                ? parts[1]
                : null;
    }

    /// <summary>
    /// A readable form of a user function name: <c>Program.Square</c>, or <c>lambda in Program.Main</c>
    /// for a lambda, or the name itself when it is not a user function name.
    /// </summary>
    public static string DisplayName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Split(':');
        if (parts.Length < 4 || (parts[0] + ":" is not (DistributablePrefix or ProcessLocalPrefix)))
        {
            return name;
        }

        var type = string.Join('.', parts[2].Split('[')[0].Split('.')[^1].Split('+').Where(p => !p.StartsWith('<')));
        var method = parts[3];
        if (!method.StartsWith('<'))
        {
            return $"{type}.{method}";
        }

        var close = method.IndexOf('>', StringComparison.Ordinal);
        var outer = method[1..close];
        var kind = method.AsSpan(close + 1);
        if (kind.StartsWith("g__"))
        {
            var local = kind[3..];
            var bar = local.IndexOf('|');
            return $"{type}.{outer}.{(bar < 0 ? local : local[..bar])}";
        }

        return $"lambda in {type}.{outer}";
    }

    /// <summary>The function registered under <paramref name="name"/>, loading it from its assembly when this process has not registered it.</summary>
    /// <exception cref="InvalidOperationException">The name is process-local and unknown here, or not a user function name.</exception>
    public static UserFunction Resolve(string name)
    {
        if (!OpRegistry.IsRegistered(name))
        {
            EnsureLoadable(name);
        }

        return OpRegistry.Resolve(name).Target as UserFunction
            ?? throw new InvalidOperationException($"Op '{name}' is registered, but not as a user function.");
    }

    /// <summary>The function named by <paramref name="name"/> (a task argument) as a <typeparamref name="TDelegate"/>, with its readable name.</summary>
    /// <exception cref="InvalidOperationException">No such function can be resolved in this process.</exception>
    /// <exception cref="InvalidCastException">The function has another signature.</exception>
    public static TypedFunction<TDelegate> Typed<TDelegate>(object? name)
        where TDelegate : Delegate
    {
        var function = Resolve((string)name!);
        return new TypedFunction<TDelegate>(function.As<TDelegate>(), function.DisplayName);
    }

    /// <summary>
    /// The function named <paramref name="name"/> as a <typeparamref name="TDelegate"/>: the
    /// instance registered in this process, or else its method loaded from its assembly and bound
    /// to that delegate type (so delegate types with span parameters work too).
    /// </summary>
    /// <exception cref="InvalidOperationException">The name is process-local and unknown here, or not a user function name.</exception>
    /// <exception cref="InvalidCastException">The function has another signature.</exception>
    public static TDelegate Bind<TDelegate>(string name)
        where TDelegate : Delegate
    {
        ArgumentNullException.ThrowIfNull(name);
        if (OpRegistry.IsRegistered(name) && OpRegistry.Resolve(name).Target is UserFunction registered)
        {
            return registered.As<TDelegate>();
        }

        EnsureLoadable(name);
        var (method, target) = FindMethod(name);
        return (TDelegate)Delegate.CreateDelegate(typeof(TDelegate), target, method);
    }

    private static void EnsureLoadable(string name)
    {
        if (IsProcessLocal(name))
        {
            throw new InvalidOperationException(
                $"{DisplayName(name)} ({name.Split(':', 6)[^1]}) was registered by the process that built the graph and is not available in this one.");
        }

        if (!name.StartsWith(DistributablePrefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{name}' is not the name of a user function.");
        }
    }

    /// <summary>Loads the function named <paramref name="name"/> from its assembly (the op registry's resolver for user functions).</summary>
    internal static UserFunction Load(string name)
    {
        EnsureLoadable(name);
        var (method, target) = FindMethod(name);
        return new UserFunction(name, Delegate.CreateDelegate(DelegateTypeOf(method), target, method));
    }

    /// <summary>
    /// A Func or Action type of <paramref name="method"/>'s signature. Made directly rather than by
    /// <see cref="Expression.GetDelegateType"/>, which caches every signature it makes for the life
    /// of the process and so would keep a client's unloaded code (its types) in memory.
    /// </summary>
    private static Type DelegateTypeOf(MethodInfo method)
    {
        var parameters = method.GetParameters().Select(p => p.ParameterType).ToArray();
        if (parameters.Any(p => p.IsByRef || p.IsPointer || p.IsByRefLike) || method.ReturnType.IsByRefLike)
        {
            return Expression.GetDelegateType([.. parameters, method.ReturnType]);
        }

        return method.ReturnType == typeof(void)
            ? Expression.GetActionType(parameters)
            : Expression.GetFuncType([.. parameters, method.ReturnType]);
    }

    private static (MethodInfo Method, object? Target) FindMethod(string name)
    {
        var parts = name.Split(':');
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(parts[1]);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            throw new FileNotFoundException(
                $"Could not load assembly '{parts[1]}', which holds {DisplayName(name)}, in this process ({e.Message}). {HowUserCodeReachesWorkers}",
                parts[1] + ".dll",
                e);
        }

        var type = assembly.GetType(parts[2], throwOnError: true)!;
        var methods = type.GetMethods(AnyMethod).Where(m => m.Name == parts[3]);
        if (parts.Length > 4)
        {
            var token = int.Parse(parts[4], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            methods = methods.Where(m => m.MetadataToken == token);
        }

        var method = methods.SingleOrDefault()
            ?? throw new InvalidOperationException($"Cannot find the single method '{parts[3]}' of {type.FullName} named by user function '{name}'.");
        var target = method.IsStatic
            ? null
            : type.GetField("<>9", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(null)
              ?? Activator.CreateInstance(type, nonPublic: true);
        return (method, target);
    }

    private static string? WhyProcessLocal(Delegate function)
    {
        var method = function.Method;
        if (!function.HasSingleTarget)
        {
            return "is a multicast delegate";
        }

        if (method.DeclaringType is null || method.DeclaringType.Assembly.IsDynamic)
        {
            return "is a dynamic method";
        }

        if (method.IsGenericMethod)
        {
            return "is a generic method instantiation";
        }

        var captured = CapturedVariables(function);
        return captured.Count > 0 ? "captures " + string.Join(",", captured) : null;
    }

    private static void CollectCaptures(object closure, SortedSet<string> names)
    {
        foreach (var field in closure.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (field.Name == "<>4__this")
            {
                names.Add("this");
            }
            else if (IsCompilerGenerated(field.FieldType))
            {
                if (field.GetValue(closure) is { } outer)
                {
                    CollectCaptures(outer, names);
                }
            }
            else if (UserVisibleName(field.Name) is { } name)
            {
                names.Add(name);
            }
        }
    }

    /// <summary>
    /// The name a closure field has in the user's code: the field's own name for a captured local
    /// or parameter, the local's name for one hoisted into a state machine (<c>&lt;total&gt;5__2</c>), and null for
    /// the compiler's own fields, such as the delegates it caches in a closure (<c>&lt;&gt;9__19_0</c>).
    /// </summary>
    private static string? UserVisibleName(string field)
    {
        if (!field.StartsWith('<'))
        {
            return field;
        }

        var close = field.IndexOf('>', StringComparison.Ordinal);
        if (close > 1)
        {
            return field[1..close];
        }

        // <>3__name: an iterator's copy of its parameter.
        return field.StartsWith("<>3__", StringComparison.Ordinal) ? field[5..] : null;
    }

    private static bool IsCompilerGenerated(Type type) => type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);

    /// <summary>The user function an op names (itself, or the one a collection op wraps), or null.</summary>
    internal static string? FunctionIn(string op) => EmbeddedFunctionName(op);

    /// <summary>The user function that <paramref name="task"/> and the tasks fused into it call, when there is exactly one.</summary>
    internal static string? SingleFunctionIn(DaskTask task)
    {
        var functions = FunctionNames(task).Select(EmbeddedFunctionName).OfType<string>().Distinct(StringComparer.Ordinal).Take(2).ToList();
        return functions.Count == 1 ? functions[0] : null;
    }

    /// <summary>
    /// The user function name in <paramref name="text"/>: the text itself, or what follows a
    /// <c>:</c> in an op that wraps a function (such as <c>array.user.map[float64,float64]:local:...</c>).
    /// </summary>
    private static string? EmbeddedFunctionName(string text)
    {
        foreach (var prefix in (ReadOnlySpan<string>)[DistributablePrefix, ProcessLocalPrefix])
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                return text;
            }

            var at = text.IndexOf(":" + prefix, StringComparison.Ordinal);
            if (at >= 0)
            {
                return text[(at + 1)..];
            }
        }

        return null;
    }

    /// <summary>
    /// The ops and string literals of <paramref name="task"/> and the tasks nested in it. Walked
    /// with a stack of its own: a hand-built task may nest deeper than recursion could follow.
    /// </summary>
    private static IEnumerable<string> FunctionNames(DaskTask task)
    {
        yield return task.Op;
        var pending = new Stack<TaskArg>(task.Args.Reverse());
        while (pending.TryPop(out var arg))
        {
            switch (arg)
            {
                case LiteralArg { Value: string s }:
                    yield return s;
                    break;
                case ListArg list:
                    for (var i = list.Items.Count - 1; i >= 0; i--)
                    {
                        pending.Push(list.Items[i]);
                    }

                    break;
                case NestedArg nested:
                    yield return nested.Task.Op;
                    for (var i = nested.Task.Args.Count - 1; i >= 0; i--)
                    {
                        pending.Push(nested.Task.Args[i]);
                    }

                    break;
            }
        }
    }
}
