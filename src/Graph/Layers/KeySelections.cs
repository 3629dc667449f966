namespace MiniDask.Graph;

/// <summary>
/// Keys selected by name, for culling layers: every key of a name, or a set of them. Selecting
/// a whole layer costs nothing per key, which is what culling a graph that is needed whole costs.
/// </summary>
internal sealed class KeySelections
{
    /// <summary>The selected keys of each name; null where every key of the name is selected.</summary>
    private readonly Dictionary<string, HashSet<Key>?> byName = new(StringComparer.Ordinal);

    /// <summary>The names that have a selection.</summary>
    public IEnumerable<string> Names => byName.Keys;

    /// <summary>Selects every key named <paramref name="name"/>.</summary>
    public void AddAll(string name) => byName[name] = null;

    /// <summary>Selects <paramref name="key"/>.</summary>
    public void Add(Key key)
    {
        if (!byName.TryGetValue(key.Name, out var set))
        {
            byName[key.Name] = set = [];
        }

        set?.Add(key);
    }

    /// <summary>Whether any key named <paramref name="name"/> is selected.</summary>
    public bool Contains(string name) => byName.ContainsKey(name);

    /// <summary>Whether every key named <paramref name="name"/> is selected.</summary>
    public bool All(string name) => byName.TryGetValue(name, out var set) && set is null;

    /// <summary>
    /// The keys selected under <paramref name="name"/>: false when there are none, true with a
    /// null set when all of them are.
    /// </summary>
    public bool TryGet(string name, out HashSet<Key>? keys) => byName.TryGetValue(name, out keys);

    /// <summary>Marks the selection of <paramref name="name"/> as whole when it holds <paramref name="count"/> keys (all there are).</summary>
    public void Saturate(string name, int count)
    {
        if (byName.TryGetValue(name, out var set) && set is not null && set.Count >= count)
        {
            byName[name] = null;
        }
    }
}
