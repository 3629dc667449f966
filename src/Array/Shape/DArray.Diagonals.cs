using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>Diagonals and triangles: NumPy's <c>diag</c>, <c>diagonal</c>, <c>tril</c> and <c>triu</c>.</summary>
public static partial class DArray
{
    /// <summary>
    /// For a 1-D array, the square matrix with it on diagonal <paramref name="k"/> and zeros
    /// elsewhere; for a 2-D array, its diagonal <paramref name="k"/> as a 1-D array (NumPy's <c>diag</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The array is neither 1-D nor 2-D.</exception>
    public static DArray<T> Diag<T>(this DArray<T> x, int k = 0)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 2)
        {
            return x.Diagonal(k);
        }

        if (x.Rank != 1)
        {
            throw new ArgumentException($"Diag takes a 1-D or 2-D array; got shape {Shapes.Format(x.ShapeArray)}.", nameof(x));
        }

        x.RequireKnownChunks("Diag");
        var grid = new[] { x.ChunkArrays[0], x.ChunkArrays[0] };
        var name = Tokenize.Name("diag", x.Name);
        var task = new BlockwiseTask(ArrayOps.Name<T>("diag-block"), ArrayBlockwise.BlockShape(grid), ArrayBlockwise.BlockIndex(grid), ArrayBlockwise.Blocks(x.Node, "a"));
        var square = DArray<T>.FromNode(ArrayBlockwise.Build(name, "ab", grid, x.DType, task, [x.Node]));
        return k == 0 ? square : square.Pad([[k < 0 ? -k : 0, k > 0 ? k : 0], [k > 0 ? k : 0, k < 0 ? -k : 0]]);
    }

    /// <summary>
    /// Diagonal <paramref name="offset"/> of the planes of <paramref name="axis1"/> and
    /// <paramref name="axis2"/>, as the last axis of the result (NumPy's <c>diagonal</c>). Each output
    /// block reads the one input block its stretch of the diagonal crosses, so the diagonal is cut
    /// where it crosses a block edge of either axis.
    /// </summary>
    /// <exception cref="ArgumentException">The array has fewer than two axes, or the axes are the same.</exception>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown.</exception>
    public static DArray<T> Diagonal<T>(this DArray<T> x, int offset = 0, int axis1 = 0, int axis2 = 1)
        where T : unmanaged, INumber<T>
    {
        RequireRank(x, 2, "Diagonal");
        x.RequireKnownChunks("Diagonal");
        var (a, b) = (Shapes.NormalizeAxis(axis1, x.Rank), Shapes.NormalizeAxis(axis2, x.Rank));
        if (a == b)
        {
            throw new ArgumentException($"Diagonal axes must differ; got {axis1} and {axis2} for shape {Shapes.Format(x.ShapeArray)}.", nameof(axis2));
        }

        var order = Enumerable.Range(0, x.Rank).Where(i => i != a && i != b).Append(a).Append(b).ToArray();
        var moved = order.SequenceEqual(Enumerable.Range(0, x.Rank)) ? x : x.Transpose(order);
        var rank = moved.Rank;
        var (rows, cols) = (moved.ShapeArray[rank - 2], moved.ShapeArray[rank - 1]);
        var (row0, col0) = offset >= 0 ? (0, offset) : (-offset, 0);
        var length = Math.Max(0, Math.Min(rows - row0, cols - col0));
        var lead = moved.ShapeArray[..(rank - 2)];
        if (length == 0 || lead.Contains(0))
        {
            var emptyShape = lead.Append(length).ToArray();
            return Zeros<T>(emptyShape, [.. emptyShape.Select(d => Math.Max(1, d))]);
        }

        var segments = DiagonalSegments(moved.ChunkArrays[rank - 2], moved.ChunkArrays[rank - 1], row0, col0, length);
        var outChunks = moved.ChunkArrays[..(rank - 2)].Append([.. segments.Select(s => s.Length)]).ToArray();
        var name = Tokenize.Name("diagonal", moved.Name, offset);
        var op = ArrayOps.Name<T>("diagonal-block");
        var tasks = new Dictionary<Key, DaskTask>();
        foreach (var index in ChunkGrid.Indices(ChunkGrid.BlockCounts(outChunks)))
        {
            var s = segments[index[^1]];
            var source = index[..^1].Append(s.RowBlock).Append(s.ColBlock).ToArray();
            tasks[new Key(name, index)] = new DaskTask(op, new Key(moved.Name, source), TaskArg.Literal(s.Row), TaskArg.Literal(s.Col), TaskArg.Literal(s.Length));
        }

        return DArray<T>.FromLayer(name, [.. ChunkGrid.ShapeOf(outChunks)], outChunks, tasks, moved.Graph);
    }

    /// <summary>The lower triangle of the last two axes: elements above diagonal <paramref name="k"/> set to zero (NumPy's <c>tril</c>).</summary>
    /// <exception cref="ArgumentException">The array has fewer than two axes.</exception>
    public static DArray<T> Tril<T>(this DArray<T> x, int k = 0)
        where T : unmanaged, INumber<T> => Triangle(x, k, lower: true, "Tril");

    /// <summary>The upper triangle of the last two axes: elements below diagonal <paramref name="k"/> set to zero (NumPy's <c>triu</c>).</summary>
    /// <exception cref="ArgumentException">The array has fewer than two axes.</exception>
    public static DArray<T> Triu<T>(this DArray<T> x, int k = 0)
        where T : unmanaged, INumber<T> => Triangle(x, k, lower: false, "Triu");

    private static DArray<T> Triangle<T>(DArray<T> x, int k, bool lower, string operation)
        where T : unmanaged, INumber<T>
    {
        RequireRank(x, 2, operation);
        x.RequireKnownChunks(operation, x.Rank - 2, x.Rank - 1);
        var letters = ArrayBlockwise.Letters(x.Rank);
        var name = Tokenize.Name(lower ? "tril" : "triu", x.Name, k);
        var task = new BlockwiseTask(
            ArrayOps.Name<T>("tri"), [ArrayBlockwise.Blocks(x.Node, letters), ArrayBlockwise.BlockStart(x.ChunkArrays), .. ArrayBlockwise.Literals(k, lower)]);
        return DArray<T>.FromNode(ArrayBlockwise.Build(name, letters, x.ChunkArrays, x.DType, task, [x.Node], x.ShapeArray));
    }

    /// <summary>The stretches of a diagonal from <c>(row0, col0)</c> that each lie in one block: the blocks and local start.</summary>
    private static List<(int RowBlock, int ColBlock, int Row, int Col, int Length)> DiagonalSegments(int[] rowChunks, int[] colChunks, int row0, int col0, int length)
    {
        var rowOffsets = ChunkGrid.Offsets(rowChunks);
        var colOffsets = ChunkGrid.Offsets(colChunks);
        var segments = new List<(int, int, int, int, int)>();
        var (rb, cb) = (0, 0);
        for (var t = 0; t < length;)
        {
            var (r, c) = (row0 + t, col0 + t);
            while (rowOffsets[rb] + rowChunks[rb] <= r)
            {
                rb++;
            }

            while (colOffsets[cb] + colChunks[cb] <= c)
            {
                cb++;
            }

            var run = Math.Min(Math.Min(rowOffsets[rb] + rowChunks[rb] - r, colOffsets[cb] + colChunks[cb] - c), length - t);
            segments.Add((rb, cb, r - rowOffsets[rb], c - colOffsets[cb], run));
            t += run;
        }

        return segments;
    }
}
