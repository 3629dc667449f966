namespace MiniDask.Graph;

/// <summary>Options of <see cref="DotRenderer.ToDot"/>.</summary>
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
    /// The graphviz <c>rankdir</c>: <c>BT</c> (default: inputs at the bottom, results on top, as
    /// Dask draws graphs), <c>TB</c>, <c>LR</c> or <c>RL</c>.
    /// </summary>
    public string RankDirection { get; init; } = "BT";
}
