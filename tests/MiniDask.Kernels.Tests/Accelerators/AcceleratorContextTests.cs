using MiniDask.Kernels.Accelerators;
using MiniDask.Kernels.Accelerators.Cuda;

namespace MiniDask.Kernels.Tests.Accelerators;

public class AcceleratorContextTests
{
    private static readonly Device Cpu = new(AcceleratorKind.Cpu, 0, "CPU", 1 << 30, (0, 0));
    private static readonly Device Gpu = new(AcceleratorKind.Cuda, 0, "Fake GPU", 80L << 30, (9, 0));

    [Fact]
    public void Select_CudaWithoutDriver_ThrowsNamingTheMissingLibrary()
    {
        var e = Assert.Throws<AcceleratorUnavailableException>(() =>
            AcceleratorContext.Select("cuda", Cpu, () => new CudaProbe([], "libcuda.so.1 not found"), Unexpected));

        Assert.Equal("libcuda.so.1 not found", e.Reason);
        Assert.Equal("Device 'cuda' is not available: libcuda.so.1 not found", e.Message);
    }

    [Fact]
    public void Select_OrdinalBeyondTheDevices_SaysHowManyWereFound()
    {
        var e = Assert.Throws<AcceleratorUnavailableException>(() =>
            AcceleratorContext.Select("cuda:3", Cpu, () => new CudaProbe([Gpu], null), Unexpected));

        Assert.Contains("no CUDA device with ordinal 3 (found 1)", e.Message);
    }

    [Fact]
    public void Select_UnknownName_ThrowsArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() => AcceleratorContext.Select("tpu", Cpu, () => new CudaProbe([], "none"), Unexpected));

        Assert.Contains("expected cpu, cuda or cuda:N", e.Message);
    }

    [Fact]
    public void Select_Cpu_KeepsTheCudaReasonForReports()
    {
        var context = AcceleratorContext.Select("CPU", Cpu, () => new CudaProbe([], "libcuda.so.1 not found"), Unexpected);

        Assert.Equal(Cpu, context.SelectedDevice);
        Assert.Equal("libcuda.so.1 not found", context.CudaUnavailableReason);
        using var accelerator = context.CreateAccelerator(debug: true);
        Assert.True(((CpuAccelerator)accelerator).IsDebug);
    }

    [Fact]
    public void Select_CudaFound_CreatesTheAcceleratorThroughTheCudaFactory()
    {
        Device? created = null;
        var context = AcceleratorContext.Select("cuda", Cpu, () => new CudaProbe([Gpu], null), (device, _) =>
        {
            created = device;
            return new CpuAccelerator();
        });

        using var accelerator = context.CreateAccelerator();

        Assert.Equal(Gpu, created);
        Assert.Equal([Cpu, Gpu], context.Devices);
        Assert.Equal("cuda:0", context.SelectedDevice.Id);
    }

    [Fact]
    public void Create_CudaOnThisMachine_EitherWorksOrSaysWhy()
    {
        var probe = CudaDevices.Current;
        if (probe.Devices.Count > 0)
        {
            Assert.Equal(AcceleratorKind.Cuda, AcceleratorContext.Create("cuda").SelectedDevice.Kind);
            return;
        }

        var e = Assert.Throws<AcceleratorUnavailableException>(() => AcceleratorContext.Create("cuda"));
        Assert.False(string.IsNullOrWhiteSpace(e.Reason));
        Assert.Equal(probe.UnavailableReason, e.Reason);
    }

    [Fact]
    public void Device_ToString_ShowsTheSmTargetForCuda()
    {
        Assert.Equal("cuda:0: Fake GPU, 80.0 GiB, sm_90", Gpu.ToString());
    }

    private static Accelerator Unexpected(Device device, bool debug) => throw new InvalidOperationException("No CUDA accelerator should be created.");
}
