using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MiniDask.Kernels.Accelerators.Cuda;

/// <summary>
/// The CUDA driver API from <c>libcuda.so.1</c>, bound by exact versioned symbol names (the
/// <c>_v2</c> entry points the C headers map to), called through unmanaged function pointers.
/// Every call returns a <c>CUresult</c> that <see cref="Check"/> turns into a <see cref="CudaException"/>.
/// Calls that need a context must run on the accelerator's GPU thread.
/// </summary>
internal sealed unsafe class CudaDriver
{
    /// <summary>The driver library's soname.</summary>
    public static readonly string[] LibraryNames = ["libcuda.so.1"];

    /// <summary><c>CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR</c>.</summary>
    public const int AttributeComputeCapabilityMajor = 75;

    /// <summary><c>CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR</c>.</summary>
    public const int AttributeComputeCapabilityMinor = 76;

    /// <summary><c>CU_STREAM_NON_BLOCKING</c>: no implicit synchronization with the legacy default stream.</summary>
    public const uint StreamNonBlocking = 1;

    public readonly delegate* unmanaged<uint, int> cuInit;
    public readonly delegate* unmanaged<int*, int> cuDeviceGetCount;
    public readonly delegate* unmanaged<int*, int, int> cuDeviceGet;
    public readonly delegate* unmanaged<byte*, int, int, int> cuDeviceGetName;
    public readonly delegate* unmanaged<nuint*, int, int> cuDeviceTotalMem_v2;
    public readonly delegate* unmanaged<int*, int, int, int> cuDeviceGetAttribute;
    public readonly delegate* unmanaged<nint*, int, int> cuDevicePrimaryCtxRetain;
    public readonly delegate* unmanaged<int, int> cuDevicePrimaryCtxRelease_v2;
    public readonly delegate* unmanaged<nint, int> cuCtxSetCurrent;
    public readonly delegate* unmanaged<ulong*, nuint, int> cuMemAlloc_v2;
    public readonly delegate* unmanaged<ulong, int> cuMemFree_v2;
    public readonly delegate* unmanaged<void**, nuint, int> cuMemAllocHost_v2;
    public readonly delegate* unmanaged<void*, int> cuMemFreeHost;
    public readonly delegate* unmanaged<ulong, void*, nuint, nint, int> cuMemcpyHtoDAsync_v2;
    public readonly delegate* unmanaged<void*, ulong, nuint, nint, int> cuMemcpyDtoHAsync_v2;
    public readonly delegate* unmanaged<nint*, uint, int> cuStreamCreate;
    public readonly delegate* unmanaged<nint, int> cuStreamDestroy_v2;
    public readonly delegate* unmanaged<nint, int> cuStreamSynchronize;
    public readonly delegate* unmanaged<nint*, void*, int> cuModuleLoadData;
    public readonly delegate* unmanaged<nint, int> cuModuleUnload;
    public readonly delegate* unmanaged<nint*, nint, byte*, int> cuModuleGetFunction;
    public readonly delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, void**, void**, int> cuLaunchKernel;
    public readonly delegate* unmanaged<int, byte**, int> cuGetErrorName;

    private CudaDriver(CudaLibrary library)
    {
        Library = library;
        cuInit = (delegate* unmanaged<uint, int>)library.Export("cuInit");
        cuDeviceGetCount = (delegate* unmanaged<int*, int>)library.Export("cuDeviceGetCount");
        cuDeviceGet = (delegate* unmanaged<int*, int, int>)library.Export("cuDeviceGet");
        cuDeviceGetName = (delegate* unmanaged<byte*, int, int, int>)library.Export("cuDeviceGetName");
        cuDeviceTotalMem_v2 = (delegate* unmanaged<nuint*, int, int>)library.Export("cuDeviceTotalMem_v2");
        cuDeviceGetAttribute = (delegate* unmanaged<int*, int, int, int>)library.Export("cuDeviceGetAttribute");
        cuDevicePrimaryCtxRetain = (delegate* unmanaged<nint*, int, int>)library.Export("cuDevicePrimaryCtxRetain");
        cuDevicePrimaryCtxRelease_v2 = (delegate* unmanaged<int, int>)library.Export("cuDevicePrimaryCtxRelease_v2");
        cuCtxSetCurrent = (delegate* unmanaged<nint, int>)library.Export("cuCtxSetCurrent");
        cuMemAlloc_v2 = (delegate* unmanaged<ulong*, nuint, int>)library.Export("cuMemAlloc_v2");
        cuMemFree_v2 = (delegate* unmanaged<ulong, int>)library.Export("cuMemFree_v2");
        cuMemAllocHost_v2 = (delegate* unmanaged<void**, nuint, int>)library.Export("cuMemAllocHost_v2");
        cuMemFreeHost = (delegate* unmanaged<void*, int>)library.Export("cuMemFreeHost");
        cuMemcpyHtoDAsync_v2 = (delegate* unmanaged<ulong, void*, nuint, nint, int>)library.Export("cuMemcpyHtoDAsync_v2");
        cuMemcpyDtoHAsync_v2 = (delegate* unmanaged<void*, ulong, nuint, nint, int>)library.Export("cuMemcpyDtoHAsync_v2");
        cuStreamCreate = (delegate* unmanaged<nint*, uint, int>)library.Export("cuStreamCreate");
        cuStreamDestroy_v2 = (delegate* unmanaged<nint, int>)library.Export("cuStreamDestroy_v2");
        cuStreamSynchronize = (delegate* unmanaged<nint, int>)library.Export("cuStreamSynchronize");
        cuModuleLoadData = (delegate* unmanaged<nint*, void*, int>)library.Export("cuModuleLoadData");
        cuModuleUnload = (delegate* unmanaged<nint, int>)library.Export("cuModuleUnload");
        cuModuleGetFunction = (delegate* unmanaged<nint*, nint, byte*, int>)library.Export("cuModuleGetFunction");
        cuLaunchKernel = (delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, void**, void**, int>)library.Export("cuLaunchKernel");
        cuGetErrorName = (delegate* unmanaged<int, byte**, int>)library.Export("cuGetErrorName");
    }

    /// <summary>The loaded library.</summary>
    public CudaLibrary Library { get; }

    /// <summary>Binds <paramref name="library"/>; throws <see cref="EntryPointNotFoundException"/> naming a missing symbol.</summary>
    public static CudaDriver Bind(CudaLibrary library) => new(library);

    /// <summary>Loads <c>libcuda.so.1</c>; null and the reason when it is missing or lacks a symbol.</summary>
    public static CudaDriver? TryLoad(out string? error)
    {
        var library = CudaLibrary.TryLoad(LibraryNames, out error);
        if (library is null)
        {
            return null;
        }

        try
        {
            return Bind(library);
        }
        catch (EntryPointNotFoundException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>Throws a <see cref="CudaException"/> naming <paramref name="call"/> when <paramref name="result"/> is not <c>CUDA_SUCCESS</c>.</summary>
    public void Check(int result, [CallerArgumentExpression(nameof(result))] string call = "") =>
        CudaException.ThrowIfFailed(result, "CUDA driver", ErrorName, call: call);

    /// <summary>The driver's name for <paramref name="result"/>, such as <c>CUDA_ERROR_NO_DEVICE</c>.</summary>
    public string ErrorName(int result)
    {
        byte* name = null;
        return cuGetErrorName(result, &name) == 0 && name != null
            ? Marshal.PtrToStringUTF8((nint)name) ?? $"CUresult {result}"
            : $"CUresult {result}";
    }
}
