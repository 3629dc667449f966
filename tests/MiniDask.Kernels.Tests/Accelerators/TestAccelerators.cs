using MiniDask.Kernels.Accelerators;

namespace MiniDask.Kernels.Tests.Accelerators;

/// <summary>Accelerators for the concrete test classes.</summary>
internal static class TestAccelerators
{
    public static Accelerator Cuda() => AcceleratorContext.Create("cuda").CreateAccelerator();
}
