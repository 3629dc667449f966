namespace MiniDask.Kernels.Accelerators.Cuda;

/// <summary>
/// The arguments of a column-major cuBLAS GEMM that computes a row-major product. A row-major
/// <c>m × n</c> matrix with row stride <c>ld</c> is, read column-major, its transpose
/// (<c>n × m</c> with leading dimension <c>ld</c>), so <c>C = A·B</c> becomes
/// <c>Cᵀ = Bᵀ·Aᵀ</c>: cuBLAS multiplies B's memory by A's memory, no transposes, with
/// <c>m</c> and <c>n</c> swapped.
/// </summary>
/// <param name="M">cuBLAS <c>m</c>: rows of the column-major result (the row-major <c>n</c>).</param>
/// <param name="N">cuBLAS <c>n</c>: columns of the column-major result (the row-major <c>m</c>).</param>
/// <param name="K">cuBLAS <c>k</c>: the shared dimension.</param>
/// <param name="FirstIsB">Whether cuBLAS's first operand is the row-major B (always true for this mapping).</param>
/// <param name="LdFirst">Leading dimension of cuBLAS's first operand.</param>
/// <param name="LdSecond">Leading dimension of cuBLAS's second operand.</param>
/// <param name="Ldc">Leading dimension of the result.</param>
/// <param name="Beta">0 to overwrite the result, 1 to accumulate into it.</param>
internal readonly record struct CublasGemmArguments(int M, int N, int K, bool FirstIsB, int LdFirst, int LdSecond, int Ldc, double Beta)
{
    /// <summary>
    /// The cuBLAS arguments for row-major <c>C (m × n, stride ldc) = A (m × k, stride lda) · B (k × n, stride ldb)</c>,
    /// plus <c>C</c> when <paramref name="accumulate"/>. Leading dimensions are at least 1, as cuBLAS requires.
    /// </summary>
    public static CublasGemmArguments FromRowMajor(int m, int n, int k, int lda, int ldb, int ldc, bool accumulate) =>
        new(M: n, N: m, K: k, FirstIsB: true, LdFirst: Math.Max(1, ldb), LdSecond: Math.Max(1, lda), Ldc: Math.Max(1, ldc), Beta: accumulate ? 1 : 0);
}
