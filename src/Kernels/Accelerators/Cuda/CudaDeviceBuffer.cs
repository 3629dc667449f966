using System.Numerics;

namespace MiniDask.Kernels.Accelerators.Cuda;

/// <summary>A <see cref="CudaAccelerator"/> buffer: a <c>CUdeviceptr</c> from <c>cuMemAlloc_v2</c> (zero for an empty buffer).</summary>
internal sealed class CudaDeviceBuffer<T> : DeviceBuffer<T>
    where T : unmanaged, INumber<T>
{
    private readonly CudaAccelerator owner;

    public CudaDeviceBuffer(CudaAccelerator accelerator, int[] shape, ulong pointer)
        : base(accelerator, shape)
    {
        owner = accelerator;
        Pointer = pointer;
    }

    /// <summary>The device address.</summary>
    public ulong Pointer { get; }

    // Disposing the accelerator releases its context and with it all device memory.
    protected override void DisposeInternal()
    {
        if (!owner.IsDisposed)
        {
            owner.Free(Pointer);
        }
    }
}
