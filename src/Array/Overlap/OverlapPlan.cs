using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Where every element of an overlapped block comes from (Dask's <c>overlap</c> and
/// <c>boundaries</c> in one step): along each axis, block <c>b</c> grows by a left and a right
/// margin read from its neighbours, and past the array's edges from the boundary condition.
/// An axis maps each output position to (which neighbour block, offset in it), or to the
/// constant; a block's task then gathers the product of its axes' maps. Neighbour reads are not a
/// Blockwise index map (a block reads blocks at other grid positions), so the overlap is its own
/// materialized layer, as in Dask; the function applied afterwards and the trim are Blockwise.
/// </summary>
internal static class OverlapPlan
{
    /// <summary>The overlap of one block along one axis.</summary>
    /// <param name="Blocks">The input blocks it reads along the axis, ascending.</param>
    /// <param name="Ordinal">Per output position, the index into <paramref name="Blocks"/>, or -1 for the constant.</param>
    /// <param name="Offset">Per output position, the offset inside that block.</param>
    /// <param name="Left">The margin added before the block.</param>
    /// <param name="Right">The margin added after the block.</param>
    public sealed record AxisPiece(int[] Blocks, int[] Ordinal, int[] Offset, int Left, int Right);

    /// <summary>
    /// The overlapped array of <paramref name="x"/> with margins <paramref name="depth"/>
    /// (before, after) per axis and <paramref name="boundary"/> past the edges.
    /// </summary>
    /// <exception cref="ArgumentException">A depth is negative, or larger than its axis for a reflect or periodic boundary.</exception>
    public static ArrayNode Build(ArrayNode x, (int Before, int After)[] depth, Boundary boundary)
    {
        x.RequireKnown("Overlap");
        for (var axis = 0; axis < x.Rank; axis++)
        {
            var (before, after) = depth[axis];
            if (before < 0 || after < 0)
            {
                throw new ArgumentException($"Overlap depth ({before}, {after}) on axis {axis} of array {x.Name} is negative.", nameof(depth));
            }

            if (boundary.Kind is BoundaryKind.Reflect or BoundaryKind.Periodic && Math.Max(before, after) > x.Shape[axis] && x.Shape[axis] > 0)
            {
                throw new ArgumentException(
                    $"Overlap depth {Math.Max(before, after)} on axis {axis} exceeds that axis' size {x.Shape[axis]} of array {x.Name} of shape {Shapes.Format(x.Shape)}; a {boundary} boundary can only mirror or wrap the axis once.",
                    nameof(depth));
            }
        }

        var pieces = Enumerable.Range(0, x.Rank).Select(a => Axis(x.Chunks[a], depth[a], boundary)).ToArray();
        var chunks = pieces.Select(p => p.Select(b => b.Ordinal.Length).ToArray()).ToArray();
        var name = Tokenize.Name("overlap", x.Name, depth.Select(d => new[] { d.Before, d.After }).ToArray(), boundary.ToString());
        var op = ArrayNode.Op("overlap", x.DType);
        var fill = DTypeLists.Dispatch<FillValue, object>(x.DType, new FillValue(boundary.Value));
        var tasks = new Dictionary<Key, DaskTask>();
        foreach (var index in ChunkGrid.Indices(ChunkGrid.BlockCounts(chunks)))
        {
            var axes = index.Select((b, a) => pieces[a][b]).ToArray();
            var sources = ChunkGrid.Indices([.. axes.Select(p => p.Blocks.Length)])
                .Select(combo => x.BlockKey([.. combo.Select((ordinal, a) => axes[a].Blocks[ordinal])]));
            tasks[new Key(name, index)] = new DaskTask(
                op,
                TaskArg.Refs(sources),
                TaskArg.Literal(axes.Select(p => p.Blocks.Length).ToArray()),
                TaskArg.Literal(axes.Select(p => p.Ordinal).ToArray()),
                TaskArg.Literal(axes.Select(p => p.Offset).ToArray()),
                TaskArg.Literal(fill));
        }

        return new ArrayNode(name, ChunkGrid.ShapeOf(chunks), chunks, TaskGraph.FromLayer(new MaterializedLayer(name, tasks), x.Graph), x.DType);
    }

    /// <summary>
    /// The margins each block of <paramref name="axisChunks"/> gets: edge blocks lose their outer
    /// margin under a <c>none</c> boundary, and an empty axis has nothing to mirror, wrap or repeat.
    /// </summary>
    public static (int Left, int Right)[] Margins(int[] axisChunks, (int Before, int After) depth, Boundary boundary)
    {
        if (axisChunks.Sum() == 0)
        {
            return [.. axisChunks.Select(_ => (0, 0))];
        }

        var none = boundary.Kind == BoundaryKind.None;
        return [.. axisChunks.Select((_, b) => (
            none && b == 0 ? 0 : depth.Before,
            none && b == axisChunks.Length - 1 ? 0 : depth.After))];
    }

    /// <summary>The pieces of every block along one axis.</summary>
    public static AxisPiece[] Axis(int[] axisChunks, (int Before, int After) depth, Boundary boundary)
    {
        var n = axisChunks.Sum();
        var offsets = ChunkGrid.Offsets(axisChunks);
        var margins = Margins(axisChunks, depth, boundary);
        var result = new AxisPiece[axisChunks.Length];
        for (var b = 0; b < axisChunks.Length; b++)
        {
            var (left, right) = margins[b];
            var length = axisChunks[b] + left + right;
            var global = new int[length];
            for (var i = 0; i < length; i++)
            {
                global[i] = Source(offsets[b] - left + i, n, boundary);
            }

            var blocks = global.Where(g => g >= 0).Select(g => BlockOf(offsets, axisChunks, g)).Distinct().Order().ToArray();
            var ordinal = new int[length];
            var offset = new int[length];
            for (var i = 0; i < length; i++)
            {
                if (global[i] < 0)
                {
                    ordinal[i] = -1;
                    continue;
                }

                var block = BlockOf(offsets, axisChunks, global[i]);
                ordinal[i] = System.Array.IndexOf(blocks, block);
                offset[i] = global[i] - offsets[block];
            }

            result[b] = new AxisPiece(blocks, ordinal, offset, left, right);
        }

        return result;
    }

    /// <summary>The element of an axis of <paramref name="n"/> that position <paramref name="p"/> reads, or -1 for the constant.</summary>
    private static int Source(int p, int n, Boundary boundary)
    {
        if (p >= 0 && p < n)
        {
            return p;
        }

        return boundary.Kind switch
        {
            BoundaryKind.Reflect => p < 0 ? -p - 1 : (2 * n) - p - 1,
            BoundaryKind.Periodic => ((p % n) + n) % n,
            BoundaryKind.Nearest => p < 0 ? 0 : n - 1,
            _ => -1,
        };
    }

    private static int BlockOf(int[] offsets, int[] axisChunks, int element)
    {
        var b = System.Array.BinarySearch(offsets, element);
        if (b < 0)
        {
            b = ~b - 1;
        }

        // Zero-length blocks share an offset with the next block: move to the one that holds the element.
        while (axisChunks[b] == 0 || element >= offsets[b] + axisChunks[b])
        {
            b++;
        }

        return b;
    }

    /// <summary>The boundary constant converted to a dtype's element type.</summary>
    private readonly struct FillValue(double value) : IDTypeFunction<object>
    {
        public object Run<T>()
            where T : unmanaged, System.Numerics.INumber<T> => T.CreateSaturating(value);
    }
}
