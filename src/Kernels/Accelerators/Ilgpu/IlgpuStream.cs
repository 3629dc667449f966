namespace MiniDask.Kernels.Accelerators.Ilgpu;

/// <summary>
/// The stream of an <see cref="IlgpuAccelerator"/> as the accelerator seam sees it: synchronizing
/// it waits for both ILGPU streams, uploads and kernels.
/// </summary>
internal sealed class IlgpuStream(IlgpuAccelerator accelerator) : AcceleratorStream(accelerator)
{
    protected override void SynchronizeInternal() => accelerator.SynchronizeStreams();
}
