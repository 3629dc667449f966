using MiniDask.Kernels.Accelerators.Cuda;

namespace MiniDask.Kernels.Tests.Accelerators.Cuda;

public class GpuThreadTests
{
    [Fact]
    public void Invoke_FromManyThreads_RunsEverythingOnTheDedicatedThread()
    {
        var initThread = -1;
        using var gpu = new GpuThread("test-gpu", () => initThread = Environment.CurrentManagedThreadId);

        var seen = Enumerable.Range(0, 8).AsParallel().Select(_ => gpu.Invoke(() => Environment.CurrentManagedThreadId)).Distinct().ToArray();

        Assert.Equal([gpu.ManagedThreadId], seen);
        Assert.Equal(gpu.ManagedThreadId, initThread);
        Assert.NotEqual(Environment.CurrentManagedThreadId, gpu.ManagedThreadId);
    }

    [Fact]
    public void Invoke_Throwing_RethrowsToTheCaller()
    {
        using var gpu = new GpuThread("test-gpu", () => { });

        var e = Assert.Throws<InvalidOperationException>(() => gpu.Invoke(() => throw new InvalidOperationException("boom")));

        Assert.Equal("boom", e.Message);
        Assert.Equal(3, gpu.Invoke(() => 3));
    }

    [Fact]
    public void Invoke_Nested_RunsInline()
    {
        using var gpu = new GpuThread("test-gpu", () => { });

        var inner = gpu.Invoke(() => gpu.Invoke(() => Environment.CurrentManagedThreadId));

        Assert.Equal(gpu.ManagedThreadId, inner);
    }

    [Fact]
    public void Constructor_InitializerFails_RethrowsItsException()
    {
        var e = Assert.Throws<CudaException>(() => new GpuThread("test-gpu", () => throw new CudaException("CUDA driver", "cuCtxSetCurrent(ctx)", 201, "CUDA_ERROR_INVALID_CONTEXT")));

        Assert.Contains("cuCtxSetCurrent(ctx)", e.Message);
    }

    [Fact]
    public void Invoke_AfterDispose_Throws()
    {
        var gpu = new GpuThread("test-gpu", () => { });
        gpu.Dispose();

        Assert.Throws<ObjectDisposedException>(() => gpu.Invoke(() => 1));
    }
}
