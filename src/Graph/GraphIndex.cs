using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace MiniDask.Graph;

/// <summary>
/// A flat graph laid out in arrays: keys in ascending key order, their tasks, and each task's
/// dependencies and dependents as positions in compressed rows (one offsets array and one
/// array of positions, rather than a list per task). One dictionary maps keys to positions.
/// Optimization passes, validation, ordering and the schedulers all read the same index, so a
/// graph of a million tasks is laid out once and makes a handful of large arrays, not a million
/// small collections.
/// </summary>
internal sealed class GraphIndex : IReadOnlyDictionary<Key, DaskTask>
{
    private readonly Key[] keys;
    private readonly DaskTask[] tasks;
    private readonly Dictionary<Key, int> positions;

    /// <summary>
    /// For an index derived from another by dropping and replacing tasks: the position here of each
    /// position in <see cref="positions"/> (-1 for keys dropped), so the dictionary is shared, not rebuilt.
    /// </summary>
    private readonly int[]? remap;
    private readonly int[] dependencyStart;
    private readonly int[] dependencies;
    private readonly List<(int Task, Key Missing)> missing;
    private Rows? dependents;

    private GraphIndex(Key[] keys, DaskTask[] tasks, Dictionary<Key, int>? positions = null, int[]? remap = null)
    {
        this.keys = keys;
        this.tasks = tasks;
        var n = keys.Length;
        if (positions is null)
        {
            positions = new Dictionary<Key, int>(n);
            for (var i = 0; i < n; i++)
            {
                positions[keys[i]] = i;
            }
        }

        this.positions = positions;
        this.remap = remap;
        dependencyStart = new int[n + 1];
        missing = [];
        var edges = new List<int>(n);
        for (var i = 0; i < n; i++)
        {
            dependencyStart[i] = edges.Count;
            foreach (var dep in tasks[i].Dependencies)
            {
                var d = PositionOf(dep);
                if (d >= 0)
                {
                    edges.Add(d);
                }
                else
                {
                    missing.Add((i, dep));
                }
            }
        }

        dependencyStart[n] = edges.Count;
        dependencies = [.. edges];
    }

    /// <summary>The empty index.</summary>
    public static GraphIndex Empty { get; } = new([], []);

    /// <summary>The number of tasks.</summary>
    public int Count => keys.Length;

    /// <summary>The keys, in ascending key order; a task's position is its key's place here.</summary>
    public ReadOnlySpan<Key> Keys => keys;

    /// <summary>The tasks, by position.</summary>
    public ReadOnlySpan<DaskTask> Tasks => tasks;

    /// <summary>
    /// Whether the graph was checked to have every dependency and no cycle. An index that
    /// optimization derives from a valid one by inlining and fusing tasks is valid too.
    /// </summary>
    public bool Validated { get; set; }

    /// <summary>Dependencies that are not keys of the graph, with the position of the task that reads each.</summary>
    public IReadOnlyList<(int Task, Key Missing)> Missing => missing;

    IEnumerable<Key> IReadOnlyDictionary<Key, DaskTask>.Keys => keys;

    IEnumerable<DaskTask> IReadOnlyDictionary<Key, DaskTask>.Values => tasks;

    /// <inheritdoc />
    public DaskTask this[Key key] => PositionOf(key) is var i and >= 0
        ? tasks[i]
        : throw new KeyNotFoundException($"The graph has no task with key {key}.");

    /// <summary>
    /// The index of the tasks of <paramref name="layers"/>. Keys held by several layers are the
    /// same computation (keys are tokens of what they compute); one of their tasks is kept.
    /// </summary>
    public static GraphIndex FromLayers(IEnumerable<Layer> layers)
    {
        var ordered = layers.OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
        var keys = new Key[ordered.Sum(l => l.Count)];
        var tasks = new DaskTask[keys.Length];
        var at = 0;
        foreach (var layer in ordered)
        {
            var count = layer.Count;
            layer.CopyTasks(keys.AsSpan(at, count), tasks.AsSpan(at, count));
            at += count;
        }

        return FromUnsorted(keys, tasks);
    }

    /// <summary>The index of <paramref name="keys"/> and their <paramref name="tasks"/>, sorted here unless they already are; duplicate keys keep one task.</summary>
    public static GraphIndex FromUnsorted(Key[] keys, DaskTask[] tasks)
    {
        if (!IsStrictlyAscending(keys))
        {
            System.Array.Sort(keys, tasks);
            var distinct = 0;
            for (var i = 0; i < keys.Length; i++)
            {
                if (distinct == 0 || keys[i] != keys[distinct - 1])
                {
                    keys[distinct] = keys[i];
                    tasks[distinct] = tasks[i];
                    distinct++;
                }
            }

            if (distinct < keys.Length)
            {
                keys = keys[..distinct];
                tasks = tasks[..distinct];
            }
        }

        return new GraphIndex(keys, tasks);
    }

    /// <summary>The index of keys already in ascending order and distinct, as the passes over an index produce them.</summary>
    public static GraphIndex FromSorted(Key[] keys, DaskTask[] tasks) => new(keys, tasks);

    /// <summary>
    /// The index with the tasks of <paramref name="tasks"/> (this index's, some replaced) at the
    /// positions <paramref name="removed"/> does not mark; keys keep their order.
    /// </summary>
    public GraphIndex With(DaskTask[] tasks, bool[] removed)
    {
        var count = removed.Count(r => !r);
        var keptKeys = new Key[count];
        var keptTasks = new DaskTask[count];
        var newPosition = new int[removed.Length];
        for (int i = 0, j = 0; i < removed.Length; i++)
        {
            if (removed[i])
            {
                newPosition[i] = -1;
                continue;
            }

            (keptKeys[j], keptTasks[j]) = (keys[i], tasks[i]);
            newPosition[i] = j++;
        }

        // The new positions of the dictionary's positions, through this index's own remap if it has one.
        var composed = remap is null ? newPosition : [.. remap.Select(p => p < 0 ? -1 : newPosition[p])];
        return new GraphIndex(keptKeys, keptTasks, positions, composed) { Validated = Validated };
    }

    /// <summary>The position of <paramref name="key"/>, or -1 when it is not in the graph.</summary>
    public int PositionOf(Key key) => !positions.TryGetValue(key, out var i) ? -1 : remap is null ? i : remap[i];

    /// <summary>The positions of the dependencies of the task at <paramref name="position"/> that are in the graph, in its dependency order.</summary>
    public ReadOnlySpan<int> DependenciesOf(int position) =>
        dependencies.AsSpan(dependencyStart[position], dependencyStart[position + 1] - dependencyStart[position]);

    /// <summary>The positions of the tasks that read the task at <paramref name="position"/>, ascending.</summary>
    public ReadOnlySpan<int> DependentsOf(int position)
    {
        var rows = dependents ??= BuildDependents();
        return rows.Positions.AsSpan(rows.Start[position], rows.Start[position + 1] - rows.Start[position]);
    }

    /// <summary>A copy of every task's dependency positions, one row per task, for passes that reorder them.</summary>
    public (int[] Start, int[] Positions) CopyDependencies() => (dependencyStart, (int[])dependencies.Clone());

    /// <inheritdoc />
    public bool ContainsKey(Key key) => PositionOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(Key key, [MaybeNullWhen(false)] out DaskTask value)
    {
        var i = PositionOf(key);
        if (i >= 0)
        {
            value = tasks[i];
            return true;
        }

        value = null;
        return false;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<Key, DaskTask>> GetEnumerator()
    {
        for (var i = 0; i < keys.Length; i++)
        {
            yield return new KeyValuePair<Key, DaskTask>(keys[i], tasks[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static bool IsStrictlyAscending(Key[] keys)
    {
        for (var i = 1; i < keys.Length; i++)
        {
            if (keys[i - 1].CompareTo(keys[i]) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    private Rows BuildDependents()
    {
        var n = keys.Length;
        var start = new int[n + 1];
        foreach (var d in dependencies)
        {
            start[d + 1]++;
        }

        for (var i = 0; i < n; i++)
        {
            start[i + 1] += start[i];
        }

        var fill = start[..n];
        var result = new int[dependencies.Length];
        for (var i = 0; i < n; i++)
        {
            foreach (var d in DependenciesOf(i))
            {
                result[fill[d]++] = i;
            }
        }

        return new Rows(start, result);
    }

    /// <summary>Compressed rows: row <c>i</c> is <c>Positions[Start[i]..Start[i + 1]]</c>.</summary>
    private sealed record Rows(int[] Start, int[] Positions);
}
