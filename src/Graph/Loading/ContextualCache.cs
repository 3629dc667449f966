using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace MiniDask.Graph.Loading;

/// <summary>
/// A cache of things made from names (ops, types resolved from their names) whose entries belong
/// to the load context current when they are made: made under a client's collectible context
/// (see <see cref="CodeContexts"/>), an entry is that context's alone, so two clients' assemblies of
/// the same name never share one, and it goes when the context is unloaded; otherwise it is shared
/// by the whole process.
/// </summary>
/// <typeparam name="TKey">The key.</typeparam>
/// <typeparam name="TValue">The cached value.</typeparam>
public sealed class ContextualCache<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> shared;
    private readonly ConditionalWeakTable<AssemblyLoadContext, ConcurrentDictionary<TKey, TValue>> perContext = new();
    private readonly IEqualityComparer<TKey>? comparer;

    /// <summary>An empty cache comparing keys with <paramref name="comparer"/> (the default when null).</summary>
    public ContextualCache(IEqualityComparer<TKey>? comparer = null)
    {
        this.comparer = comparer;
        shared = new ConcurrentDictionary<TKey, TValue>(comparer);
        ContextualCaches.Add(Forget);
    }

    /// <summary>The value of <paramref name="key"/> in the current context's cache, made by <paramref name="create"/> when missing.</summary>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create) => Current().GetOrAdd(key, create);

    /// <summary>Whether the current context's cache has <paramref name="key"/>, and its value.</summary>
    public bool TryGetValue(TKey key, out TValue value) => Current().TryGetValue(key, out value!);

    /// <summary>
    /// Drops <paramref name="context"/>'s entries. Needed before the context unloads: unloading holds
    /// the context strongly until its code is collected, so entries kept for it would keep that code alive.
    /// </summary>
    private void Forget(AssemblyLoadContext context) => perContext.Remove(context);

    private ConcurrentDictionary<TKey, TValue> Current() =>
        AssemblyLoadContext.CurrentContextualReflectionContext is { IsCollectible: true } context
            ? perContext.GetValue(context, _ => new ConcurrentDictionary<TKey, TValue>(comparer))
            : shared;
}

/// <summary>Every <see cref="ContextualCache{TKey, TValue}"/>, so that a context's entries can be dropped from all of them.</summary>
internal static class ContextualCaches
{
    private static readonly List<Action<AssemblyLoadContext>> Forgetters = [];

    public static void Add(Action<AssemblyLoadContext> forget)
    {
        lock (Forgetters)
        {
            Forgetters.Add(forget);
        }
    }

    /// <summary>Drops <paramref name="context"/>'s entries from every cache.</summary>
    public static void Forget(AssemblyLoadContext context)
    {
        Action<AssemblyLoadContext>[] all;
        lock (Forgetters)
        {
            all = [.. Forgetters];
        }

        foreach (var forget in all)
        {
            forget(context);
        }
    }
}
