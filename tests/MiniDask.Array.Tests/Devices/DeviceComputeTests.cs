using MiniDask.Graph;
using MiniDask.Graph.Devices;
using MiniDask.Kernels;
using MiniDask.Kernels.Accelerators;
using MiniDask.Scheduler;
using MiniDask.Tests.Devices;

namespace MiniDask.Array.Tests.Devices;

/// <summary>
/// Arrays computed by a local scheduler with an execution device, written once and run on the
/// CPU accelerator in debug mode (which defers work and keeps separate buffers, like a GPU) and on
/// CUDA where found: results equal the host's, intermediates stay on the device (counted
/// host↔device copies), and the device-memory limit evicts. In the GEMM backend collection
/// because the host references must use the same GEMM as the device.
/// </summary>
public abstract class DeviceComputeTests : IDisposable
{
    private const long Roomy = 64L << 20;

    private readonly Lazy<BlockDevice> device;

    protected DeviceComputeTests()
    {
        device = new Lazy<BlockDevice>(() => OpenDevice(Roomy));
    }

    /// <summary>The relative difference allowed from the host result: 0 where the device runs the host's own kernels.</summary>
    protected abstract double Tolerance { get; }

    private BlockDevice Device => device.Value;

    private Accelerator Accelerator => Device.Accelerator;

    public void Dispose()
    {
        if (device.IsValueCreated)
        {
            device.Value.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    [DeviceFact]
    public void MatMul_OnTheDevice_EqualsTheHostResult()
    {
        var (a, b) = Operands();

        var expected = a.MatMul(b).Compute(new LocalScheduler(2));
        using var scheduler = new LocalScheduler(2, Device);
        var actual = a.MatMul(b).Compute(scheduler);

        AssertClose(expected, actual);
    }

    [DeviceFact]
    public void MatMulSum_CopiesEachInputBlockInOnceAndOnlyTheScalarOut()
    {
        var (a, b) = Operands();
        var expected = a.MatMul(b).Sum().Compute(new LocalScheduler(2));
        using var scheduler = new LocalScheduler(2, Device);

        var actual = a.MatMul(b).Sum().Compute(scheduler);

        AssertClose(expected, actual);
        Assert.Equal(a.BlockCount + b.BlockCount, Accelerator.HostToDeviceCopies);
        Assert.Equal(1, Accelerator.DeviceToHostCopies);
    }

    [DeviceFact]
    public void Reductions_OnTheDevice_EqualTheHostResults()
    {
        var x = DArray.Random(shape: [50, 70], chunks: [20, 30], seed: 5);
        var host = new LocalScheduler(2);
        using var scheduler = new LocalScheduler(2, Device);

        AssertClose(x.Sum().Compute(host), x.Sum().Compute(scheduler));
        AssertClose(x.Mean().Compute(host), x.Mean().Compute(scheduler));
        Assert.Equal(x.Min().Compute(host), x.Min().Compute(scheduler));
        Assert.Equal(x.Max().Compute(host), x.Max().Compute(scheduler));
        AssertClose(x.Sum(axis: 0).Compute(host), x.Sum(axis: 0).Compute(scheduler));
        AssertClose(x.Sum(axis: 1, keepDims: true).Compute(host), x.Sum(axis: 1, keepDims: true).Compute(scheduler));
        AssertClose(x.Mean(axis: 0).Compute(host), x.Mean(axis: 0).Compute(scheduler));
        AssertClose(x.Max(axis: 1).Compute(host), x.Max(axis: 1).Compute(scheduler));
        AssertClose(x.Min(axis: 0).Compute(host), x.Min(axis: 0).Compute(scheduler));
    }

    [DeviceFact]
    public void Sum_ReducesTheChunksOnTheDevice_CopyingEachBlockInOnceAndTheScalarOut()
    {
        var x = DArray.Random(shape: [60, 60], chunks: [20, 20], seed: 6);
        var expected = x.Sum().Compute(new LocalScheduler(2));
        using var scheduler = new LocalScheduler(2, Device);

        var actual = x.Sum().Compute(scheduler);

        AssertClose(expected, actual);
        Assert.Equal(9, Accelerator.HostToDeviceCopies);
        Assert.Equal(1, Accelerator.DeviceToHostCopies);
    }

    [DeviceFact]
    public void Float32Sum_OnTheDevice_EqualsTheHostResult()
    {
        var x = DArray.Random(shape: [40, 40], chunks: [15, 15], seed: 7).AsType<float>();
        using var scheduler = new LocalScheduler(2, Device);

        var actual = x.Sum().Compute(scheduler);

        var expected = x.Sum().Compute(new LocalScheduler(2));
        var tolerance = Tolerance == 0 ? 0 : 1e-4;
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");
        Assert.Equal(1, Accelerator.DeviceToHostCopies);
    }

    [DeviceFact]
    public void IntegerArrays_RunOnTheHost()
    {
        var x = DArray.Arange<long>(0, 1000, 1, chunks: 100);
        using var scheduler = new LocalScheduler(2, Device);

        Assert.Equal(999L * 1000 / 2, x.Sum().Compute(scheduler));
        Assert.Equal(0, Accelerator.HostToDeviceCopies);
        Assert.Equal(0, Accelerator.DeviceToHostCopies);
    }

    [DeviceFact]
    public void HostOnlyOpAfterMatMul_CopiesEachProductBlockOutOnce()
    {
        var (a, b) = Operands();
        // exp is not a device op: each product block leaves the device once, for it.
        var product = a.MatMul(b);
        var expected = (product * 0.01).Exp().Sum().Compute(new LocalScheduler(2));
        using var scheduler = new LocalScheduler(2, Device);

        var actual = (product * 0.01).Exp().Sum().Compute(scheduler);

        AssertClose(expected, actual);
        Assert.Equal(product.BlockCount + 1, Accelerator.DeviceToHostCopies);
    }

    [DeviceFact]
    public void ElementwiseAfterMatMul_StaysOnTheDeviceUntilTheSum()
    {
        var (a, b) = Operands();
        var product = a.MatMul(b);
        var expected = ((product + 1) * product).Sum().Compute(new LocalScheduler(2));
        using var scheduler = new LocalScheduler(2, Device);

        var actual = ((product + 1) * product).Sum().Compute(scheduler);

        AssertClose(expected, actual);
        Assert.Equal(1, Accelerator.DeviceToHostCopies);
    }

    [DeviceFact]
    public void AfterACompute_NothingStaysOnTheDevice()
    {
        var (a, b) = Operands();
        using var scheduler = new LocalScheduler(2, Device);

        a.MatMul(b).Sum().Compute(scheduler);
        a.MatMul(b).Compute(scheduler);

        Assert.Equal(0, Device.Blocks.Cache.Count);
        Assert.Equal(0, Device.Blocks.Cache.DeviceBytes);
        Assert.Equal(0, Accelerator.AllocatedBytes);
    }

    [DeviceFact]
    public void FailedTask_ReleasesTheDeviceBlocksOfTheRun()
    {
        var a = DArray.Random(shape: [100, 90], chunks: [30, 30], seed: 8);
        var b = DArray.Random(shape: [90, 60], chunks: [30, 30], seed: 9);
        var failing = a.MatMul(b).MapBlocks(static block => block.Shape[0] == 10 ? throw new InvalidOperationException("last row block") : block);
        using var scheduler = new LocalScheduler(2, Device);

        var e = Assert.Throws<TaskFailedException>(() => failing.Sum().Compute(scheduler));

        Assert.Contains("last row block", e.Message);
        Assert.Equal(0, Device.Blocks.Cache.Count);
        Assert.Equal(0, Accelerator.AllocatedBytes);
    }

    [DeviceFact]
    public void DeviceMemoryLimit_SmallerThanTheWork_EvictsToTheHostAndStillEqualsTheHost()
    {
        // Three 30 x 30 float64 blocks: one GEMM's operands and result, while the run holds many more.
        const long limit = 3 * 30 * 30 * sizeof(double);
        using var small = OpenDevice(limit);
        var (a, b) = Operands();
        var expected = a.MatMul(b).Compute(new LocalScheduler(2));
        using var scheduler = new LocalScheduler(2, small);

        var actual = a.MatMul(b).Compute(scheduler);

        AssertClose(expected, actual);
        Assert.True(small.Blocks.Cache.Evictions > 0, "expected evictions under the limit");
        Assert.True(small.Accelerator.DeviceToHostCopies > 8, $"evicted products are copied out: {small.Accelerator.DeviceToHostCopies}");
        Assert.Equal(0, small.Blocks.Cache.Count);
    }

    /// <summary>Opens the device under test with <paramref name="memoryLimitBytes"/> of device memory for blocks.</summary>
    protected abstract BlockDevice OpenDevice(long memoryLimitBytes);

    /// <summary>Two random operands of 4 x 3 and 3 x 2 blocks: 8 output blocks, each the sum of 3 block products.</summary>
    private static (DArray<double> A, DArray<double> B) Operands() => (
        DArray.Random(shape: [120, 90], chunks: [30, 30], seed: 1),
        DArray.Random(shape: [90, 60], chunks: [30, 30], seed: 2));

    private void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");

    private void AssertClose(NDArray<double> expected, NDArray<double> actual)
    {
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        for (var i = 0; i < expected.Length; i++)
        {
            var (e, a) = (expected.Data[i], actual.Data[i]);
            Assert.True(Math.Abs(e - a) <= Tolerance * Math.Max(1, Math.Abs(e)), $"element {i}: expected {e}, got {a}");
        }
    }
}

/// <summary>
/// The device tests on the CPU accelerator in debug mode. It runs the host's own kernels
/// (TensorPrimitives, the same GEMM), so results must be bit for bit the host's.
/// </summary>
public sealed class CpuDebugDeviceComputeTests : DeviceComputeTests
{
    protected override double Tolerance => 0;

    [Fact]
    public void LocalScheduler_DeviceCpu_OpensTheCpuAcceleratorAndEqualsTheHost()
    {
        var x = DArray.Random(shape: [30, 30], chunks: [10, 10], seed: 3);
        using var scheduler = new LocalScheduler(2, "cpu");

        var actual = x.MatMul(x.T).Sum().Compute(scheduler);

        Assert.Equal("cpu", scheduler.Device?.Name);
        Assert.IsType<CpuAccelerator>(((BlockDevice)scheduler.Device!).Accelerator);
        Assert.Equal(x.MatMul(x.T).Sum().Compute(new LocalScheduler(2)), actual);
    }

    [WithoutCudaFact]
    public void Open_CudaOrdinalWithoutAGpu_ThrowsSayingWhy()
    {
        var e = Assert.Throws<DeviceUnavailableException>(() => ExecutionDevices.Open("cuda:1"));

        Assert.Equal("cuda:1", e.DeviceName);
        Assert.IsType<AcceleratorUnavailableException>(e.InnerException);
    }

    [Fact]
    public void Open_UnknownDeviceName_ThrowsNamingTheChoices()
    {
        var e = Assert.Throws<ArgumentException>(() => new LocalScheduler(2, "gpu"));

        Assert.Contains("'gpu'", e.Message);
        Assert.Contains("cpu, ilgpu-cpu, cuda, cuda:N, opencl or opencl:N", e.Message);
    }

    protected override BlockDevice OpenDevice(long memoryLimitBytes) =>
        new(new CpuAccelerator(debug: true), memoryLimitBytes, ownsAccelerator: true);
}

/// <summary>
/// The device tests on ILGPU's CPU accelerator: the kernels a GPU runs. Sums and products are
/// computed in the kernels' own order, so results are the host's within rounding.
/// </summary>
public sealed class IlgpuCpuDeviceComputeTests : DeviceComputeTests
{
    protected override double Tolerance => 1e-12;

    [Fact]
    public void LocalScheduler_DeviceIlgpuCpu_RunsTheBlockMathAsIlgpuKernels()
    {
        var x = DArray.Random(shape: [30, 30], chunks: [10, 10], seed: 3);
        using var scheduler = new LocalScheduler(2, "ilgpu-cpu");

        var actual = (x + x.T).Sum().Compute(scheduler);

        var device = (BlockDevice)scheduler.Device!;
        Assert.Equal("ilgpu-cpu", device.Name);
        Assert.IsType<MiniDask.Kernels.Accelerators.Ilgpu.IlgpuAccelerator>(device.Accelerator);
        Assert.True(device.Accelerator.HostToDeviceCopies >= x.BlockCount, "the blocks were uploaded to the device");
        var expected = (x + x.T).Sum().Compute(new LocalScheduler(2));
        Assert.Equal(expected, actual, Math.Abs(expected) * 1e-12);
    }

    protected override BlockDevice OpenDevice(long memoryLimitBytes) =>
        BlockDevice.Open("ilgpu-cpu", new ExecutionDeviceOptions { MemoryLimitBytes = memoryLimitBytes });
}

/// <summary>The device tests on a CUDA GPU; skipped, with the reason, where CUDA is unusable.</summary>
[Collection(GemmBackendCollection.Name)]
public sealed class CudaDeviceComputeTests : DeviceComputeTests, ICudaTests
{
    protected override double Tolerance => 1e-9;

    protected override BlockDevice OpenDevice(long memoryLimitBytes) =>
        BlockDevice.Open("cuda", new ExecutionDeviceOptions { MemoryLimitBytes = memoryLimitBytes });
}
