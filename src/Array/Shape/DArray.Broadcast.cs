using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Broadcasting and arrays shaped like others: <c>BroadcastTo</c>, <c>Meshgrid</c>,
/// <c>Indices</c>, <c>ZerosLike</c>/<c>OnesLike</c>/<c>FullLike</c>/<c>EmptyLike</c>,
/// <c>Empty</c> and <c>AtLeast1d/2d/3d</c>, as NumPy and Dask define them.
/// </summary>
public static partial class DArray
{
    /// <summary>
    /// The array broadcast to <paramref name="shape"/> (NumPy's <c>broadcast_to</c>): missing
    /// leading axes and size-1 axes repeat. Axes the array already has keep its chunks; a
    /// stretched axis is cut as <paramref name="chunks"/> gives (one entry per output axis), or
    /// in one block. Each output block reads one input block.
    /// </summary>
    /// <exception cref="ArgumentException">The shape is not a broadcast of the array's, or the chunks do not fit it; the message names both shapes.</exception>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown.</exception>
    public static DArray<T> BroadcastTo<T>(this DArray<T> x, int[] shape, int[]? chunks = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(shape);
        x.RequireKnownChunks("BroadcastTo");
        var skip = shape.Length - x.Rank;
        if (shape.Any(d => d < 0) || !BroadcastsTo(x.ShapeArray, shape))
        {
            throw new ArgumentException($"An array of shape {Shapes.Format(x.ShapeArray)} cannot be broadcast to shape {Shapes.Format(shape)}.", nameof(shape));
        }

        if (chunks is not null && chunks.Length != shape.Length)
        {
            throw new ArgumentException($"BroadcastTo chunks {Shapes.Format(chunks)} need one entry per axis of shape {Shapes.Format(shape)}.", nameof(chunks));
        }

        var grid = new int[shape.Length][];
        for (var a = 0; a < shape.Length; a++)
        {
            var own = a - skip;
            grid[a] = own >= 0 && x.ShapeArray[own] == shape[a]
                ? x.ChunkArrays[own]
                : ChunkGrid.FromBlockSize([shape[a]], [chunks is null || chunks[a] <= 0 ? Math.Max(1, shape[a]) : chunks[a]])[0];
        }

        if (x.ShapeArray.AsSpan().SequenceEqual(shape))
        {
            return x;
        }

        var letters = ArrayBlockwise.Letters(shape.Length);
        var read = ArrayBlockwise.Blocks(x.Node, letters[skip..]);
        var name = Tokenize.Name("broadcast_to", x.Name, shape, grid);
        var task = new BlockwiseTask(ArrayOps.Name<T>("broadcast-to"), ArrayBlockwise.BlockShape(grid), read);
        return DArray<T>.FromNode(ArrayBlockwise.Build(name, letters, grid, x.DType, task, [x.Node], (int[])shape.Clone()));
    }

    /// <summary>Whether an array of shape <paramref name="from"/> broadcasts to <paramref name="to"/> unchanged: no more axes, and each trailing size equal or 1.</summary>
    internal static bool BroadcastsTo(int[] from, int[] to)
    {
        if (from.Length > to.Length)
        {
            return false;
        }

        for (var i = 1; i <= from.Length; i++)
        {
            if (from[^i] != to[^i] && from[^i] != 1)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Coordinate arrays from 1-D coordinate vectors (NumPy's <c>meshgrid</c>): with
    /// <paramref name="indexing"/> <c>"xy"</c> (the default) the first two outputs are transposed
    /// to shape <c>(len(y), len(x), ...)</c>; with <c>"ij"</c> output i varies along axis i.
    /// Each output broadcasts its vector, keeping the vector's chunks along its axis.
    /// </summary>
    /// <exception cref="ArgumentException">An input is not 1-D, or the indexing is neither "xy" nor "ij".</exception>
    public static DArray<T>[] Meshgrid<T>(IReadOnlyList<DArray<T>> xs, string indexing = "xy")
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(xs);
        if (indexing is not ("xy" or "ij"))
        {
            throw new ArgumentException($"Meshgrid indexing must be \"xy\" or \"ij\"; got \"{indexing}\".", nameof(indexing));
        }

        if (xs.FirstOrDefault(v => v.Rank != 1) is { } bad)
        {
            throw new ArgumentException($"Meshgrid takes 1-D arrays; got one of shape {Shapes.Format(bad.ShapeArray)}.", nameof(xs));
        }

        var n = xs.Count;
        var order = Enumerable.Range(0, n).ToArray();
        if (indexing == "xy" && n >= 2)
        {
            (order[0], order[1]) = (1, 0);
        }

        // order[axis] is the input laid along output axis `axis`.
        var shape = order.Select(i => xs[i].ShapeArray[0]).ToArray();
        var result = new DArray<T>[n];
        for (var i = 0; i < n; i++)
        {
            var axis = System.Array.IndexOf(order, i);
            var reshaped = xs[i].Reshape([.. Enumerable.Range(0, n).Select(a => a == axis ? shape[a] : 1)]);
            result[i] = reshaped.BroadcastTo(shape, [.. Enumerable.Range(0, n).Select(a => a == axis ? 0 : xs[order[a]].ChunkArrays[0].DefaultIfEmpty(1).Max())]);
        }

        return result;
    }

    /// <summary>
    /// The grid of indices of an array of <paramref name="dimensions"/> (NumPy's <c>indices</c>):
    /// shape <c>(len(dimensions), *dimensions)</c>, where <c>result[i]</c> holds each element's
    /// index along axis i, cut into blocks of <paramref name="chunks"/> along the grid's axes.
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is negative or the chunks do not match the dimensions.</exception>
    public static DArray<long> Indices(int[] dimensions, int[] chunks)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(chunks);
        if (chunks.Length != dimensions.Length || dimensions.Any(d => d < 0))
        {
            throw new ArgumentException($"Indices needs non-negative dimensions and one chunk size per dimension; got {Shapes.Format(dimensions)} and {Shapes.Format(chunks)}.", nameof(dimensions));
        }

        var grids = dimensions.Select((d, a) => Arange(0L, d, 1L, Chunks.Of(Math.Max(1, chunks[a]))).Reshape([.. dimensions.Select((_, b) => b == a ? d : 1)])
            .BroadcastTo(dimensions, chunks)).ToList();
        return grids.Count == 0 ? Zeros<long>([0], [1]) : Stack(grids, 0);
    }

    /// <summary>An array of zeros with <paramref name="x"/>'s shape and chunks (NumPy's <c>zeros_like</c>).</summary>
    /// <exception cref="UnknownChunkSizesException">Some block sizes of <paramref name="x"/> are unknown.</exception>
    public static DArray<T> ZerosLike<T>(this DArray<T> x)
        where T : unmanaged, INumber<T> => FullLike(x, T.Zero);

    /// <summary>An array of ones with <paramref name="x"/>'s shape and chunks (NumPy's <c>ones_like</c>).</summary>
    /// <exception cref="UnknownChunkSizesException">Some block sizes of <paramref name="x"/> are unknown.</exception>
    public static DArray<T> OnesLike<T>(this DArray<T> x)
        where T : unmanaged, INumber<T> => FullLike(x, T.One);

    /// <summary>
    /// An array with <paramref name="x"/>'s shape and chunks (NumPy's <c>empty_like</c>). Blocks
    /// are zero-filled: .NET hands out cleared memory, so "uninitialized" costs the same.
    /// </summary>
    /// <exception cref="UnknownChunkSizesException">Some block sizes of <paramref name="x"/> are unknown.</exception>
    public static DArray<T> EmptyLike<T>(this DArray<T> x)
        where T : unmanaged, INumber<T> => FullLike(x, T.Zero);

    /// <summary>An array filled with <paramref name="value"/> with <paramref name="x"/>'s shape and chunks (NumPy's <c>full_like</c>).</summary>
    /// <exception cref="UnknownChunkSizesException">Some block sizes of <paramref name="x"/> are unknown.</exception>
    public static DArray<T> FullLike<T>(this DArray<T> x, T value)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        x.RequireKnownChunks("FullLike");
        return Full(x.ShapeArray, x.ChunkArrays, value);
    }

    /// <summary>A new array of <paramref name="shape"/> in blocks of <paramref name="chunks"/>, zero-filled (NumPy's <c>empty</c>; see <see cref="EmptyLike{T}"/>).</summary>
    /// <exception cref="ArgumentException">The shape or chunks are invalid.</exception>
    public static DArray<T> Empty<T>(int[] shape, int[] chunks)
        where T : unmanaged, INumber<T> => Zeros<T>(shape, chunks);

    /// <summary>The array with at least one axis: a 0-d array becomes shape <c>(1,)</c> (NumPy's <c>atleast_1d</c>).</summary>
    public static DArray<T> AtLeast1d<T>(this DArray<T> x)
        where T : unmanaged, INumber<T> => x.Rank >= 1 ? x : x.Reshape(1);

    /// <summary>The array with at least two axes: <c>(n,)</c> becomes <c>(1, n)</c> (NumPy's <c>atleast_2d</c>).</summary>
    public static DArray<T> AtLeast2d<T>(this DArray<T> x)
        where T : unmanaged, INumber<T> => x.Rank >= 2 ? x : x.AtLeast1d()[Slice.NewAxis, Slice.Ellipsis];

    /// <summary>The array with at least three axes: <c>(n,)</c> becomes <c>(1, n, 1)</c> and <c>(m, n)</c> becomes <c>(m, n, 1)</c> (NumPy's <c>atleast_3d</c>).</summary>
    public static DArray<T> AtLeast3d<T>(this DArray<T> x)
        where T : unmanaged, INumber<T> => x.Rank switch
        {
            >= 3 => x,
            2 => x[Slice.Ellipsis, Slice.NewAxis],
            _ => x.AtLeast1d()[Slice.NewAxis, Slice.Ellipsis, Slice.NewAxis],
        };
}
