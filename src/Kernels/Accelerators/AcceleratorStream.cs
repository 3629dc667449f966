namespace MiniDask.Kernels.Accelerators;

/// <summary>
/// An ordered queue of device work. Copies and kernels enqueued on a stream run in order;
/// their results, including host destinations of <see cref="DeviceBuffer{T}.CopyToHost"/>,
/// are only visible after <see cref="Synchronize"/>.
/// </summary>
public abstract class AcceleratorStream
{
    /// <summary>Creates a stream of <paramref name="accelerator"/>.</summary>
    protected AcceleratorStream(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        Accelerator = accelerator;
    }

    /// <summary>The accelerator the stream belongs to.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>Waits until all work enqueued so far has finished and its results are visible on the host.</summary>
    /// <exception cref="ObjectDisposedException">The accelerator was disposed.</exception>
    public void Synchronize()
    {
        Accelerator.ThrowIfDisposed();
        SynchronizeInternal();
    }

    /// <summary>Waits for the enqueued work; the accelerator is known to be alive.</summary>
    protected abstract void SynchronizeInternal();
}
