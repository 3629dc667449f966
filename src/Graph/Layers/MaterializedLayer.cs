namespace MiniDask.Graph;

/// <summary>
/// A layer given as its tasks (Dask's <c>MaterializedLayer</c>): for steps whose tasks do not
/// follow one pattern per block, such as the levels of a tree reduction or a rechunk.
/// </summary>
public sealed class MaterializedLayer : Layer
{
    private readonly IReadOnlyDictionary<Key, DaskTask> tasks;
    private string[]? keyNames;
    private string[]? inputNames;
    private readonly string[]? readsAllOf;

    /// <summary>Creates a layer named <paramref name="name"/> holding <paramref name="tasks"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public MaterializedLayer(string name, IReadOnlyDictionary<Key, DaskTask> tasks)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        this.tasks = tasks;
    }

    /// <summary>
    /// Creates a layer named <paramref name="name"/> holding <paramref name="tasks"/>, which read
    /// every key of the layers named <paramref name="readsAllOf"/> and no other key outside the
    /// layer (the levels of a tree reduction do). Culling then selects those layers whole when the
    /// layer is needed whole, without collecting their keys one by one.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public MaterializedLayer(string name, IReadOnlyDictionary<Key, DaskTask> tasks, IReadOnlyCollection<string> readsAllOf)
        : this(name, tasks)
    {
        ArgumentNullException.ThrowIfNull(readsAllOf);
        this.readsAllOf = [.. readsAllOf];
        inputNames = this.readsAllOf;
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<Key, DaskTask> Tasks => tasks;

    /// <inheritdoc />
    public override int Count => tasks.Count;

    /// <inheritdoc />
    public override IReadOnlyCollection<string> KeyNames => keyNames ??= FindKeyNames();

    /// <inheritdoc />
    public override IReadOnlyCollection<string> InputNames => inputNames ??= FindInputNames();

    /// <inheritdoc />
    public override bool ContainsKey(Key key) => tasks.ContainsKey(key);

    /// <inheritdoc />
    internal override void CopyTasks(Span<Key> keys, Span<DaskTask> taskList)
    {
        var i = 0;
        foreach (var (key, task) in tasks)
        {
            keys[i] = key;
            taskList[i++] = task;
        }
    }

    /// <inheritdoc />
    internal override Layer Cull(KeySelections needed, KeySelections inputs)
    {
        if (KeyNames.All(needed.All))
        {
            if (readsAllOf is not null)
            {
                foreach (var input in readsAllOf)
                {
                    inputs.AddAll(input);
                }

                return this;
            }

            foreach (var task in tasks.Values)
            {
                AddExternal(task, inputs);
            }

            return this;
        }

        // Tasks of a layer may read each other (a layer made from a whole graph does), so the
        // needed part is closed over the layer's own keys before its inputs are known.
        var kept = new Dictionary<Key, DaskTask>();
        var pending = new Stack<Key>();
        foreach (var (key, _) in tasks)
        {
            if (needed.TryGet(key.Name, out var selected) && (selected is null || selected.Contains(key)))
            {
                pending.Push(key);
            }
        }

        while (pending.Count > 0)
        {
            var key = pending.Pop();
            if (kept.ContainsKey(key) || !tasks.TryGetValue(key, out var task))
            {
                continue;
            }

            kept[key] = task;
            foreach (var dep in task.Dependencies)
            {
                if (tasks.ContainsKey(dep))
                {
                    pending.Push(dep);
                }
                else
                {
                    inputs.Add(dep);
                }
            }
        }

        return kept.Count == tasks.Count ? this : new MaterializedLayer(Name, kept);
    }

    private void AddExternal(DaskTask task, KeySelections inputs)
    {
        foreach (var dep in task.Dependencies)
        {
            if (!tasks.ContainsKey(dep))
            {
                inputs.Add(dep);
            }
        }
    }

    private string[] FindKeyNames()
    {
        string? only = null;
        HashSet<string>? several = null;
        foreach (var key in tasks.Keys)
        {
            if (only is null)
            {
                only = key.Name;
            }
            else if (!string.Equals(only, key.Name, StringComparison.Ordinal))
            {
                (several ??= new HashSet<string>(StringComparer.Ordinal) { only }).Add(key.Name);
            }
        }

        return several is not null ? [.. several] : only is null ? [] : [only];
    }

    private string[] FindInputNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in tasks.Values)
        {
            foreach (var dep in task.Dependencies)
            {
                if (!tasks.ContainsKey(dep))
                {
                    names.Add(dep.Name);
                }
            }
        }

        return [.. names];
    }
}
