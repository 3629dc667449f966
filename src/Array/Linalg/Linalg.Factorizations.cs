using MiniDask.Graph;

namespace MiniDask.Array;

public static partial class Linalg
{
    /// <summary>
    /// The Cholesky factor of a symmetric positive-definite array (Dask's <c>cholesky</c>): upper
    /// triangular U with <c>A = Uᵀ U</c>, or lower triangular L with <c>A = L Lᵀ</c> when
    /// <paramref name="lower"/>. Blocked: block (i, j) of L is the Cholesky factor (diagonal) or
    /// the triangular solve (below it) of <c>A_ij - Σ_k L_ik L_jkᵀ</c>, so each task holds a few blocks.
    /// </summary>
    /// <exception cref="ArgumentException">a is not square, or its blocks on the diagonal are not square (the message names the Rechunk that fixes it).</exception>
    /// <exception cref="TaskFailedException">When computed: the array is not positive definite.</exception>
    public static DArray<double> Cholesky(DArray<double> a, bool lower = false)
    {
        RequireSquareBlocks(a, "Cholesky");
        var nb = a.NumBlocks[0];
        var sizes = a.Chunks[0];
        var name = Tokenize.Name("cholesky", a.Name);
        Key L(int i, int j) => new(name, i, j);
        var tasks = new Dictionary<Key, DaskTask>();
        for (var i = 0; i < nb; i++)
        {
            for (var j = 0; j < nb; j++)
            {
                tasks[L(i, j)] = j > i
                    ? Zeros(sizes[i], sizes[j])
                    : new DaskTask(
                        LinalgOps.CholeskyOp,
                        a.BlockKey(i, j),
                        TaskArg.Refs(Enumerable.Range(0, j).Select(k => L(i, k))),
                        TaskArg.Refs(Enumerable.Range(0, j).Select(k => L(j, k))),
                        i == j ? TaskArg.Literal(null) : L(j, j));
            }
        }

        var l = DArray<double>.FromLayer(name, [.. a.Shape], [[.. sizes], [.. sizes]], tasks, a.Graph);
        return lower ? l : l.T;
    }

    /// <summary>
    /// The LU factorization with partial pivoting <c>A = P L U</c> (Dask's <c>lu</c>): L unit lower
    /// triangular, U upper triangular, P a permutation. Blocked as Dask's: pivoting happens within
    /// each diagonal block, so P is block diagonal; a matrix that needs rows swapped between blocks
    /// to avoid a zero pivot fails, as it does in Dask.
    /// </summary>
    /// <exception cref="ArgumentException">a is not square, or its blocks on the diagonal are not square (the message names the Rechunk that fixes it).</exception>
    public static (DArray<double> P, DArray<double> L, DArray<double> U) Lu(DArray<double> a)
    {
        RequireSquareBlocks(a, "Lu");
        var nb = a.NumBlocks[0];
        var sizes = a.Chunks[0];
        var token = Tokenize.Token("lu", a.Name);
        var (diagName, lowerName, pName, lName, uName) = ($"lu-diagonal-{token}", $"lu-lower-{token}", $"lu-p-{token}", $"lu-l-{token}", $"lu-u-{token}");
        Key D(int i) => new(diagName, i, i);
        Key U(int i, int j) => new(uName, i, j);
        Key Lp(int i, int j) => new(lowerName, i, j);
        var steps = new Dictionary<Key, DaskTask>();
        var p = new Dictionary<Key, DaskTask>();
        var l = new Dictionary<Key, DaskTask>();
        var u = new Dictionary<Key, DaskTask>();
        for (var i = 0; i < nb; i++)
        {
            for (var j = 0; j < nb; j++)
            {
                var before = Math.Min(i, j);
                var lefts = TaskArg.Refs(Enumerable.Range(0, before).Select(k => Lp(i, k)));
                var rights = TaskArg.Refs(Enumerable.Range(0, before).Select(k => U(k, j)));
                if (i == j)
                {
                    steps[D(i)] = new DaskTask(LinalgOps.LuDiagonalOp, a.BlockKey(i, i), lefts, rights);
                    p[new Key(pName, i, i)] = Part(D(i), 0);
                    l[new Key(lName, i, i)] = Part(D(i), 1);
                    u[U(i, i)] = Part(D(i), 2);
                }
                else if (i < j)
                {
                    u[U(i, j)] = new DaskTask(LinalgOps.LuUpperOp, a.BlockKey(i, j), lefts, rights, D(i));
                    (p[new Key(pName, i, j)], l[new Key(lName, i, j)]) = (Zeros(sizes[i], sizes[j]), Zeros(sizes[i], sizes[j]));
                }
                else
                {
                    steps[Lp(i, j)] = new DaskTask(LinalgOps.LuLowerOp, a.BlockKey(i, j), lefts, rights, D(j));
                    l[new Key(lName, i, j)] = new DaskTask(LinalgOps.LuPermuteOp, D(i), Lp(i, j));
                    (p[new Key(pName, i, j)], u[U(i, j)]) = (Zeros(sizes[i], sizes[j]), Zeros(sizes[i], sizes[j]));
                }
            }
        }

        // U's blocks right of the diagonal feed later steps, so U, L' and the diagonal steps share one graph.
        var graph = TaskGraph.FromLayer(new MaterializedLayer(uName, u), TaskGraph.FromLayer(new MaterializedLayer(diagName, steps), a.Graph));
        int[][] grid = [[.. sizes], [.. sizes]];
        return (
            DArray<double>.FromLayer(pName, [.. a.Shape], grid, p, graph),
            DArray<double>.FromLayer(lName, [.. a.Shape], grid, l, graph),
            new DArray<double>(uName, [.. a.Shape], grid, graph));
    }
}
