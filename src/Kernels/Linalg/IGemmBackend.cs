namespace MiniDask.Kernels;

/// <summary>
/// A general matrix multiply for row-major float64 and float32 matrices:
/// <c>C = A·B</c>, or <c>C += A·B</c> when accumulating. <c>A</c> is <c>m × k</c> with row
/// stride <c>lda</c>, <c>B</c> is <c>k × n</c> with row stride <c>ldb</c>, <c>C</c> is
/// <c>m × n</c> with row stride <c>ldc</c>. Callers have checked the sizes.
/// </summary>
internal interface IGemmBackend
{
    /// <summary>The backend's name for reports, such as <c>openblas (libopenblas.so.0)</c> or <c>managed</c>.</summary>
    string Name { get; }

    /// <summary>The float64 multiply.</summary>
    void Dgemm(int m, int n, int k, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc, bool accumulate);

    /// <summary>The float32 multiply.</summary>
    void Sgemm(int m, int n, int k, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate);
}
