namespace MiniDask.Graph;

/// <summary>How <see cref="DotRenderer.ToDot"/> fills the nodes.</summary>
public enum DotColor
{
    /// <summary>One colour per task group (the blocks of one key name, as one layer of a collection makes them).</summary>
    TaskGroup,

    /// <summary>A gradient over the order the scheduler runs tasks in, from blue (first) to red (last), as Dask's <c>color="order"</c>.</summary>
    Order,

    /// <summary>All nodes white.</summary>
    None,
}

/// <summary>Options of <see cref="DotRenderer.ToDot"/> and <see cref="GraphVisualization.Visualize"/>.</summary>
public sealed record DotOptions
{
    /// <summary>
    /// The most tasks rendered (default 1,000; graphviz slows down sharply beyond a few
    /// thousand nodes). A larger graph is cut to the tasks that run first in
    /// <see cref="Optimization.Ordering.Order"/> order, with a note saying how many were left out.
    /// </summary>
    public int MaxNodes { get; init; } = 1000;

    /// <summary>Whether to draw the blocks of each key name (layer) inside one labelled box (default true).</summary>
    public bool ClusterByName { get; init; } = true;

    /// <summary>
    /// The graphviz <c>rankdir</c>: <c>BT</c> (inputs at the bottom, results on top, as Dask draws
    /// graphs), <c>TB</c>, <c>LR</c> or <c>RL</c>. Null (the default) chooses: <c>BT</c>, or for a
    /// graph much wider than it is deep, <c>LR</c> with each layer of tasks in one column, so that
    /// the picture is not thousands of pixels wide.
    /// </summary>
    public string? RankDirection { get; init; }

    /// <summary>How nodes are coloured (default: by task group).</summary>
    public DotColor Color { get; init; } = DotColor.TaskGroup;
}
