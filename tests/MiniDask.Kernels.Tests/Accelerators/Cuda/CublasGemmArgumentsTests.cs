using MiniDask.Kernels.Accelerators.Cuda;

namespace MiniDask.Kernels.Tests.Accelerators.Cuda;

/// <summary>The row-major to column-major mapping, checked by running a column-major GEMM as cuBLAS defines it on the row-major buffers.</summary>
public class CublasGemmArgumentsTests
{
    [Theory]
    [InlineData(3, 4, 5, false)]
    [InlineData(7, 2, 9, true)]
    [InlineData(1, 13, 1, false)]
    [InlineData(16, 16, 16, true)]
    public void FromRowMajor_EmulatedColumnMajorGemm_MatchesTheRowMajorProduct(int m, int n, int k, bool accumulate)
    {
        var random = new Random(m * 100 + n * 10 + k);
        var a = new NDArray<double>([.. Enumerable.Range(0, m * k).Select(_ => random.NextDouble())], [m, k]);
        var b = new NDArray<double>([.. Enumerable.Range(0, k * n).Select(_ => random.NextDouble())], [k, n]);
        var c = new NDArray<double>([.. Enumerable.Range(0, m * n).Select(_ => random.NextDouble())], [m, n]);
        var expected = c.Copy();
        Kernels.Gemm.Multiply(m, n, k, a.Span, k, b.Span, n, expected.Span, n, accumulate);

        var args = CublasGemmArguments.FromRowMajor(m, n, k, lda: k, ldb: n, ldc: n, accumulate);
        var (first, second) = args.FirstIsB ? (b.Data, a.Data) : (a.Data, b.Data);
        ColumnMajorGemm(args.M, args.N, args.K, first, args.LdFirst, second, args.LdSecond, args.Beta, c.Data, args.Ldc);

        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected.Data[i], c.Data[i], 1e-12);
        }
    }

    [Fact]
    public void FromRowMajor_SwapsMAndNAndTheOperands()
    {
        var args = CublasGemmArguments.FromRowMajor(m: 3, n: 5, k: 7, lda: 7, ldb: 5, ldc: 5, accumulate: true);

        Assert.Equal(new CublasGemmArguments(M: 5, N: 3, K: 7, FirstIsB: true, LdFirst: 5, LdSecond: 7, Ldc: 5, Beta: 1), args);
    }

    [Fact]
    public void FromRowMajor_EmptyInnerSize_KeepsLeadingDimensionsPositive()
    {
        var args = CublasGemmArguments.FromRowMajor(m: 4, n: 3, k: 0, lda: 0, ldb: 3, ldc: 3, accumulate: false);

        Assert.Equal(1, args.LdSecond);
        Assert.Equal(0, args.Beta);
    }

    /// <summary>cuBLAS's <c>C = A·B + beta·C</c> with no transposes, every matrix column-major with its leading dimension.</summary>
    private static void ColumnMajorGemm(int m, int n, int k, double[] a, int lda, double[] b, int ldb, double beta, double[] c, int ldc)
    {
        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < m; i++)
            {
                var sum = 0.0;
                for (var l = 0; l < k; l++)
                {
                    sum += a[i + (l * lda)] * b[l + (j * ldb)];
                }

                c[i + (j * ldc)] = sum + (beta == 0 ? 0 : beta * c[i + (j * ldc)]);
            }
        }
    }
}
