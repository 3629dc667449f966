using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace MiniDask.Kernels.Accelerators.Ilgpu;

/// <summary>An <see cref="IlgpuAccelerator"/> buffer: ILGPU device memory of the block's elements.</summary>
internal sealed class IlgpuDeviceBuffer<T> : DeviceBuffer<T>
    where T : unmanaged, INumber<T>
{
    private readonly IlgpuAccelerator owner;

    public IlgpuDeviceBuffer(IlgpuAccelerator accelerator, MemoryBuffer1D<T, Stride1D.Dense> memory, int[] shape)
        : base(accelerator, shape)
    {
        owner = accelerator;
        Memory = memory;
    }

    /// <summary>The device memory.</summary>
    public MemoryBuffer1D<T, Stride1D.Dense> Memory { get; }

    /// <summary>The device memory as a kernel argument.</summary>
    public ArrayView1D<T, Stride1D.Dense> View => Memory.View;

    protected override void DisposeInternal()
    {
        // Kernels enqueued on the buffer must finish before its memory goes back.
        owner.FinishBeforeFree();
        Memory.Dispose();
    }
}
