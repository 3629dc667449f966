using MiniDask.Kernels.Accelerators;
using MiniDask.Kernels.Accelerators.Ilgpu;

namespace MiniDask.Kernels.Tests.Accelerators;

public class AcceleratorContextTests
{
    [Fact]
    public void Discover_ListsTheHostCpuAndIlgpusCpuAccelerator()
    {
        var context = AcceleratorContext.Discover();

        Assert.Equal(AcceleratorKind.Cpu, context.SelectedDevice.Kind);
        Assert.Equal("cpu", context.Devices[0].Id);
        Assert.Contains(context.IlgpuDevices, d => d.Id == "ilgpu-cpu" && d.MemoryBytes > 0);
    }

    [Fact]
    public void Create_IlgpuCpu_OpensAnIlgpuAcceleratorWithTwoStreams()
    {
        var context = AcceleratorContext.Create("ILGPU-CPU");

        using var accelerator = context.CreateAccelerator();

        Assert.Equal(AcceleratorKind.IlgpuCpu, context.SelectedDevice.Kind);
        var ilgpu = Assert.IsType<IlgpuAccelerator>(accelerator);
        Assert.Equal(2, ilgpu.StreamCount);
        Assert.Equal("ilgpu-cpu", accelerator.Device.Id);
    }

    [Fact]
    public void Create_Cpu_IsTheHostAcceleratorAndKeepsTheCudaReason()
    {
        var context = AcceleratorContext.Create("cpu");

        using var accelerator = context.CreateAccelerator(debug: true);

        Assert.True(Assert.IsType<CpuAccelerator>(accelerator).IsDebug);
        Assert.Equal(context.CudaDevices.Count == 0, context.CudaUnavailableReason is not null);
    }

    [Fact]
    public void Create_UnknownName_ThrowsListingTheNames()
    {
        var e = Assert.Throws<ArgumentException>(() => AcceleratorContext.Create("tpu"));

        Assert.Contains("expected cpu, ilgpu-cpu, cuda, cuda:N, opencl or opencl:N", e.Message);
    }

    [Fact]
    public void Create_CudaOnThisMachine_EitherWorksOrSaysWhy()
    {
        var context = AcceleratorContext.Discover();
        if (context.CudaDevices.Count > 0)
        {
            Assert.Equal(AcceleratorKind.Cuda, AcceleratorContext.Create("cuda").SelectedDevice.Kind);
            return;
        }

        var e = Assert.Throws<AcceleratorUnavailableException>(() => AcceleratorContext.Create("cuda:0"));
        Assert.Contains("CUDA", e.Message);
        Assert.Contains(context.CudaUnavailableReason!, e.Reason);
    }

    [Fact]
    public void Create_OrdinalBeyondTheDevices_SaysHowManyWereFound()
    {
        var e = Assert.Throws<AcceleratorUnavailableException>(() => AcceleratorContext.Create("cuda:99"));

        Assert.Contains("CUDA", e.Message);
    }

    [Fact]
    public void Device_ToString_ShowsTheComputeCapabilityForCuda()
    {
        var gpu = new Device(AcceleratorKind.Cuda, 0, "Fake GPU", 80L << 30, (9, 0));

        Assert.Equal("cuda:0: Fake GPU, 80.0 GiB, compute capability 9.0", gpu.ToString());
        Assert.Equal("opencl:2", new Device(AcceleratorKind.OpenCL, 2, "cl", 1, (0, 0)).Id);
    }
}
