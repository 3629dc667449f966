using MiniDask.Graph;

namespace MiniDask.Array;

public static partial class Linalg
{
    /// <summary>
    /// Solves <c>A x = b</c> for triangular A (Dask's <c>solve_triangular</c>) by blocked substitution:
    /// block i of x is the triangular solve of A's diagonal block i against
    /// <c>b_i - Σ_k A_ik x_k</c> over the blocks already solved. <paramref name="b"/> is a vector or
    /// a matrix; its rows are rechunked to A's blocks when they differ.
    /// </summary>
    /// <exception cref="ArgumentException">a is not square with square diagonal blocks, or b's length differs from a's (the message names both).</exception>
    /// <exception cref="TaskFailedException">When computed: a diagonal entry of A is zero.</exception>
    public static DArray<double> SolveTriangular(DArray<double> a, DArray<double> b, bool lower = false)
    {
        RequireSquareBlocks(a, "SolveTriangular");
        b = AlignRows(a, b, "SolveTriangular");
        var nb = a.NumBlocks[0];
        var columnBlocks = b.Rank == 2 ? b.NumBlocks[1] : 1;
        var name = Tokenize.Name("solve-triangular", a.Name, b.Name, lower);
        Key X(int i, int j) => b.Rank == 2 ? new(name, i, j) : new(name, i);
        Key B(int i, int j) => b.Rank == 2 ? b.BlockKey(i, j) : b.BlockKey(i);
        var tasks = new Dictionary<Key, DaskTask>();
        for (var i = 0; i < nb; i++)
        {
            var solved = lower ? Enumerable.Range(0, i) : Enumerable.Range(i + 1, nb - i - 1);
            for (var j = 0; j < columnBlocks; j++)
            {
                tasks[X(i, j)] = new DaskTask(
                    LinalgOps.TriangularSolveOp,
                    a.BlockKey(i, i),
                    B(i, j),
                    TaskArg.Refs(solved.Select(k => a.BlockKey(i, k))),
                    TaskArg.Refs(solved.Select(k => X(k, j))),
                    TaskArg.Literal(lower));
            }
        }

        return DArray<double>.FromLayer(name, [.. b.ShapeArray], b.ChunkArrays, tasks, a.Graph, b.Graph);
    }

    /// <summary>
    /// Solves <c>A x = b</c> for square A (Dask's <c>solve</c>): by <see cref="Lu"/> and two
    /// triangular solves, <c>x = U⁻¹ L⁻¹ Pᵀ b</c>; with <paramref name="assumeA"/> <c>"pos"</c>, by
    /// <see cref="Cholesky"/> for a symmetric positive-definite A.
    /// </summary>
    /// <exception cref="ArgumentException">a is not square with square diagonal blocks, b's length differs, or <paramref name="assumeA"/> is neither <c>gen</c> nor <c>pos</c>.</exception>
    public static DArray<double> Solve(DArray<double> a, DArray<double> b, string assumeA = "gen")
    {
        ArgumentNullException.ThrowIfNull(b);
        switch (assumeA)
        {
            case "pos":
                var l = Cholesky(a, lower: true);
                return SolveTriangular(l.T, SolveTriangular(l, b, lower: true), lower: false);
            case "gen":
                var (p, lower, upper) = Lu(a);
                return SolveTriangular(upper, SolveTriangular(lower, p.T.MatMul(AlignRows(a, b, "Solve")), lower: true), lower: false);
            default:
                throw new ArgumentException($"assumeA must be \"gen\" (any square matrix) or \"pos\" (symmetric positive definite); got \"{assumeA}\".", nameof(assumeA));
        }
    }

    /// <summary>The inverse of a square array (Dask's <c>inv</c>): <see cref="Solve"/> against the identity, chunked like A.</summary>
    /// <exception cref="ArgumentException">a is not square with square diagonal blocks.</exception>
    public static DArray<double> Inv(DArray<double> a)
    {
        RequireSquareBlocks(a, "Inv");
        return Solve(a, DArray.Eye(a.Shape[0], chunks: a.Chunks[0].Max()).Rechunk(a.ChunkArrays));
    }

    /// <summary><paramref name="b"/> with its rows cut as A's rows are (A being square with known chunks).</summary>
    private static DArray<double> AlignRows(DArray<double> a, DArray<double> b, string operation)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rank is not (1 or 2) || b.PartialShape[0] != a.Shape[0])
        {
            throw new ArgumentException(
                $"{operation} of a with shape {ChunkGrid.FormatShape(a.ShapeArray)} needs b of shape ({a.Shape[0]},) or ({a.Shape[0]}, k); got {ChunkGrid.FormatShape(b.ShapeArray)}.", nameof(b));
        }

        b.RequireKnownChunks(operation);
        return b.Chunks[0].SequenceEqual(a.Chunks[0]) ? b : b.Rechunk([[.. a.Chunks[0]], .. b.ChunkArrays.Skip(1)]);
    }
}
