namespace MiniDask.Kernels.Accelerators.Cuda;

/// <summary>
/// A CUDA driver, NVRTC or cuBLAS call returned an error. The message names the failing call
/// as it was written in the source (captured with <c>CallerArgumentExpression</c>) and the
/// library's name for the error, such as <c>CUDA_ERROR_OUT_OF_MEMORY</c>.
/// </summary>
public sealed class CudaException : Exception
{
    /// <summary>Creates the exception for a failed call.</summary>
    /// <param name="library">The library: <c>CUDA driver</c>, <c>NVRTC</c> or <c>cuBLAS</c>.</param>
    /// <param name="call">The call's source expression.</param>
    /// <param name="code">The numeric status the call returned.</param>
    /// <param name="errorName">The library's name for <paramref name="code"/>.</param>
    /// <param name="detail">More context, such as an NVRTC compile log; may be empty.</param>
    public CudaException(string library, string call, int code, string errorName, string detail = "")
        : base(Format(library, call, code, errorName, detail))
    {
        Library = library;
        Call = call;
        Code = code;
        ErrorName = errorName;
    }

    /// <summary>The library whose call failed.</summary>
    public string Library { get; }

    /// <summary>The failing call as written in the source.</summary>
    public string Call { get; }

    /// <summary>The numeric status.</summary>
    public int Code { get; }

    /// <summary>The library's name for the status, such as <c>CUDA_ERROR_INVALID_VALUE</c>.</summary>
    public string ErrorName { get; }

    /// <summary>
    /// Throws for a <paramref name="status"/> other than 0 (success in every CUDA library),
    /// naming the call and the error by <paramref name="errorName"/>.
    /// </summary>
    internal static void ThrowIfFailed(int status, string library, Func<int, string> errorName, string detail = "", [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(status))] string call = "")
    {
        if (status != 0)
        {
            throw new CudaException(library, call, status, errorName(status), detail);
        }
    }

    /// <summary>The message: <c>CUDA driver call cuMemAlloc_v2(&amp;p, n) failed with CUDA_ERROR_OUT_OF_MEMORY (2)</c>, then any detail.</summary>
    public static string Format(string library, string call, int code, string errorName, string detail = "") =>
        $"{library} call {call} failed with {errorName} ({code}){(string.IsNullOrEmpty(detail) ? "." : $": {detail}")}";
}
