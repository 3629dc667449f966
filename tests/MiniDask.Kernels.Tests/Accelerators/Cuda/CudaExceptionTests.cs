using MiniDask.Kernels.Accelerators.Cuda;

namespace MiniDask.Kernels.Tests.Accelerators.Cuda;

public class CudaExceptionTests
{
    private const int OutOfMemory = 2;

    [Fact]
    public void ThrowIfFailed_Failure_NamesTheCallExpressionAndTheError()
    {
        var e = Assert.Throws<CudaException>(() => CudaException.ThrowIfFailed(FakeAlloc(1024), "CUDA driver", Name));

        Assert.Equal("FakeAlloc(1024)", e.Call);
        Assert.Equal("CUDA_ERROR_OUT_OF_MEMORY", e.ErrorName);
        Assert.Equal(OutOfMemory, e.Code);
        Assert.Equal("CUDA driver call FakeAlloc(1024) failed with CUDA_ERROR_OUT_OF_MEMORY (2).", e.Message);
    }

    [Fact]
    public void ThrowIfFailed_Success_DoesNotThrowOrAskForAName()
    {
        CudaException.ThrowIfFailed(0, "cuBLAS", _ => throw new InvalidOperationException("asked for a name"));
    }

    [Fact]
    public void Format_WithDetail_AppendsIt()
    {
        var message = CudaException.Format("NVRTC", "nvrtcCompileProgram(k.cu, --gpu-architecture=sm_90)", 6, "NVRTC_ERROR_COMPILATION", "k.cu(3): error: identifier \"x\" is undefined");

        Assert.Equal("NVRTC call nvrtcCompileProgram(k.cu, --gpu-architecture=sm_90) failed with NVRTC_ERROR_COMPILATION (6): k.cu(3): error: identifier \"x\" is undefined", message);
    }

    private static int FakeAlloc(int bytes) => bytes > 0 ? OutOfMemory : 0;

    private static string Name(int code) => code == OutOfMemory ? "CUDA_ERROR_OUT_OF_MEMORY" : "?";
}
