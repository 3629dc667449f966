using MiniDask.Graph;

namespace MiniDask.Array;

public static partial class Linalg
{
    /// <summary>
    /// The QR factorization <c>A = Q R</c> of a tall-and-skinny array (Dask's <c>tsqr</c>): every
    /// row block is factored on its own, then the small R factors are stacked and factored again,
    /// <paramref name="splitEvery"/> at a time, up a tree. Q has the chunks of <paramref name="a"/>
    /// along rows and <c>k = min(m, n)</c> orthonormal columns; R is <c>k × n</c> upper triangular
    /// in one block. Computing only R streams the row blocks through memory; Q keeps each block's
    /// own Q factor until the tree is done, as Dask's does.
    /// </summary>
    /// <exception cref="ArgumentException">a is not 2-D or has more than one block along axis 1 (the message names the Rechunk that fixes it).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="splitEvery"/> is below 2.</exception>
    public static (DArray<double> Q, DArray<double> R) Tsqr(DArray<double> a, int splitEvery = DefaultSplitEvery)
    {
        RequireTallSkinny(a, "Tsqr");
        ArgumentOutOfRangeException.ThrowIfLessThan(splitEvery, 2);
        var tree = TsqrTree.Build([.. a.OutputKeys], [.. a.Chunks[0]], a.Shape[1], splitEvery, withQ: true, Tokenize.Token("tsqr", a.Name, splitEvery));
        var graph = TaskGraph.FromLayer(new MaterializedLayer(tree.Name, tree.Tasks), a.Graph);
        var k = tree.Rows;
        var q = DArray<double>.FromLayer(tree.QName, [a.Shape[0], k], [[.. a.Chunks[0]], [k]], tree.QTasks, graph);
        var r = DArray<double>.FromLayer(tree.RName, [k, a.Shape[1]], [[k], [a.Shape[1]]], tree.RTasks, graph);
        return (q, r);
    }

    /// <summary>
    /// The QR factorization <c>A = Q R</c> (Dask's <c>qr</c>): <see cref="Tsqr"/> for a tall-and-skinny
    /// array; for a short-and-fat one (one block along axis 0, the first column block at least as
    /// wide as the array is tall) Q comes from the first square of columns and R is <c>Qᵀ A</c>,
    /// block by block (Dask's <c>sfqr</c>).
    /// </summary>
    /// <exception cref="ArgumentException">a is not 2-D or is chunked along both axes (the message names the Rechunks that fix it).</exception>
    public static (DArray<double> Q, DArray<double> R) Qr(DArray<double> a)
    {
        RequireMatrix(a, "Qr");
        if (a.NumBlocks[1] == 1)
        {
            return Tsqr(a);
        }

        if (a.NumBlocks[0] == 1 && a.Chunks[1][0] >= a.Shape[0])
        {
            return Sfqr(a);
        }

        throw new ArgumentException(
            $"Qr needs a tall-and-skinny array (one block along axis 1) or a short-and-fat one (one block along axis 0, its first column block at least as wide as the array is tall); a has {Describe(a)}. "
            + $"Use {TsqrRechunk(a)} or a.Rechunk(new[] {{ {a.Shape[0]}, {Math.Max(a.Shape[0], a.Chunks[1].Max())} }}).", nameof(a));
    }

    /// <summary>QR of a short-and-fat array: Q from the first <c>m</c> columns, R = Qᵀ A per column block.</summary>
    private static (DArray<double> Q, DArray<double> R) Sfqr(DArray<double> a)
    {
        var m = a.Shape[0];
        var token = Tokenize.Token("sfqr", a.Name);
        var parts = new Key($"sfqr-parts-{token}");
        var graph = TaskGraph.FromLayer(new MaterializedLayer(parts.Name, new Dictionary<Key, DaskTask> { [parts] = new DaskTask(LinalgOps.SquareQrOp, a.BlockKey(0, 0)) }), a.Graph);
        var q = OneBlock<double>($"sfqr-q-{token}", [m, m], Part(parts, 0), graph);
        var rName = $"sfqr-r-{token}";
        var tasks = new Dictionary<Key, DaskTask> { [new Key(rName, 0, 0)] = Part(parts, 1) };
        for (var j = 1; j < a.NumBlocks[1]; j++)
        {
            tasks[new Key(rName, 0, j)] = LinalgOps.Product(q.OutputKeys[0], a.BlockKey(0, j), transposeX: true);
        }

        var r = DArray<double>.FromLayer(rName, [m, a.Shape[1]], [[m], [.. a.Chunks[1]]], tasks, q.Graph);
        return (q, r);
    }
}
