namespace MiniDask.Kernels.Accelerators.Cuda;

/// <summary>A CUDA stream (<c>CUstream</c>) of a <see cref="CudaAccelerator"/>.</summary>
internal sealed class CudaStream(CudaAccelerator accelerator) : AcceleratorStream(accelerator)
{
    protected override void SynchronizeInternal() => accelerator.SynchronizeStream();
}
