using System.Numerics;

namespace MiniDask.Kernels.Accelerators;

/// <summary>A <see cref="CpuAccelerator"/> buffer: a managed array standing in for device memory.</summary>
internal sealed class CpuDeviceBuffer<T> : DeviceBuffer<T>
    where T : unmanaged, INumber<T>
{
    public CpuDeviceBuffer(CpuAccelerator accelerator, int[] shape)
        : base(accelerator, shape)
    {
        Storage = GC.AllocateUninitializedArray<T>(Length);
    }

    /// <summary>The elements; reached only by the accelerator's queued work (or the host in normal mode).</summary>
    public T[] Storage { get; }

    protected override void DisposeInternal()
    {
    }
}
