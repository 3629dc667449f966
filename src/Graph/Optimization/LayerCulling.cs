namespace MiniDask.Graph.Optimization;

/// <summary>
/// Culls a graph layer by layer (Dask's <c>HighLevelGraph.cull</c>): from the requested keys,
/// each layer, consumers before producers, keeps the part the keys selected from it need and
/// selects what that part reads from other layers. A <see cref="Blockwise"/> layer needed whole
/// is kept as it is and selects its inputs whole, so culling a graph that is needed whole makes
/// no task and touches no key.
/// </summary>
internal static class LayerCulling
{
    /// <summary>
    /// The layers of <paramref name="graph"/> culled to what <paramref name="keys"/> need, in
    /// dependency order (a layer after the layers it reads), or null when layers depend on each
    /// other in a cycle (then only a task-level cull can tell what is needed). Needed keys that
    /// no layer holds are left for validation to report, with the tasks that read them.
    /// </summary>
    /// <exception cref="GraphValidationException">A requested key is not in the graph; the message names it.</exception>
    public static List<Layer>? Cull(TaskGraph graph, IEnumerable<Key> keys)
    {
        var byName = LayersByKeyName(graph);
        var needed = new KeySelections();
        foreach (var key in keys)
        {
            if (!byName.TryGetValue(key.Name, out var layer) || !layer.ContainsKey(key))
            {
                throw new GraphValidationException($"Requested key {key} is not in the graph.");
            }

            needed.Add(key);
        }

        var order = DependencyOrder(graph.Layers.Values, byName);
        if (order is null)
        {
            return null;
        }

        var kept = new List<Layer>();
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var layer = order[i];
            if (!layer.KeyNames.Any(needed.Contains))
            {
                continue;
            }

            if (layer.KeyNames.Count == 1)
            {
                needed.Saturate(layer.KeyNames.First(), layer.Count);
            }

            kept.Add(layer.Cull(needed, needed));
        }

        kept.Reverse();
        return kept;
    }

    /// <summary>The layer that holds each key name.</summary>
    public static Dictionary<string, Layer> LayersByKeyName(TaskGraph graph)
    {
        var byName = new Dictionary<string, Layer>(StringComparer.Ordinal);
        foreach (var layer in graph.Layers.Values)
        {
            foreach (var name in layer.KeyNames)
            {
                byName.TryAdd(name, layer);
            }
        }

        return byName;
    }

    /// <summary>
    /// The layers in dependency order (each after the layers it reads; depth-first, so the
    /// result does not depend on more than the graph), or null when they form a cycle.
    /// </summary>
    public static List<Layer>? DependencyOrder(IEnumerable<Layer> layers, Dictionary<string, Layer> byName)
    {
        var order = new List<Layer>();
        var state = new Dictionary<Layer, bool>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Layer Layer, IEnumerator<string> Inputs)>();
        foreach (var start in layers)
        {
            if (state.ContainsKey(start))
            {
                continue;
            }

            state[start] = false;
            stack.Push((start, start.InputNames.GetEnumerator()));
            while (stack.Count > 0)
            {
                var (layer, inputs) = stack.Peek();
                if (!inputs.MoveNext())
                {
                    stack.Pop();
                    state[layer] = true;
                    order.Add(layer);
                    continue;
                }

                if (!byName.TryGetValue(inputs.Current, out var input) || ReferenceEquals(input, layer))
                {
                    continue;
                }

                if (!state.TryGetValue(input, out var done))
                {
                    state[input] = false;
                    stack.Push((input, input.InputNames.GetEnumerator()));
                }
                else if (!done)
                {
                    return null;
                }
            }
        }

        return order;
    }
}
