using MathNet.Numerics.LinearAlgebra;
using MiniDask.Kernels;
using static MiniDask.Array.MatrixBlocks;

namespace MiniDask.Array;

/// <summary>
/// The last step of <see cref="Linalg.Lstsq"/>: from R of the QR factorization of <c>[A | B]</c>,
/// <c>[[R11, C], [0, D]]</c>, the solution <c>x = pinv(R11) C</c> (the minimum-norm one when A is
/// rank-deficient, cut at NumPy's default <c>rcond = eps · max(m, n)</c>), the squared residuals
/// <c>|C - R11 x|² + |D|²</c> per column of B, the rank and the singular values of A (those of R11).
/// </summary>
internal static class LeastSquares
{
    /// <summary>The spacing of doubles at 1 (NumPy's <c>finfo(float64).eps</c>).</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary><c>(R of [A | B], int n, int m, bool vectorB, string part)</c>: part <c>x</c>, <c>residuals</c>, <c>rank</c> or <c>s</c>.</summary>
    public static object? Part(object?[] args)
    {
        var raug = ToMatrix((NDArray<double>)args[0]!);
        var n = (int)args[1]!;
        var m = (int)args[2]!;
        var vectorB = (bool)args[3]!;
        var k = raug.ColumnCount - n;
        var top = Math.Min(raug.RowCount, n);
        var r11 = raug.SubMatrix(0, top, 0, n);
        var c = raug.SubMatrix(0, top, n, k);
        var (u, s, vt) = ThinSvd(r11);
        var cutoff = s.Count == 0 ? 0 : s.Maximum() * Math.Max(m, n) * MachineEpsilon;
        var rank = s.Count(v => v > cutoff);
        switch ((string)args[4]!)
        {
            case "s":
                return ToBlock(s);
            case "rank":
                return new NDArray<long>([rank], []);
            case "x":
                var x = Solution(u, s, vt, c, rank);
                return vectorB ? new NDArray<double>(x.Column(0).ToArray(), [n]) : ToBlock(x);
            case "residuals":
                var residual = c - (r11 * Solution(u, s, vt, c, rank));
                var below = raug.RowCount > top ? raug.SubMatrix(top, raug.RowCount - top, n, k) : null;
                var sums = new double[k];
                for (var j = 0; j < k; j++)
                {
                    sums[j] = residual.Column(j).DotProduct(residual.Column(j)) + (below is null ? 0 : below.Column(j).DotProduct(below.Column(j)));
                }

                return new NDArray<double>(sums, [k]);
            case var other:
                throw new ArgumentException($"Unknown least-squares part '{other}'.");
        }
    }

    /// <summary><c>V diag(1/s) Uᵀ C</c> over the first <paramref name="rank"/> singular triples.</summary>
    private static Matrix<double> Solution(Matrix<double> u, Vector<double> s, Matrix<double> vt, Matrix<double> c, int rank)
    {
        var projected = u.SubMatrix(0, u.RowCount, 0, rank).TransposeThisAndMultiply(c);
        for (var i = 0; i < rank; i++)
        {
            projected.SetRow(i, projected.Row(i) / s[i]);
        }

        return vt.SubMatrix(0, rank, 0, vt.ColumnCount).TransposeThisAndMultiply(projected);
    }
}
