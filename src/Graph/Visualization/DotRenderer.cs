using System.Globalization;
using System.Text;
using MiniDask.Graph.Optimization;

namespace MiniDask.Graph;

/// <summary>
/// Renders task graphs in graphviz DOT (Dask's <c>visualize</c>): one node per task, labelled with
/// its op and block index, and one edge from each dependency to its dependent.
/// </summary>
public static class DotRenderer
{
    private const int MaxNameLength = 28;

    private static readonly HashSet<string> RankDirections = new(StringComparer.Ordinal) { "BT", "TB", "LR", "RL" };

    /// <summary>The element type names that end the names of per-dtype ops.</summary>
    private static readonly HashSet<string> ElementTypes = new(StringComparer.Ordinal) {
        "float64", "float32", "float16", "int64", "uint64", "int32", "uint32", "int16", "uint16", "int8", "uint8", "bool",
    };

    /// <summary>
    /// The graph in DOT syntax, ready for <c>dot -Tsvg</c>. Tasks are labelled by op and block
    /// index, coloured by task group (or by run order), and by default boxed by key name; fused
    /// tasks show how many tasks they run inline; a wide graph is laid out left to right in layers;
    /// a dependency that is not in the graph is drawn dashed, so malformed graphs render too.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="DotOptions.MaxNodes"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><see cref="DotOptions.RankDirection"/> is not BT, TB, LR or RL.</exception>
    /// <exception cref="GraphValidationException">The graph has more than <see cref="DotOptions.MaxNodes"/> tasks and a cycle, so no run order exists to cut it by.</exception>
    public static string ToDot(this TaskGraph graph, DotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= new DotOptions();
        if (options.MaxNodes < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.MaxNodes, "DotOptions.MaxNodes must be at least 1.");
        }

        if (options.RankDirection is not null && !RankDirections.Contains(options.RankDirection))
        {
            throw new ArgumentException(
                $"DotOptions.RankDirection must be BT, TB, LR or RL; got '{options.RankDirection}'.", nameof(options));
        }

        var shown = TasksToShow(graph, options.MaxNodes);
        var ids = new Dictionary<Key, string>(shown.Count);
        for (var i = 0; i < shown.Count; i++)
        {
            ids[shown[i]] = "n" + i.ToString(CultureInfo.InvariantCulture);
        }

        var layers = DotLayout.Layers(graph, shown);
        var layered = options.RankDirection is null && DotLayout.IsWide(layers);
        var sb = new StringBuilder();
        sb.Append("digraph minidask {\n");
        sb.Append("  rankdir=").Append(options.RankDirection ?? (layered ? "LR" : "BT")).Append(";\n");
        if (layered)
        {
            // Each layer in one column, even across the boxes of key names.
            sb.Append("  newrank=true;\n");
        }

        sb.Append("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n");
        sb.Append("  edge [color=\"#555555\"];\n");
        AppendNodes(sb, graph, shown, ids, options.ClusterByName, DotLayout.Colours(graph, shown, options.Color));
        var missing = AppendEdges(sb, graph, shown, ids);
        if (layered)
        {
            AppendLayers(sb, layers, ids);
        }

        AppendMissing(sb, missing);
        if (shown.Count < graph.Count)
        {
            var left = graph.Count - shown.Count;
            sb.Append("  more [shape=plaintext, style=\"\", label=\"")
                .Append(Escape($"... {left} more task{(left == 1 ? "" : "s")} not shown"))
                .Append("\"];\n");
        }

        return sb.Append("}\n").ToString();
    }

    /// <summary>Every task in key order, or the first <paramref name="max"/> in run order, listed in key order.</summary>
    private static List<Key> TasksToShow(TaskGraph graph, int max)
    {
        IEnumerable<Key> keys = graph.Keys;
        if (graph.Count > max)
        {
            keys = Ordering.Order(graph).OrderBy(kv => kv.Value).Take(max).Select(kv => kv.Key);
        }

        var list = keys.ToList();
        list.Sort();
        return list;
    }

    private static void AppendLayers(StringBuilder sb, Dictionary<Key, int> layers, Dictionary<Key, string> ids)
    {
        foreach (var layer in layers.GroupBy(kv => kv.Value).OrderBy(g => g.Key))
        {
            sb.Append("  { rank=same;");
            foreach (var key in layer.Select(kv => kv.Key).Order())
            {
                sb.Append(' ').Append(ids[key]).Append(';');
            }

            sb.Append(" }\n");
        }
    }

    private static void AppendNodes(StringBuilder sb, TaskGraph graph, List<Key> shown, Dictionary<Key, string> ids, bool cluster, Func<Key, string> colourOf)
    {
        var clusterNumber = 0;
        var i = 0;
        while (i < shown.Count)
        {
            // Keys are sorted, so the blocks of one name are adjacent.
            var name = shown[i].Name;
            var end = i;
            while (end < shown.Count && shown[end].Name == name)
            {
                end++;
            }

            var indent = "  ";
            if (cluster)
            {
                sb.Append("  subgraph cluster_").Append(clusterNumber++).Append(" {\n");
                sb.Append("    label=\"").Append(Escape(ShortName(name))).Append("\";\n");
                sb.Append("    tooltip=\"").Append(Escape(name)).Append("\";\n");
                sb.Append("    style=rounded; color=\"#bbbbbb\"; fontname=\"Helvetica\"; fontsize=10;\n");
                indent = "    ";
            }

            for (var k = i; k < end; k++)
            {
                var key = shown[k];
                sb.Append(indent).Append(ids[key])
                    .Append(" [label=\"").Append(Escape(Label(key, graph[key])))
                    .Append("\", tooltip=\"").Append(Escape(key.ToString()))
                    .Append("\", fillcolor=\"").Append(colourOf(key)).Append("\"];\n");
            }

            if (cluster)
            {
                sb.Append("  }\n");
            }

            i = end;
        }
    }

    /// <summary>Writes the edges between shown tasks and returns the dependencies that are not in the graph.</summary>
    private static List<Key> AppendEdges(StringBuilder sb, TaskGraph graph, List<Key> shown, Dictionary<Key, string> ids)
    {
        var missing = new SortedSet<Key>();
        foreach (var key in shown)
        {
            foreach (var dep in graph[key].Dependencies)
            {
                if (ids.TryGetValue(dep, out var from))
                {
                    sb.Append("  ").Append(from).Append(" -> ").Append(ids[key]).Append(";\n");
                }
                else if (!graph.ContainsKey(dep))
                {
                    missing.Add(dep);
                    sb.Append("  \"missing ").Append(Escape(dep.ToString())).Append("\" -> ").Append(ids[key])
                        .Append(" [style=dashed];\n");
                }
            }
        }

        return [.. missing];
    }

    private static void AppendMissing(StringBuilder sb, List<Key> missing)
    {
        foreach (var dep in missing)
        {
            sb.Append("  \"missing ").Append(Escape(dep.ToString())).Append("\" [label=\"")
                .Append(Escape($"missing\n{ShortName(dep.Name)} {IndexText(dep)}".TrimEnd()))
                .Append("\", style=dashed, fillcolor=white, color=red];\n");
        }
    }

    /// <summary>The op's short name, the number of inline tasks if fused, and the block index (or the key's name for a scalar key).</summary>
    private static string Label(Key key, DaskTask task)
    {
        var op = OpLabel(task.Op);
        var inline = CountNested(task);
        var text = inline == 0 ? op : $"{op} +{inline}";
        return key.Rank == 0 ? $"{text}\n{ShortName(key.Name)}" : $"{text}\n{IndexText(key)}";
    }

    /// <summary>
    /// The op as a person names it: a user function by its readable name (<c>Program.Square</c>);
    /// a collection op by its last dotted part before the element type (<c>array.sum-chunk.float64</c> is <c>sum-chunk</c>).
    /// </summary>
    private static string OpLabel(string op)
    {
        if (Functions.UserFunctions.FunctionIn(op) is { } function)
        {
            return Functions.UserFunctions.DisplayName(function);
        }

        var parts = op.Split('.');
        return parts.Length > 1 && ElementTypes.Contains(parts[^1]) ? parts[^2] : parts[^1];
    }

    private static string IndexText(Key key)
    {
        if (key.Rank == 0)
        {
            return "";
        }

        var parts = new string[key.Rank];
        for (var i = 0; i < key.Rank; i++)
        {
            parts[i] = key[i].ToString(CultureInfo.InvariantCulture);
        }

        return "(" + string.Join(", ", parts) + ")";
    }

    private static int CountNested(DaskTask task)
    {
        var count = 0;
        var pending = new Stack<TaskArg>(task.Args);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case NestedArg n:
                    count++;
                    foreach (var arg in n.Task.Args)
                    {
                        pending.Push(arg);
                    }

                    break;
                case ListArg l:
                    foreach (var item in l.Items)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }

        return count;
    }

    /// <summary>A name cut to a readable length: <c>add-3f2a9c0d...</c> for a long tokenized name.</summary>
    private static string ShortName(string name) =>
        name.Length <= MaxNameLength ? name : name[..(MaxNameLength - 3)] + "...";

    /// <summary>Escapes text for a double-quoted DOT string; line breaks become DOT's centred <c>\n</c>.</summary>
    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    sb.Append(@"\\");
                    break;
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\n':
                    sb.Append(@"\n");
                    break;
                case '\r':
                    break;
                default:
                    sb.Append(char.IsControl(c) ? ' ' : c);
                    break;
            }
        }

        return sb.ToString();
    }
}
