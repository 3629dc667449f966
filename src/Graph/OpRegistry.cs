using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace MiniDask.Graph;

/// <summary>
/// The implementation of an op: takes the task's resolved arguments (literals as they are, key
/// references replaced by their results, lists as <c>object?[]</c>) and returns the result.
/// </summary>
public delegate object? OpFunc(object?[] args);

/// <summary>
/// An op that may run on an execution device: it gets the device its task runs on (null on the
/// host) with its arguments, which may be values in that device's memory.
/// </summary>
public delegate object? DeviceOpFunc(object?[] args, Devices.IExecutionDevice? device);

/// <summary>
/// Maps op names to implementations. Collections register their block ops once per process
/// (from a module initializer); schedulers and workers resolve tasks' ops by name. Ops whose
/// names encode how to rebuild them (user functions: <c>user:{assembly}:{type}:{method}</c>, and
/// collection ops wrapping them) are made on first use by a resolver registered for their prefix,
/// so a worker process can run them without the code that built the graph.
/// </summary>
public static class OpRegistry
{
    private static readonly ConcurrentDictionary<string, OpFunc> Ops = new(StringComparer.Ordinal);
    private static readonly Loading.ContextualCache<string, OpFunc> Made = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Func<string, OpFunc>> Resolvers = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, bool> CheapToRecompute = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, DeviceOpFunc> DeviceOps = new(StringComparer.Ordinal);

    static OpRegistry() =>
        RegisterResolver(Functions.UserFunctions.DistributablePrefix, static name => Functions.UserFunctions.Load(name).Invoke);

    /// <summary>Registers <paramref name="func"/> under <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">Another implementation is already registered under that name.</exception>
    public static void Register(string name, OpFunc func)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(func);
        var existing = Ops.GetOrAdd(name, func);
        if (existing != func && existing.Method != func.Method)
        {
            throw new InvalidOperationException(
                $"Op '{name}' is already registered by {existing.Method.DeclaringType?.FullName}.{existing.Method.Name}; op names must be unique.");
        }
    }

    /// <summary>
    /// Registers <paramref name="func"/> under <paramref name="name"/> as an op that takes values
    /// in device memory as they are (see <see cref="Devices.IExecutionDevice"/>): the task runner
    /// passes it the device its task runs on, and it runs there, or copies what it cannot use to
    /// the host itself. Other ops get every argument as the host sees it, converted before they run.
    /// Resolved as a plain <see cref="OpFunc"/>, it runs on the host.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another implementation is already registered under that name.</exception>
    public static void RegisterDeviceOp(string name, DeviceOpFunc func)
    {
        ArgumentNullException.ThrowIfNull(func);
        Register(name, args => func(args, null));
        DeviceOps[name] = func;
    }

    /// <summary>The device form of op <paramref name="name"/> when it was registered with <see cref="RegisterDeviceOp"/>; null otherwise.</summary>
    public static DeviceOpFunc? ResolveDeviceOp(string name) => DeviceOps.GetValueOrDefault(name);

    /// <summary>Whether the op named <paramref name="name"/> was registered with <see cref="RegisterDeviceOp"/>.</summary>
    public static bool AcceptsDeviceValues(string name) => DeviceOps.ContainsKey(name);

    /// <summary>Whether an op named <paramref name="name"/> is registered, or was made by a resolver (in the current load context).</summary>
    public static bool IsRegistered(string name) => Ops.ContainsKey(name) || Made.TryGetValue(name, out _);

    /// <summary>
    /// Registers <paramref name="resolve"/> to make ops whose names start with
    /// <paramref name="prefix"/> when they are first looked up; the longest matching prefix wins.
    /// </summary>
    public static void RegisterResolver(string prefix, Func<string, OpFunc> resolve)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentNullException.ThrowIfNull(resolve);
        Resolvers[prefix] = resolve;
    }

    /// <summary>
    /// The implementation registered under <paramref name="name"/>, made by its prefix's resolver on
    /// first use. An op made while a client's uploaded code is the current load context belongs to
    /// that context (see <see cref="Loading.ContextualCache{TKey, TValue}"/>).
    /// </summary>
    /// <exception cref="UnknownOpException">No op has that name and no resolver knows its prefix.</exception>
    /// <exception cref="InvalidOperationException">A resolver knows the prefix but cannot make the op (its message says why).</exception>
    public static OpFunc Resolve(string name)
    {
        if (Ops.TryGetValue(name, out var f) || Made.TryGetValue(name, out f))
        {
            return f;
        }

        Func<string, OpFunc>? resolve = null;
        var matched = 0;
        foreach (var (prefix, resolver) in Resolvers)
        {
            if (prefix.Length > matched && name.StartsWith(prefix, StringComparison.Ordinal))
            {
                (resolve, matched) = (resolver, prefix.Length);
            }
        }

        return resolve is null ? throw new UnknownOpException(name) : Made.GetOrAdd(name, resolve);
    }

    /// <summary>
    /// Marks op <paramref name="name"/> as cheap to run again from its literal arguments (making a
    /// random or constant block), so that the optimizer may recompute such a block once per
    /// consumer instead of keeping it in memory until its last consumer has run.
    /// </summary>
    public static void MarkCheapToRecompute(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        CheapToRecompute[name] = true;
    }

    /// <summary>Whether op <paramref name="name"/> was marked with <see cref="MarkCheapToRecompute"/>.</summary>
    public static bool IsCheapToRecompute(string name) => CheapToRecompute.ContainsKey(name);

    /// <summary>The names of all registered ops, sorted.</summary>
    public static IReadOnlyList<string> Names => [.. Ops.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Runs the module initializer of <paramref name="assembly"/>, so that the ops it registers
    /// there are available (a worker does this for every collection assembly it serves).
    /// </summary>
    public static void EnsureRegistered(Assembly assembly) =>
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
}
