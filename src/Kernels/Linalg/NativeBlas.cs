using System.Runtime.InteropServices;

namespace MiniDask.Kernels;

/// <summary>
/// A BLAS found in the operating system (OpenBLAS or any library exporting the CBLAS
/// interface), bound at run time with <see cref="NativeLibrary"/> and called through function
/// pointers, so the assembly loads and runs where no BLAS is installed. Only the LP64 CBLAS
/// interface (32-bit integer sizes) is used.
/// </summary>
internal sealed unsafe class NativeBlas : IGemmBackend
{
    private const int RowMajor = 101;
    private const int NoTrans = 111;

    /// <summary>Library names tried in order when no explicit library is asked for.</summary>
    private static readonly string[] Candidates =
    [
        "libopenblas.so.0", "libopenblas.so", "libblas.so.3", "libcblas.so.3",
        "libopenblas.dylib", "/System/Library/Frameworks/Accelerate.framework/Accelerate",
        "libopenblas.dll", "openblas",
    ];

    private readonly delegate* unmanaged[Cdecl]<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> dgemm;
    private readonly delegate* unmanaged[Cdecl]<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> sgemm;

    private readonly delegate* unmanaged[Cdecl]<int, void> setThreads;

    private NativeBlas(string name, nint dgemm, nint sgemm, nint setThreads)
    {
        Name = name;
        this.setThreads = (delegate* unmanaged[Cdecl]<int, void>)setThreads;
        this.dgemm = (delegate* unmanaged[Cdecl]<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)dgemm;
        this.sgemm = (delegate* unmanaged[Cdecl]<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>
    /// Loads the first library of <paramref name="preferred"/> (when given) or of the usual
    /// names that exports <c>cblas_dgemm</c> and <c>cblas_sgemm</c>; null when none does.
    /// OpenBLAS is limited to one thread per call, since the scheduler already runs one block
    /// product per core and nested threads would oversubscribe them.
    /// </summary>
    public static NativeBlas? TryLoad(string? preferred)
    {
        foreach (var name in preferred is null ? Candidates : [preferred])
        {
            if (!NativeLibrary.TryLoad(name, out var handle))
            {
                continue;
            }

            if (NativeLibrary.TryGetExport(handle, "cblas_dgemm", out var d) && NativeLibrary.TryGetExport(handle, "cblas_sgemm", out var s))
            {
                var isOpenBlas = NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var setThreads);
                if (isOpenBlas)
                {
                    ((delegate* unmanaged[Cdecl]<int, void>)setThreads)(1);
                }

                return new NativeBlas($"{(isOpenBlas ? "openblas" : "blas")} ({Path.GetFileName(name)})", d, s, isOpenBlas ? setThreads : 0);
            }

            NativeLibrary.Free(handle);
        }

        return null;
    }

    /// <summary>Sets how many threads one call may use, where the library lets us (OpenBLAS); false otherwise.</summary>
    public bool TrySetThreads(int threads)
    {
        if (setThreads == null)
        {
            return false;
        }

        setThreads(threads);
        return true;
    }

    /// <inheritdoc />
    public void Dgemm(int m, int n, int k, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc, bool accumulate)
    {
        fixed (double* pa = a, pb = b, pc = c)
        {
            dgemm(RowMajor, NoTrans, NoTrans, m, n, k, 1.0, pa, Math.Max(lda, 1), pb, Math.Max(ldb, 1), accumulate ? 1.0 : 0.0, pc, Math.Max(ldc, 1));
        }
    }

    /// <inheritdoc />
    public void Sgemm(int m, int n, int k, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
    {
        fixed (float* pa = a, pb = b, pc = c)
        {
            sgemm(RowMajor, NoTrans, NoTrans, m, n, k, 1f, pa, Math.Max(lda, 1), pb, Math.Max(ldb, 1), accumulate ? 1f : 0f, pc, Math.Max(ldc, 1));
        }
    }
}
