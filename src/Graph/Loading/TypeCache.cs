using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace MiniDask.Graph.Loading;

/// <summary>
/// A cache keyed by type that holds types of collectible assemblies (clients' uploaded code) only
/// weakly, so that caching something about such a type never keeps its load context from unloading.
/// </summary>
/// <typeparam name="TValue">The cached value.</typeparam>
public sealed class TypeCache<TValue>
    where TValue : class
{
    private readonly ConcurrentDictionary<Type, TValue> lasting = new();
    private ConditionalWeakTable<Type, TValue> collectible = new();

    /// <summary>The value for <paramref name="type"/>, made by <paramref name="create"/> when missing.</summary>
    public TValue GetOrAdd(Type type, Func<Type, TValue> create)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.IsCollectible
            ? collectible.GetValue(type, t => create(t))
            : lasting.GetOrAdd(type, create);
    }

    /// <summary>Forgets every entry.</summary>
    public void Clear()
    {
        lasting.Clear();
        collectible = new ConditionalWeakTable<Type, TValue>();
    }
}
