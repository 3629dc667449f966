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
    }

    /// <summary>The value of <paramref name="key"/> in the current context's cache, made by <paramref name="create"/> when missing.</summary>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create) => Current().GetOrAdd(key, create);

    /// <summary>Whether the current context's cache has <paramref name="key"/>, and its value.</summary>
    public bool TryGetValue(TKey key, out TValue value) => Current().TryGetValue(key, out value!);

    private ConcurrentDictionary<TKey, TValue> Current() =>
        AssemblyLoadContext.CurrentContextualReflectionContext is { IsCollectible: true } context
            ? perContext.GetValue(context, _ => new ConcurrentDictionary<TKey, TValue>(comparer))
            : shared;
}
