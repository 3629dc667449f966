using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>
    /// Every block grown by <paramref name="depth"/> elements on each side along every axis, read
    /// from its neighbours, and past the array's edges from <paramref name="boundary"/> (Dask's
    /// <c>overlap</c>). The chunks grow by the margins; under a <see cref="Boundary.None"/>
    /// boundary (the default) the outer blocks get none on the edge side.
    /// </summary>
    /// <exception cref="ArgumentException">The depth is negative, or larger than an axis under a reflect or periodic boundary.</exception>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown.</exception>
    public DArray<TElement> Overlap(int depth, Boundary? boundary = null) => Overlap(Uniform(depth), boundary);

    /// <summary>Every block grown by <paramref name="depth"/>[axis] elements on each side along each axis; otherwise as <see cref="Overlap(int, Boundary?)"/>.</summary>
    /// <exception cref="ArgumentException">The depths are not one per axis, or one is negative or larger than its axis under a reflect or periodic boundary.</exception>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown.</exception>
    public DArray<TElement> Overlap(int[] depth, Boundary? boundary = null) =>
        FromNode(OverlapPlan.Build(Node, Depths(depth), boundary ?? Boundary.None));

    /// <summary>
    /// The margins that <see cref="Overlap(int, Boundary?)"/> with the same
    /// <paramref name="depth"/> and <paramref name="boundary"/> added, cut off every block again
    /// (Dask's <c>trim_internal</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A block is smaller than its margins.</exception>
    public DArray<TElement> Trim(int depth, Boundary? boundary = null) => Trim(Uniform(depth), boundary);

    /// <summary>The margins of <see cref="Overlap(int[], Boundary?)"/> cut off every block; otherwise as <see cref="Trim(int, Boundary?)"/>.</summary>
    /// <exception cref="ArgumentException">The depths are not one per axis, or a block is smaller than its margins.</exception>
    public DArray<TElement> Trim(int[] depth, Boundary? boundary = null) =>
        FromNode(OverlapLayers.Trim(Node, Depths(depth), boundary ?? Boundary.None));

    /// <summary>
    /// <paramref name="function"/> applied to every block grown by <paramref name="depth"/>
    /// elements from its neighbours on each side (Dask's <c>map_overlap</c>): the function sees
    /// the overlapped block and must return a block of the same shape; with
    /// <paramref name="trim"/> the margins are then cut off, so the result has this array's
    /// chunks. A stencil computed this way equals the stencil over the whole array. Registration
    /// rules are those of <see cref="Map{TOut}"/>.
    /// </summary>
    /// <typeparam name="TOut">The output blocks' element type.</typeparam>
    /// <exception cref="ArgumentException">The depth is negative, or larger than an axis under a reflect or periodic boundary.</exception>
    public DArray<TOut> MapOverlap<TOut>(Func<NDArray<TElement>, NDArray<TOut>> function, int depth, Boundary? boundary = null, bool trim = true)
        where TOut : unmanaged, INumber<TOut> => MapOverlap(function, Uniform(depth), boundary, trim);

    /// <summary>The function applied to blocks grown by <paramref name="depth"/>[axis] along each axis; otherwise as <see cref="MapOverlap{TOut}(Func{NDArray{TElement}, NDArray{TOut}}, int, Boundary?, bool)"/>.</summary>
    /// <typeparam name="TOut">The output blocks' element type.</typeparam>
    /// <exception cref="ArgumentException">The depths are not one per axis, or one is negative or larger than its axis under a reflect or periodic boundary.</exception>
    public DArray<TOut> MapOverlap<TOut>(Func<NDArray<TElement>, NDArray<TOut>> function, int[] depth, Boundary? boundary = null, bool trim = true)
        where TOut : unmanaged, INumber<TOut>
    {
        ArgumentNullException.ThrowIfNull(function);
        var mapped = Overlap(depth, boundary).MapBlocks(function);
        return trim ? mapped.Trim(depth, boundary) : mapped;
    }

    /// <summary>
    /// Every window of <paramref name="windowShape"/> elements along <paramref name="axes"/>
    /// (NumPy's and Dask's <c>sliding_window_view</c>): the result has the shape of this array with
    /// each windowed axis shortened to <c>size - window + 1</c>, followed by the window's axes.
    /// Each block holds the windows that start in it, reading the rest from the blocks after it.
    /// </summary>
    /// <param name="windowShape">The window's size along each of <paramref name="axes"/>.</param>
    /// <param name="axes">The windowed axes; by default every axis, in order.</param>
    /// <exception cref="ArgumentException">The sizes and axes differ in number, a window is not positive, or larger than its axis.</exception>
    public DArray<TElement> SlidingWindowView(int[] windowShape, int[]? axes = null)
    {
        ArgumentNullException.ThrowIfNull(windowShape);
        var windowAxes = axes is null ? AllAxes : [.. axes.Select(NormalizeAxis)];
        if (windowAxes.Length != windowShape.Length)
        {
            throw new ArgumentException(
                $"SlidingWindowView takes one window size per axis: {windowShape.Length} sizes for axes [{string.Join(", ", windowAxes)}] of array {Name} of shape {Shapes.Format(shape)}.",
                nameof(windowShape));
        }

        for (var w = 0; w < windowAxes.Length; w++)
        {
            if (windowShape[w] < 1 || windowShape[w] > shape[windowAxes[w]])
            {
                throw new ArgumentException(
                    $"Window size {windowShape[w]} on axis {windowAxes[w]} must lie in [1, {shape[windowAxes[w]]}] (the axis' size) for array {Name} of shape {Shapes.Format(shape)}.",
                    nameof(windowShape));
            }
        }

        return FromNode(OverlapLayers.SlidingWindow(Node, windowAxes, windowShape));
    }

    private int[] Uniform(int depth) => [.. Enumerable.Repeat(depth, Rank)];

    private (int Before, int After)[] Depths(int[] depth)
    {
        ArgumentNullException.ThrowIfNull(depth);
        return depth.Length == Rank
            ? [.. depth.Select(d => (d, d))]
            : throw new ArgumentException($"Give one overlap depth per axis: {depth.Length} for array {Name} of shape {Shapes.Format(shape)}.", nameof(depth));
    }
}
