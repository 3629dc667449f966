using MathNet.Numerics.LinearAlgebra;
using MiniDask.Graph;
using MiniDask.Kernels;
using static MiniDask.Array.MatrixBlocks;

namespace MiniDask.Array;

/// <summary>
/// The block ops of <see cref="Linalg"/>, named <c>array.linalg.{step}</c>. Factor steps that give
/// several matrices return them as an <c>NDArray&lt;double&gt;[]</c>, read by <see cref="PartOp"/>.
/// </summary>
internal static class LinalgOps
{
    /// <summary><c>(parts[], int index)</c>: one matrix of a step that gives several.</summary>
    public const string PartOp = "array.linalg.part";

    /// <summary><c>(blocks[])</c>: the blocks side by side, factored as <c>[Q, R]</c> (thin QR).</summary>
    public const string QrOp = "array.linalg.qr";

    /// <summary><c>(blocks[])</c>: the blocks side by side, factored; only R.</summary>
    public const string QrROp = "array.linalg.qr-r";

    /// <summary><c>(Rs[])</c>: the R factors stacked and factored again as <c>[Q, R]</c>.</summary>
    public const string StackQrOp = "array.linalg.stack-qr";

    /// <summary><c>(Rs[])</c>: the R factors stacked and factored again; only R.</summary>
    public const string StackQrROp = "array.linalg.stack-qr-r";

    /// <summary>
    /// <c>(A)</c> for A with <c>m</c> rows and at least <c>m</c> columns: <c>[Q, R]</c> with Q the
    /// square orthogonal factor of A's first <c>m</c> columns and <c>R = Qᵀ A</c>, exactly upper
    /// triangular in those columns.
    /// </summary>
    public const string SquareQrOp = "array.linalg.square-qr";

    /// <summary><c>(Q, int row, int rows)</c>: rows <c>[row, row + rows)</c> of a Q factor.</summary>
    public const string RowsOp = "array.linalg.rows";

    /// <summary><c>(A)</c>: the thin SVD as <c>[U, S, Vᵀ]</c>.</summary>
    public const string SvdOp = "array.linalg.svd";

    /// <summary><c>(A_ij, L_ik[], L_jk[], L_jj or null)</c>: block (i, j) of a Cholesky factor; the diagonal block when L_jj is null.</summary>
    public const string CholeskyOp = "array.linalg.cholesky";

    /// <summary><c>(A_ii, L'_ik[], U_ki[])</c>: a diagonal block's LU with pivoting, as <c>[P, L, U]</c>.</summary>
    public const string LuDiagonalOp = "array.linalg.lu-diagonal";

    /// <summary><c>(A_ij, L'_ik[], U_kj[], diagonal parts of row i)</c>: block (i, j) of U right of the diagonal.</summary>
    public const string LuUpperOp = "array.linalg.lu-upper";

    /// <summary><c>(A_ij, L'_ik[], U_kj[], diagonal parts of column j)</c>: block (i, j) of the unpermuted L' below the diagonal.</summary>
    public const string LuLowerOp = "array.linalg.lu-lower";

    /// <summary><c>(diagonal parts of row i, L'_ij)</c>: <c>P_iᵀ L'_ij</c>, the block of L.</summary>
    public const string LuPermuteOp = "array.linalg.lu-permute";

    /// <summary><c>(A_ii, B_ij, A_ik[], X_kj[], bool lower)</c>: block (i, j) of the solution of a triangular system.</summary>
    public const string TriangularSolveOp = "array.linalg.solve-triangular";

    /// <summary><c>(R of [A | B], int n, int m, string part)</c>: x, residuals, rank or singular values of a least-squares problem.</summary>
    public const string LstsqOp = "array.linalg.lstsq";

    /// <summary>
    /// The product of two blocks by the array's GEMM op: <c>x · y</c>, or <c>xᵀ · y</c> when
    /// <paramref name="transposeX"/>.
    /// </summary>
    public static DaskTask Product(TaskArg x, TaskArg y, bool transposeX = false) =>
        new(ArrayOps.Name<double>("tensordot"), x, y, TaskArg.Literal(new[] { transposeX ? 0 : 1 }), TaskArg.Literal(new[] { 0 }));

    /// <summary>Registers the ops.</summary>
    public static void Register()
    {
        OpRegistry.Register(PartOp, static args => ((NDArray<double>[])args[0]!)[(int)args[1]!]);
        OpRegistry.Register(QrOp, static args => Parts(ThinQr(SideBySide(args[0]))));
        OpRegistry.Register(QrROp, static args => ToBlock(RFactor([.. ((object?[])args[0]!).Cast<NDArray<double>>()])));
        OpRegistry.Register(StackQrOp, static args => Parts(ThinQr(Stacked(args[0]))));
        OpRegistry.Register(StackQrROp, static args => ToBlock(ThinQr(Stacked(args[0])).R));
        OpRegistry.Register(SquareQrOp, static args =>
        {
            var a = ToMatrix((NDArray<double>)args[0]!);
            var m = a.RowCount;
            var (q, square) = ThinQr(a.SubMatrix(0, m, 0, m));
            var r = Matrix<double>.Build.Dense(m, a.ColumnCount);
            r.SetSubMatrix(0, 0, square);
            if (a.ColumnCount > m)
            {
                r.SetSubMatrix(0, m, q.TransposeThisAndMultiply(a.SubMatrix(0, m, m, a.ColumnCount - m)));
            }

            return new[] { ToBlock(q), ToBlock(r) };
        });
        OpRegistry.Register(RowsOp, static args =>
        {
            var q = (NDArray<double>)args[0]!;
            return BlockMath.Slice(q, [(int)args[1]!, 0], [(int)args[2]!, q.Shape[1]]);
        });
        OpRegistry.Register(SvdOp, static args =>
        {
            var (u, s, vt) = ThinSvd(ToMatrix((NDArray<double>)args[0]!));
            return new[] { ToBlock(u), ToBlock(s), ToBlock(vt) };
        });
        OpRegistry.Register(CholeskyOp, Cholesky);
        OpRegistry.Register(LuDiagonalOp, LuDiagonal);
        OpRegistry.Register(LuUpperOp, static args =>
        {
            var diagonal = (NDArray<double>[])args[3]!;
            var rhs = ToMatrix(diagonal[0]).TransposeThisAndMultiply(Complement(args));
            return ToBlock(SolveTriangular(ToMatrix(diagonal[1]), rhs, lower: true));
        });
        OpRegistry.Register(LuLowerOp, static args =>
        {
            // X U_jj = S, solved as U_jjᵀ Xᵀ = Sᵀ.
            var u = ToMatrix(((NDArray<double>[])args[3]!)[2]);
            return ToBlock(SolveTriangular(u.Transpose(), Complement(args).Transpose(), lower: true).Transpose());
        });
        OpRegistry.Register(LuPermuteOp, static args =>
            ToBlock(ToMatrix(((NDArray<double>[])args[0]!)[0]).TransposeThisAndMultiply(ToMatrix((NDArray<double>)args[1]!))));
        OpRegistry.Register(TriangularSolveOp, TriangularSolve);
        OpRegistry.Register(LstsqOp, LeastSquares.Part);
    }

    private static NDArray<double>[] Parts((Matrix<double> Q, Matrix<double> R) qr) => [ToBlock(qr.Q), ToBlock(qr.R)];

    private static Matrix<double> SideBySide(object? blocks)
    {
        var parts = ((object?[])blocks!).Select(b => ToMatrix((NDArray<double>)b!)).ToList();
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var result = Matrix<double>.Build.Dense(parts[0].RowCount, parts.Sum(p => p.ColumnCount));
        var column = 0;
        foreach (var part in parts)
        {
            result.SetSubMatrix(0, column, part);
            column += part.ColumnCount;
        }

        return result;
    }

    private static Matrix<double> Stacked(object? blocks) => StackRows([.. ((object?[])blocks!).Select(b => ToMatrix((NDArray<double>)b!))]);

    /// <summary><c>A - Σ X_k Y_k</c> from a task's first three arguments.</summary>
    private static Matrix<double> Complement(object?[] args) =>
        SubtractProducts(ToMatrix((NDArray<double>)args[0]!), (object?[])args[1]!, (object?[])args[2]!);

    private static object? Cholesky(object?[] args)
    {
        var lefts = (object?[])args[1]!;
        var rights = ((object?[])args[2]!).Select(b => (object?)ToBlock(ToMatrix((NDArray<double>)b!).Transpose())).ToArray();
        var s = SubtractProducts(ToMatrix((NDArray<double>)args[0]!), lefts, rights);
        if (args[3] is NDArray<double> diagonal)
        {
            // L_ij L_jjᵀ = S, solved as L_jj L_ijᵀ = Sᵀ.
            return ToBlock(SolveTriangular(ToMatrix(diagonal), s.Transpose(), lower: true).Transpose());
        }

        try
        {
            return ToBlock(s.Cholesky().Factor);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException("The matrix is not symmetric positive definite: a diagonal block's Cholesky factorization failed.", e);
        }
    }

    private static object? LuDiagonal(object?[] args)
    {
        var s = Complement(args);
        var lu = s.LU();
        return new[] { ToBlock(PermutationMatrix(lu, s.RowCount)), ToBlock(lu.L), ToBlock(lu.U) };
    }

    private static object? TriangularSolve(object?[] args)
    {
        var b = (NDArray<double>)args[1]!;
        var rhs = SubtractProducts(ToMatrix(b), (object?[])args[2]!, (object?[])args[3]!);
        return ToBlockLike(SolveTriangular(ToMatrix((NDArray<double>)args[0]!), rhs, (bool)args[4]!), b);
    }
}
