namespace MiniDask.Graph;

/// <summary>
/// The tasks one operation adds to a graph (Dask's high-level-graph layer): all the blocks of
/// one step, such as every chunk of an elementwise add. Collections build graphs layer by layer,
/// so combining two collections' graphs costs a few layers, not a copy of every task. A layer is
/// either a <see cref="MaterializedLayer"/> (its tasks, made by hand) or a <see cref="Blockwise"/>
/// spec that makes its tasks only when a scheduler needs them, after it has been culled and fused
/// with its neighbours.
/// </summary>
public abstract class Layer
{
    private IReadOnlyDictionary<Key, DaskTask>? tasks;

    /// <summary>A layer named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    private protected Layer(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The layer's name; by convention the name of the keys it holds.</summary>
    public string Name { get; }

    /// <summary>The number of tasks the layer holds, known without making them.</summary>
    public abstract int Count { get; }

    /// <summary>The layer's tasks by key, made on first use (for a <see cref="Blockwise"/> layer) and kept.</summary>
    public virtual IReadOnlyDictionary<Key, DaskTask> Tasks => tasks ??= MaterializeDictionary();

    /// <summary>The names of the keys that the layer's tasks produce (usually just <see cref="Name"/>).</summary>
    public abstract IReadOnlyCollection<string> KeyNames { get; }

    /// <summary>The names of the keys the layer's tasks read that the layer does not produce: the layers it depends on.</summary>
    public abstract IReadOnlyCollection<string> InputNames { get; }

    /// <summary>
    /// Writes every task of the layer, in the layer's key order, into <paramref name="keys"/> and
    /// <paramref name="tasks"/>, which have room for <see cref="Count"/> of them.
    /// </summary>
    internal abstract void CopyTasks(Span<Key> keys, Span<DaskTask> tasks);

    /// <summary>Whether the layer holds a task with key <paramref name="key"/>.</summary>
    public abstract bool ContainsKey(Key key);

    /// <summary>
    /// The part of the layer that computes the keys <paramref name="needed"/> selects (by key
    /// name), and the keys of other layers that part reads, added to <paramref name="inputs"/>.
    /// Returns the layer itself when it is needed whole. Keys selected that the layer does not
    /// hold are ignored (the caller checks the keys it was asked for).
    /// </summary>
    /// <param name="needed">The keys wanted from this layer, by key name.</param>
    /// <param name="inputs">Where the keys read from other layers are added, by key name.</param>
    internal abstract Layer Cull(KeySelections needed, KeySelections inputs);

    private Dictionary<Key, DaskTask> MaterializeDictionary()
    {
        var keys = new Key[Count];
        var list = new DaskTask[keys.Length];
        CopyTasks(keys, list);
        var result = new Dictionary<Key, DaskTask>(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            result.TryAdd(keys[i], list[i]);
        }

        return result;
    }
}
