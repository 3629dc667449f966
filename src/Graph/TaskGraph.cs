using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace MiniDask.Graph;

/// <summary>
/// An immutable task graph: a mapping from keys to tasks, built from layers. Graphs of
/// collections share their input graphs' layers; the flat key-to-task view is made once, the
/// first time it is needed.
/// </summary>
public sealed class TaskGraph : IReadOnlyDictionary<Key, DaskTask>
{
    private readonly Dictionary<string, Layer> layers;
    private Dictionary<Key, DaskTask>? flat;
    private Dictionary<Key, IReadOnlyList<Key>>? dependents;

    private TaskGraph(Dictionary<string, Layer> layers) => this.layers = layers;

    /// <summary>The empty graph.</summary>
    public static TaskGraph Empty { get; } = new(new Dictionary<string, Layer>());

    /// <summary>The graph's layers by name.</summary>
    public IReadOnlyDictionary<string, Layer> Layers => layers;

    /// <summary>
    /// A graph holding <paramref name="layer"/> and every layer of <paramref name="inputs"/>.
    /// Layers of the same name are the same operation (names are tokens), so one copy is kept.
    /// </summary>
    public static TaskGraph FromLayer(Layer layer, params IEnumerable<TaskGraph> inputs)
    {
        var merged = new Dictionary<string, Layer>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            foreach (var (name, l) in input.layers)
            {
                merged.TryAdd(name, l);
            }
        }

        merged[layer.Name] = layer;
        return new TaskGraph(merged);
    }

    /// <summary>A graph with one layer named <paramref name="name"/> holding <paramref name="tasks"/>.</summary>
    public static TaskGraph FromTasks(IEnumerable<KeyValuePair<Key, DaskTask>> tasks, string name = "tasks")
    {
        var dict = tasks is Dictionary<Key, DaskTask> d ? d : new Dictionary<Key, DaskTask>(tasks);
        return new TaskGraph(new Dictionary<string, Layer>(StringComparer.Ordinal) { [name] = new Layer(name, dict) });
    }

    /// <summary>The union of several graphs.</summary>
    public static TaskGraph Merge(params IEnumerable<TaskGraph> graphs)
    {
        var merged = new Dictionary<string, Layer>(StringComparer.Ordinal);
        foreach (var g in graphs)
        {
            foreach (var (name, l) in g.layers)
            {
                merged.TryAdd(name, l);
            }
        }

        return new TaskGraph(merged);
    }

    /// <summary>The number of tasks.</summary>
    public int Count => Flat.Count;

    /// <inheritdoc />
    public IEnumerable<Key> Keys => Flat.Keys;

    /// <inheritdoc />
    public IEnumerable<DaskTask> Values => Flat.Values;

    /// <inheritdoc />
    public DaskTask this[Key key] => Flat.TryGetValue(key, out var t)
        ? t
        : throw new KeyNotFoundException($"The graph has no task with key {key}.");

    /// <inheritdoc />
    public bool ContainsKey(Key key) => Flat.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(Key key, [MaybeNullWhen(false)] out DaskTask value) => Flat.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<Key, DaskTask>> GetEnumerator() => Flat.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Checks that every dependency is a key of the graph and that the graph has no cycle.
    /// </summary>
    /// <exception cref="GraphValidationException">
    /// A task depends on a missing key (the message names the task and the missing keys), or
    /// tasks form a cycle (the message lists the keys along it).
    /// </exception>
    public void Validate() => Validate(held: null);

    /// <summary>
    /// Checks that every dependency is a key of the graph (or one that <paramref name="held"/> says a
    /// scheduler already holds) and that the graph has no cycle.
    /// </summary>
    /// <param name="held">Keys whose results a scheduler holds already, such as a client's futures; null for none.</param>
    /// <exception cref="GraphValidationException">
    /// A task depends on a missing key (the message names the task and the missing keys), or
    /// tasks form a cycle (the message lists the keys along it).
    /// </exception>
    public void Validate(Func<Key, bool>? held)
    {
        var missing = new List<string>();
        foreach (var (key, task) in Flat)
        {
            foreach (var dep in task.Dependencies)
            {
                if (!Flat.ContainsKey(dep) && held?.Invoke(dep) != true)
                {
                    missing.Add($"{key} depends on missing key {dep}");
                }
            }
        }

        if (missing.Count > 0)
        {
            throw new GraphValidationException(
                $"The graph has {missing.Count} missing dependenc{(missing.Count == 1 ? "y" : "ies")}: {string.Join("; ", missing.Take(10))}{(missing.Count > 10 ? "; ..." : "")}.");
        }

        var cycle = Cycles.Find(Flat.Keys, key => Flat.TryGetValue(key, out var task) ? task.Dependencies : null);
        if (cycle is not null)
        {
            throw new GraphValidationException($"The graph has a cycle: {string.Join(" -> ", cycle)}.");
        }
    }

    /// <summary>
    /// The keys that depend on each key (the reverse of <see cref="DaskTask.Dependencies"/>), in
    /// the graph's order. Made once per graph and shared: optimizations that each need it on the
    /// same graph do not rebuild it.
    /// </summary>
    public IReadOnlyDictionary<Key, IReadOnlyList<Key>> Dependents() => dependents ??= BuildDependents();

    private Dictionary<Key, IReadOnlyList<Key>> BuildDependents()
    {
        var result = new Dictionary<Key, IReadOnlyList<Key>>(Flat.Count);
        foreach (var key in Flat.Keys)
        {
            result[key] = new List<Key>();
        }

        foreach (var (key, task) in Flat)
        {
            foreach (var dep in task.Dependencies)
            {
                if (result.TryGetValue(dep, out var list))
                {
                    ((List<Key>)list).Add(key);
                }
            }
        }

        return result;
    }

    private Dictionary<Key, DaskTask> Flat => flat ??= Flatten();

    private Dictionary<Key, DaskTask> Flatten()
    {
        if (layers.Count == 1 && layers.Values.First().Tasks is Dictionary<Key, DaskTask> only)
        {
            return only;
        }

        var result = new Dictionary<Key, DaskTask>(layers.Values.Sum(l => l.Tasks.Count));
        foreach (var layer in layers.Values)
        {
            foreach (var (k, t) in layer.Tasks)
            {
                result.TryAdd(k, t);
            }
        }

        return result;
    }
}
