using MiniDask.Kernels.Accelerators;
using MiniDask.Tests.Devices;

namespace MiniDask.Kernels.Tests.Accelerators;

/// <summary>The streaming block cache, counting host↔device copies on an accelerator that emulates (or is) a device.</summary>
public abstract class DeviceBlockCacheTests : IDisposable
{
    private readonly Lazy<Accelerator> accelerator;

    protected DeviceBlockCacheTests()
    {
        accelerator = new Lazy<Accelerator>(CreateAccelerator);
    }

    private Accelerator Accelerator => accelerator.Value;

    public void Dispose()
    {
        if (accelerator.IsValueCreated)
        {
            accelerator.Value.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    [DeviceFact]
    public void ChainOfThreeOps_CopiesInOnceAndOutOnce()
    {
        var x = new NDArray<double>([1, 4, 9, 16, 25, 36], [2, 3]);
        using var cache = new DeviceBlockCache(Accelerator, 1 << 20);
        cache.Put("x", x);

        cache.Unary<SqrtOperator<double>, double>("x", "r");
        cache.Binary<MultiplyOperator<double>, double>("r", "r", "sq");
        cache.Reduce<SumOperator<double>, double>("sq", [0], "s");
        var s = cache.Get<double>("s");

        Assert.Equal([17.0, 29, 45], s.Data);
        Assert.Equal(1, Accelerator.HostToDeviceCopies);
        Assert.Equal(1, Accelerator.DeviceToHostCopies);
    }

    [DeviceFact]
    public void BlockedMatmul_PartialProductsAccumulateOnTheDevice()
    {
        var a = Enumerable.Range(0, 3).Select(i => Block(4, 5, i)).ToArray();
        var b = Enumerable.Range(0, 3).Select(i => Block(5, 6, 10 + i)).ToArray();
        using var cache = new DeviceBlockCache(Accelerator, 1 << 20);
        for (var i = 0; i < 3; i++)
        {
            cache.Put($"a{i}", a[i]);
            cache.Put($"b{i}", b[i]);
            cache.Gemm<double>($"a{i}", $"b{i}", "c", accumulate: true);
        }

        var c = cache.Get<double>("c");

        var expected = Gemm.Multiply(a[0], b[0]);
        Gemm.MultiplyAdd(a[1], b[1], expected);
        Gemm.MultiplyAdd(a[2], b[2], expected);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected.Data[i], c.Data[i], 1e-10);
        }

        Assert.Equal(6, Accelerator.HostToDeviceCopies);
        Assert.Equal(1, Accelerator.DeviceToHostCopies);
    }

    [DeviceFact]
    public void OverTheLimit_EvictsTheLeastRecentlyUsedBlockAndRestoresItOnUse()
    {
        // Each 8x8 float64 block is 512 bytes; the limit holds three.
        using var cache = new DeviceBlockCache(Accelerator, 1536);
        cache.Put("x", Block(8, 8, 1));
        cache.Unary<NegateOperator<double>, double>("x", "y");
        cache.Unary<AbsOperator<double>, double>("y", "z");
        Assert.Equal(0, cache.Evictions);

        cache.Unary<NegateOperator<double>, double>("z", "w");

        Assert.Equal(1, cache.Evictions);
        Assert.False(cache.IsResident("x"));
        Assert.Equal(0, Accelerator.DeviceToHostCopies);
        Assert.True(cache.DeviceBytes <= 1536);

        cache.Unary<AbsOperator<double>, double>("x", "x2");

        // Restoring x evicts y and making room for x2 evicts z; both were written on the device, so both are copied out.
        Assert.True(cache.IsResident("x"));
        Assert.False(cache.IsResident("y"));
        Assert.Equal(3, cache.Evictions);
        Assert.Equal(2, Accelerator.DeviceToHostCopies);
        Assert.Equal(Block(8, 8, 1).Data.Select(Math.Abs), cache.Get<double>("x2").Data);
        Assert.Equal(Block(8, 8, 1).Data.Select(v => -v), cache.Get<double>("y").Data);
    }

    [DeviceFact]
    public void OperandsLargerThanTheLimit_ThrowNamingTheBlock()
    {
        using var cache = new DeviceBlockCache(Accelerator, 100);
        cache.Put("big", Block(8, 8, 2));

        var e = Assert.Throws<InvalidOperationException>(() => cache.Unary<AbsOperator<double>, double>("big", "out"));

        Assert.Contains("'big'", e.Message);
    }

    [DeviceFact]
    public void Get_UnknownKey_ThrowsKeyNotFound()
    {
        using var cache = new DeviceBlockCache(Accelerator, 1024);

        Assert.Throws<KeyNotFoundException>(() => cache.Get<double>("missing"));
    }

    [DeviceFact]
    public void Release_FreesTheDeviceMemory()
    {
        using var cache = new DeviceBlockCache(Accelerator, 4096);
        cache.Put("x", Block(8, 8, 3));
        cache.Unary<ExpOperator<double>, double>("x", "y");
        var before = Accelerator.AllocatedBytes;

        cache.Release("y");

        Assert.False(cache.Contains("y"));
        Assert.Equal(before - 512, Accelerator.AllocatedBytes);
        Assert.Equal(512, cache.DeviceBytes);
    }

    [DeviceFact]
    public void ScaleAdd_WritesAlphaXPlusBetaIntoANewBlock()
    {
        using var cache = new DeviceBlockCache(Accelerator, 4096);
        cache.Put("x", Block(4, 4, 4));

        cache.ScaleAdd("x", 2.0, 0.5, "y");

        Assert.Equal(Block(4, 4, 4).Data.Select(v => (2 * v) + 0.5), cache.Get<double>("y").Data);
    }

    [DeviceFact]
    public void Reshape_ChangesTheShapeThatLaterOpsSee()
    {
        using var cache = new DeviceBlockCache(Accelerator, 4096);
        cache.Put("x", new NDArray<double>([1, 2, 3, 4, 5, 6], [6]));

        cache.Reshape("x", 2, 3);
        cache.Reduce<SumOperator<double>, double>("x", [1], "rows");

        Assert.Equal([6.0, 15], cache.Get<double>("rows").Data);
        Assert.Equal([2, 3], cache.Get<double>("x").Shape.ToArray());
        Assert.Throws<ArgumentException>(() => cache.Reshape("x", 4));
    }

    [DeviceFact]
    public void DropOnEvict_EvictedUploadIsForgottenWithoutACopy()
    {
        using var cache = new DeviceBlockCache(Accelerator, 1024);
        cache.Put("upload", Block(8, 8, 5), dropOnEvict: true);
        cache.Unary<NegateOperator<double>, double>("upload", "result");

        cache.Put("other", Block(8, 8, 6));
        cache.Unary<AbsOperator<double>, double>("other", "other2");

        Assert.False(cache.Contains("upload"));
        Assert.True(cache.Contains("result"));
        Assert.Equal(Block(8, 8, 5).Data.Select(v => -v), cache.Get<double>("result").Data);
        // The upload went without a copy; only the result, written on the device, was copied out to make room.
        Assert.Equal(2, cache.Evictions);
        Assert.Equal(1, Accelerator.DeviceToHostCopies);
    }

    protected abstract Accelerator CreateAccelerator();

    private static NDArray<double> Block(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        return new NDArray<double>([.. Enumerable.Range(0, rows * cols).Select(_ => random.NextDouble() - 0.5)], [rows, cols]);
    }
}

/// <summary>The cache on the CPU accelerator in debug mode, where a missing copy or synchronize shows.</summary>
public sealed class CpuDebugDeviceBlockCacheTests : DeviceBlockCacheTests
{
    protected override Accelerator CreateAccelerator() => new CpuAccelerator(debug: true);
}

/// <summary>The cache on a CUDA device; skipped, with the reason, where CUDA is unusable.</summary>
public sealed class IlgpuCpuDeviceBlockCacheTests : DeviceBlockCacheTests
{
    protected override Accelerator CreateAccelerator() => AcceleratorContext.Create("ilgpu-cpu").CreateAccelerator();
}

/// <summary>The cache tests on the first CUDA GPU; skipped, with the reason, where CUDA is unusable.</summary>
public sealed class CudaDeviceBlockCacheTests : DeviceBlockCacheTests, ICudaTests
{
    protected override Accelerator CreateAccelerator() => TestAccelerators.Cuda();
}
