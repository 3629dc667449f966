using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.Providers.LinearAlgebra;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// The per-block linear algebra of <see cref="Linalg"/>, on MathNet.Numerics matrices: blocks
/// (row-major <see cref="NDArray{T}"/>) in and out, factorizations by MathNet, and the few steps
/// it has no call for (triangular substitution, sign conventions).
/// </summary>
internal static class MatrixBlocks
{
    /// <summary>The rows of one panel of <see cref="RFactor"/>: 4 MB of doubles at 64 columns.</summary>
    public const int PanelRows = 8192;

    private static readonly MatrixBuilder<double> Build = Matrix<double>.Build;

    /// <summary>A 2-D block as a matrix; a 1-D block as a one-column matrix.</summary>
    public static Matrix<double> ToMatrix(NDArray<double> block) => block.Rank switch
    {
        2 => Build.DenseOfRowMajor(block.Shape[0], block.Shape[1], block.Data),
        1 => Build.Dense(block.Shape[0], 1, block.Data.ToArray()),
        _ => throw new ArgumentException($"A linear algebra block must be 1-D or 2-D; got shape {Shapes.Format(block.Shape)}."),
    };

    /// <summary>A matrix as a 2-D block.</summary>
    public static NDArray<double> ToBlock(Matrix<double> matrix) => new(matrix.ToRowMajorArray(), [matrix.RowCount, matrix.ColumnCount]);

    /// <summary>A matrix as a block of the rank of <paramref name="like"/>: 1-D when it was a vector.</summary>
    public static NDArray<double> ToBlockLike(Matrix<double> matrix, NDArray<double> like) =>
        like.Rank == 1 ? new NDArray<double>(matrix.Column(0).ToArray(), [matrix.RowCount]) : ToBlock(matrix);

    /// <summary>A vector as a 1-D block.</summary>
    public static NDArray<double> ToBlock(Vector<double> vector) => new(vector.ToArray(), [vector.Count]);

    /// <summary>
    /// The thin QR factorization <c>A = Q R</c>, Q with <c>k = min(m, n)</c> orthonormal columns
    /// and R <c>k × n</c>. With fewer rows than columns (which MathNet's QR refuses) Q is the
    /// identity and R is A itself: a valid factor for TSQR, whose upper levels only need
    /// <c>A = Q R</c> with orthonormal Q.
    /// </summary>
    public static (Matrix<double> Q, Matrix<double> R) ThinQr(Matrix<double> a)
    {
        if (a.RowCount < a.ColumnCount)
        {
            return (Build.DenseIdentity(a.RowCount), a.Clone());
        }

        var qr = a.QR(QRMethod.Thin);
        return (qr.Q, qr.R);
    }

    /// <summary>
    /// The R factor of the blocks placed side by side (each 2-D, or 1-D as one column), computed
    /// panel by panel: rows are copied into one reused column-major panel of at most
    /// <see cref="PanelRows"/> rows (or four times the columns; the last may be shorter), each panel is factored in place by
    /// MathNet's provider, and the panels' R factors are stacked and factored again. The result is
    /// R of the whole (up to the signs of its rows) with one panel of working memory, where
    /// factoring the whole block would copy it twice and form its Q.
    /// </summary>
    public static Matrix<double> RFactor(IReadOnlyList<NDArray<double>> blocks)
    {
        var rows = blocks[0].Shape[0];
        var widths = blocks.Select(b => b.Rank == 1 ? 1 : b.Shape[1]).ToArray();
        var columns = widths.Sum();
        var panelRows = Math.Min(rows, Math.Max(PanelRows, 4 * columns));
        var panel = new double[panelRows * columns];
        var tau = new double[columns];
        var factors = new List<Matrix<double>>();
        for (var start = 0; start < rows || factors.Count == 0; start += panelRows)
        {
            var height = Math.Min(panelRows, rows - start);
            var buffer = height == panelRows ? panel : new double[height * columns];
            var column = 0;
            for (var b = 0; b < blocks.Count; b++)
            {
                var data = blocks[b].Data;
                var width = widths[b];
                for (var r = 0; r < height; r++)
                {
                    for (var c = 0; c < width; c++)
                    {
                        buffer[((column + c) * height) + r] = data[((start + r) * width) + c];
                    }
                }

                column += width;
            }

            if (height < columns)
            {
                // Fewer rows than columns: the rows themselves are a valid R (see ThinQr).
                factors.Add(Build.Dense(height, columns, buffer));
                continue;
            }

            var factor = new double[columns * columns];
            LinearAlgebraControl.Provider.ThinQRFactor(buffer, height, columns, factor, tau);
            factors.Add(Build.Dense(columns, columns, factor));
        }

        return factors.Count == 1 ? factors[0] : ThinQr(StackRows(factors)).R;
    }

    /// <summary>Rows of every matrix, one under the other.</summary>
    public static Matrix<double> StackRows(IReadOnlyList<Matrix<double>> parts)
    {
        var result = Build.Dense(parts.Sum(p => p.RowCount), parts[0].ColumnCount);
        var row = 0;
        foreach (var part in parts)
        {
            result.SetSubMatrix(row, 0, part);
            row += part.RowCount;
        }

        return result;
    }

    /// <summary>
    /// The thin SVD <c>A = U diag(S) Vᵀ</c> with <c>k = min(m, n)</c> singular triples, signs
    /// fixed so that the largest entry of each row of Vᵀ is positive (Dask's <c>svd_flip</c> on
    /// V), so results do not depend on the order of floating-point work.
    /// </summary>
    public static (Matrix<double> U, Vector<double> S, Matrix<double> VT) ThinSvd(Matrix<double> a)
    {
        var k = Math.Min(a.RowCount, a.ColumnCount);
        var svd = a.Svd(computeVectors: true);
        var u = svd.U.SubMatrix(0, a.RowCount, 0, k);
        var vt = svd.VT.SubMatrix(0, k, 0, a.ColumnCount);
        for (var i = 0; i < k; i++)
        {
            var row = vt.Row(i);
            if (row[row.AbsoluteMaximumIndex()] < 0)
            {
                vt.SetRow(i, -row);
                u.SetColumn(i, -u.Column(i));
            }
        }

        return (u, svd.S.SubVector(0, k), vt);
    }

    /// <summary>
    /// Solves <c>T X = B</c> for triangular <paramref name="t"/> by substitution (forward when
    /// <paramref name="lower"/>, else backward), reading only the triangle it is told to.
    /// </summary>
    /// <exception cref="InvalidOperationException">A diagonal entry is zero: the matrix is singular.</exception>
    public static Matrix<double> SolveTriangular(Matrix<double> t, Matrix<double> b, bool lower)
    {
        var n = t.RowCount;
        var x = b.Clone();
        for (var step = 0; step < n; step++)
        {
            var i = lower ? step : n - 1 - step;
            var pivot = t[i, i];
            if (pivot == 0)
            {
                throw new InvalidOperationException($"The triangular matrix is singular: its diagonal entry {i} is 0.");
            }

            for (var col = 0; col < x.ColumnCount; col++)
            {
                var sum = x[i, col];
                if (lower)
                {
                    for (var j = 0; j < i; j++)
                    {
                        sum -= t[i, j] * x[j, col];
                    }
                }
                else
                {
                    for (var j = i + 1; j < n; j++)
                    {
                        sum -= t[i, j] * x[j, col];
                    }
                }

                x[i, col] = sum / pivot;
            }
        }

        return x;
    }

    /// <summary><c>A - Σ X_k Y_k</c>: the Schur complement step of the blocked factorizations and solves.</summary>
    public static Matrix<double> SubtractProducts(Matrix<double> a, object?[] lefts, object?[] rights)
    {
        var result = a.Clone();
        for (var k = 0; k < lefts.Length; k++)
        {
            result -= ToMatrix((NDArray<double>)lefts[k]!) * ToMatrix((NDArray<double>)rights[k]!);
        }

        return result;
    }

    /// <summary>The permutation matrix P of MathNet's LU, for which <c>A = P L U</c>.</summary>
    public static Matrix<double> PermutationMatrix(LU<double> lu, int n)
    {
        var p = Build.Dense(n, n);
        for (var i = 0; i < n; i++)
        {
            p[i, lu.P[i]] = 1;
        }

        return p;
    }
}
