namespace MiniDask.Graph;

/// <summary>
/// The tasks one operation adds to a graph (Dask's high-level-graph layer): all the blocks of
/// one step, such as every chunk of an elementwise add. Collections build graphs layer by layer,
/// so combining two collections' graphs costs a few layers, not a copy of every task.
/// </summary>
public sealed class Layer
{
    /// <summary>Creates a layer named <paramref name="name"/> holding <paramref name="tasks"/>.</summary>
    public Layer(string name, IReadOnlyDictionary<Key, DaskTask> tasks)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Tasks = tasks;
    }

    /// <summary>The layer's name; by convention the name of the keys it holds.</summary>
    public string Name { get; }

    /// <summary>The layer's tasks by key.</summary>
    public IReadOnlyDictionary<Key, DaskTask> Tasks { get; }
}
