using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MiniDask.Kernels.Accelerators.Cuda;

/// <summary>
/// cuBLAS from <c>libcublas.so.13</c> or else <c>libcublas.so.12</c>, bound by its <c>_v2</c>
/// symbols: a handle, its stream, and column-major <c>cublasDgemm_v2</c> / <c>cublasSgemm_v2</c>
/// (see <see cref="CublasGemmArguments"/> for how row-major blocks are passed).
/// </summary>
internal sealed unsafe class Cublas
{
    /// <summary>The sonames tried in order.</summary>
    public static readonly string[] LibraryNames = ["libcublas.so.13", "libcublas.so.12"];

    /// <summary><c>CUBLAS_OP_N</c>.</summary>
    public const int OpNone = 0;

    public readonly delegate* unmanaged<nint*, int> cublasCreate_v2;
    public readonly delegate* unmanaged<nint, int> cublasDestroy_v2;
    public readonly delegate* unmanaged<nint, nint, int> cublasSetStream_v2;
    public readonly delegate* unmanaged<nint, int, int, int, int, int, double*, ulong, int, ulong, int, double*, ulong, int, int> cublasDgemm_v2;
    public readonly delegate* unmanaged<nint, int, int, int, int, int, float*, ulong, int, ulong, int, float*, ulong, int, int> cublasSgemm_v2;
    private readonly delegate* unmanaged<int, byte*> cublasGetStatusName;

    private Cublas(CudaLibrary library)
    {
        Library = library;
        cublasCreate_v2 = (delegate* unmanaged<nint*, int>)library.Export("cublasCreate_v2");
        cublasDestroy_v2 = (delegate* unmanaged<nint, int>)library.Export("cublasDestroy_v2");
        cublasSetStream_v2 = (delegate* unmanaged<nint, nint, int>)library.Export("cublasSetStream_v2");
        cublasDgemm_v2 = (delegate* unmanaged<nint, int, int, int, int, int, double*, ulong, int, ulong, int, double*, ulong, int, int>)library.Export("cublasDgemm_v2");
        cublasSgemm_v2 = (delegate* unmanaged<nint, int, int, int, int, int, float*, ulong, int, ulong, int, float*, ulong, int, int>)library.Export("cublasSgemm_v2");
        cublasGetStatusName = (delegate* unmanaged<int, byte*>)library.OptionalExport("cublasGetStatusName");
    }

    /// <summary>The loaded library.</summary>
    public CudaLibrary Library { get; }

    /// <summary>Loads cuBLAS; null and the reason when neither soname is found or a symbol is missing.</summary>
    public static Cublas? TryLoad(out string? error)
    {
        var library = CudaLibrary.TryLoad(LibraryNames, out error);
        try
        {
            return library is null ? null : new Cublas(library);
        }
        catch (EntryPointNotFoundException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>Throws a <see cref="CudaException"/> naming <paramref name="call"/> when <paramref name="status"/> is not <c>CUBLAS_STATUS_SUCCESS</c>.</summary>
    public void Check(int status, [CallerArgumentExpression(nameof(status))] string call = "") =>
        CudaException.ThrowIfFailed(status, "cuBLAS", StatusName, call: call);

    private string StatusName(int status) =>
        (cublasGetStatusName != null ? Marshal.PtrToStringUTF8((nint)cublasGetStatusName(status)) : null) ?? $"cublasStatus_t {status}";
}
