using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace MiniDask.Graph;

/// <summary>
/// An immutable task graph (Dask's <c>HighLevelGraph</c>): a mapping from keys to tasks, built
/// from layers. Graphs of collections share their input graphs' layers; <see cref="Blockwise"/>
/// layers stay specs until optimization has culled and fused them. The flat view is made once,
/// the first time it is needed, as arrays: tasks have positions <c>0 .. Count - 1</c> in key
/// order (<see cref="KeyAt"/>, <see cref="TaskAt"/>), and each task's dependencies and dependents
/// are positions too (<see cref="DependenciesAt"/>, <see cref="DependentsAt"/>), which is what
/// optimization, ordering and the schedulers walk.
/// </summary>
public sealed class TaskGraph : IReadOnlyDictionary<Key, DaskTask>
{
    private readonly Dictionary<string, Layer> layers;
    private GraphIndex? index;
    private int? count;
    private Dictionary<Key, IReadOnlyList<Key>>? dependents;

    private TaskGraph(Dictionary<string, Layer> layers) => this.layers = layers;

    private TaskGraph(GraphIndex index, string name)
        : this(new Dictionary<string, Layer>(StringComparer.Ordinal) { [name] = new MaterializedLayer(name, index) }) => this.index = index;

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
        ArgumentNullException.ThrowIfNull(layer);
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
        return new TaskGraph(new Dictionary<string, Layer>(StringComparer.Ordinal) { [name] = new MaterializedLayer(name, dict) });
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

    /// <summary>A graph of <paramref name="layers"/>.</summary>
    internal static TaskGraph FromLayers(IEnumerable<Layer> layers)
    {
        var byName = new Dictionary<string, Layer>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            byName.TryAdd(layer.Name, layer);
        }

        return new TaskGraph(byName);
    }

    /// <summary>A graph of the tasks an optimization pass laid out already (one layer named <paramref name="name"/>).</summary>
    internal static TaskGraph FromIndex(GraphIndex index, string name) => new(index, name);

    /// <summary>
    /// The number of tasks. Counted layer by layer without making the tasks of
    /// <see cref="Blockwise"/> layers, unless layers share key names (then the flat view counts them).
    /// </summary>
    public int Count => index?.Count ?? (count ??= CountTasks());

    /// <inheritdoc />
    public IEnumerable<Key> Keys => ((IReadOnlyDictionary<Key, DaskTask>)Index).Keys;

    /// <inheritdoc />
    public IEnumerable<DaskTask> Values => ((IReadOnlyDictionary<Key, DaskTask>)Index).Values;

    /// <inheritdoc />
    public DaskTask this[Key key] => Index[key];

    /// <summary>The flat view, laid out on first use.</summary>
    internal GraphIndex Index => index ??= GraphIndex.FromLayers(layers.Values);

    /// <inheritdoc />
    public bool ContainsKey(Key key) => Index.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(Key key, [MaybeNullWhen(false)] out DaskTask value) => Index.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<Key, DaskTask>> GetEnumerator() => Index.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The position of <paramref name="key"/> among the graph's keys in ascending order, or -1 when it is not in the graph.</summary>
    public int PositionOf(Key key) => Index.PositionOf(key);

    /// <summary>The key at <paramref name="position"/> (keys in ascending order).</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="position"/> is not in <c>[0, Count)</c>.</exception>
    public Key KeyAt(int position) => Index.Keys[position];

    /// <summary>The task at <paramref name="position"/>.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="position"/> is not in <c>[0, Count)</c>.</exception>
    public DaskTask TaskAt(int position) => Index.Tasks[position];

    /// <summary>The positions of the dependencies of the task at <paramref name="position"/> that are in the graph, distinct, in the task's dependency order.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="position"/> is not in <c>[0, Count)</c>.</exception>
    public ReadOnlySpan<int> DependenciesAt(int position) => Index.DependenciesOf(position);

    /// <summary>The positions of the tasks that read the task at <paramref name="position"/>, ascending.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="position"/> is not in <c>[0, Count)</c>.</exception>
    public ReadOnlySpan<int> DependentsAt(int position) => Index.DependentsOf(position);

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
        var graph = Index;
        if (graph.Validated)
        {
            return;
        }

        IReadOnlyList<(int Task, Key Missing)> missing = held is null ? graph.Missing : [.. graph.Missing.Where(m => !held(m.Missing))];
        if (missing.Count > 0)
        {
            throw new GraphValidationException(
                $"The graph has {missing.Count} missing dependenc{(missing.Count == 1 ? "y" : "ies")}: "
                + $"{string.Join("; ", missing.Take(10).Select(m => $"{graph.Keys[m.Task]} depends on missing key {m.Missing}"))}{(missing.Count > 10 ? "; ..." : "")}.");
        }

        if (!IsAcyclic(graph))
        {
            var cycle = Cycles.Find(graph.Keys.ToArray(), key => graph.TryGetValue(key, out var task) ? task.Dependencies : null);
            throw new GraphValidationException($"The graph has a cycle: {string.Join(" -> ", cycle ?? [])}.");
        }

        // A graph that is complete only with held keys is checked again without them.
        graph.Validated = graph.Missing.Count == 0;
    }

    /// <summary>
    /// The keys that depend on each key (the reverse of <see cref="DaskTask.Dependencies"/>), in
    /// the graph's order. Made once per graph and shared.
    /// </summary>
    public IReadOnlyDictionary<Key, IReadOnlyList<Key>> Dependents() => dependents ??= BuildDependents();

    private Dictionary<Key, IReadOnlyList<Key>> BuildDependents()
    {
        var graph = Index;
        var result = new Dictionary<Key, IReadOnlyList<Key>>(graph.Count);
        for (var i = 0; i < graph.Count; i++)
        {
            var users = graph.DependentsOf(i);
            var list = new Key[users.Length];
            for (var j = 0; j < list.Length; j++)
            {
                list[j] = graph.Keys[users[j]];
            }

            result[graph.Keys[i]] = list;
        }

        return result;
    }

    /// <summary>Kahn's algorithm over positions: every task is reached once its dependencies are.</summary>
    private static bool IsAcyclic(GraphIndex graph)
    {
        var n = graph.Count;
        var waiting = new int[n];
        var ready = new Stack<int>();
        for (var i = 0; i < n; i++)
        {
            waiting[i] = graph.DependenciesOf(i).Length;
            if (waiting[i] == 0)
            {
                ready.Push(i);
            }
        }

        var visited = 0;
        while (ready.Count > 0)
        {
            var v = ready.Pop();
            visited++;
            foreach (var user in graph.DependentsOf(v))
            {
                if (--waiting[user] == 0)
                {
                    ready.Push(user);
                }
            }
        }

        return visited == n;
    }

    private int CountTasks()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var total = 0;
        foreach (var layer in layers.Values)
        {
            foreach (var name in layer.KeyNames)
            {
                if (!names.Add(name))
                {
                    return Index.Count;
                }
            }

            total += layer.Count;
        }

        return total;
    }
}
