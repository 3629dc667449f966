using System.Globalization;
using MiniDask.Graph.Optimization;

namespace MiniDask.Graph;

/// <summary>The layout decisions of <see cref="DotRenderer"/>: layers, direction, and node colours.</summary>
internal static class DotLayout
{
    private static readonly string[] Palette =
    [
        "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3",
        "#fdb462", "#b3de69", "#fccde5", "#d9d9d9", "#ccebc5",
    ];

    /// <summary>
    /// The layer of each shown task: 0 for a task none of whose dependencies is shown, else one
    /// more than its deepest shown dependency (the rank graphviz gives it too).
    /// </summary>
    public static Dictionary<Key, int> Layers(TaskGraph graph, IReadOnlyCollection<Key> shown)
    {
        // Kahn's algorithm over the shown tasks; tasks on a cycle (a malformed graph) stay in layer 0.
        var set = shown.ToHashSet();
        var waiting = new Dictionary<Key, int>(shown.Count);
        var dependents = new Dictionary<Key, List<Key>>();
        var layers = shown.ToDictionary(k => k, _ => 0);
        var ready = new Queue<Key>();
        foreach (var key in shown)
        {
            var count = 0;
            foreach (var dep in graph[key].Dependencies.Distinct())
            {
                if (set.Contains(dep))
                {
                    count++;
                    (dependents.TryGetValue(dep, out var list) ? list : dependents[dep] = []).Add(key);
                }
            }

            waiting[key] = count;
            if (count == 0)
            {
                ready.Enqueue(key);
            }
        }

        while (ready.TryDequeue(out var key))
        {
            foreach (var dependent in dependents.GetValueOrDefault(key) ?? [])
            {
                layers[dependent] = Math.Max(layers[dependent], layers[key] + 1);
                if (--waiting[dependent] == 0)
                {
                    ready.Enqueue(dependent);
                }
            }
        }

        return layers;
    }

    /// <summary>
    /// Wide: the widest layer has more than twice as many tasks as there are layers (and more than
    /// eight), so top-to-bottom graphviz would spread it over thousands of pixels.
    /// </summary>
    public static bool IsWide(Dictionary<Key, int> layers)
    {
        if (layers.Count == 0)
        {
            return false;
        }

        var widest = layers.Values.GroupBy(l => l).Max(g => g.Count());
        var depth = layers.Values.Max() + 1;
        return widest > 8 && widest > 2 * depth;
    }

    /// <summary>The fill colour of each shown task for <paramref name="mode"/>.</summary>
    public static Func<Key, string> Colours(TaskGraph graph, IReadOnlyCollection<Key> shown, DotColor mode)
    {
        switch (mode)
        {
            case DotColor.None:
                return _ => "white";
            case DotColor.Order:
                var order = Ordering.Order(graph);
                var ranked = shown.OrderBy(k => order.GetValueOrDefault(k, int.MaxValue)).ToList();
                var colours = new Dictionary<Key, string>(ranked.Count);
                for (var i = 0; i < ranked.Count; i++)
                {
                    colours[ranked[i]] = Gradient(ranked.Count == 1 ? 0 : (double)i / (ranked.Count - 1));
                }

                return key => colours[key];
            default:
                return key => Palette[StableHash(key.Name) % (uint)Palette.Length];
        }
    }

    /// <summary>Blue (0) through green to red (1), in graphviz's "H S V" form.</summary>
    private static string Gradient(double t) =>
        string.Create(CultureInfo.InvariantCulture, $"{0.66 * (1 - t):0.000} 0.450 0.950");

    /// <summary>FNV-1a of the name: unlike <see cref="string.GetHashCode()"/>, the same in every process.</summary>
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
