using System.Numerics;
using System.Runtime.CompilerServices;

namespace MiniDask.Kernels.Accelerators;

/// <summary>
/// A block's elements in an accelerator's memory, row-major, with the block's shape. The host
/// reads and writes it only through <see cref="CopyFromHost"/> and <see cref="CopyToHost"/>
/// (enqueued on the default stream) followed by <see cref="Accelerator.Synchronize"/>.
/// </summary>
/// <typeparam name="T">The element type: float or double.</typeparam>
public abstract class DeviceBuffer<T> : IDisposable
    where T : unmanaged, INumber<T>
{
    private int[] shape;

    /// <summary>Creates the buffer's bookkeeping; the accelerator has validated <paramref name="shape"/>.</summary>
    protected DeviceBuffer(Accelerator accelerator, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(shape);
        Accelerator = accelerator;
        this.shape = shape;
        Length = Shapes.ElementCount(shape);
    }

    /// <summary>The accelerator whose memory holds the buffer.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>The block's shape, outermost axis first.</summary>
    public ReadOnlySpan<int> Shape => shape;

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>The buffer's size in device memory.</summary>
    public long SizeInBytes => (long)Length * Unsafe.SizeOf<T>();

    /// <summary>Whether <see cref="Dispose()"/> has released the device memory.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>
    /// Enqueues a copy of <paramref name="source"/> into the buffer. The source is read before
    /// the call returns, so it may be reused at once.
    /// </summary>
    /// <exception cref="ArgumentException">The source length differs from <see cref="Length"/>.</exception>
    /// <exception cref="ObjectDisposedException">The buffer or its accelerator was disposed.</exception>
    public void CopyFromHost(ReadOnlySpan<T> source) => Accelerator.CopyFromHost(this, source);

    /// <summary>
    /// Enqueues a copy of the buffer into <paramref name="destination"/>, which holds the data
    /// only after <see cref="Accelerator.Synchronize"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The destination length differs from <see cref="Length"/>.</exception>
    /// <exception cref="ObjectDisposedException">The buffer or its accelerator was disposed.</exception>
    public void CopyToHost(Memory<T> destination) => Accelerator.CopyToHost(this, destination);

    /// <summary>
    /// The buffer's memory seen directly from the host, where the accelerator shares memory
    /// with it (the CPU accelerator in normal mode).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The memory is not host-visible (CUDA, or the CPU accelerator in debug mode): use
    /// <see cref="CopyToHost"/> and <see cref="Accelerator.Synchronize"/>.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The buffer or its accelerator was disposed.</exception>
    public Span<T> AsHostSpan() => Accelerator.AsHostSpan(this);

    /// <summary>Gives the buffer a new shape of the same element count; the memory is untouched.</summary>
    internal void Reshape(int[] newShape)
    {
        if (Shapes.ElementCount(newShape) != Length)
        {
            throw new ArgumentException($"{this} cannot be reshaped to {Shapes.Format(newShape)}: the element counts differ.", nameof(newShape));
        }

        shape = newShape;
    }

    /// <summary>Frees the device memory; later use of the buffer throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (IsDisposed)
        {
            return;
        }

        IsDisposed = true;
        Accelerator.OnBufferFreed(SizeInBytes);
        DisposeInternal();
        GC.SuppressFinalize(this);
    }

    /// <summary>Describes the buffer: element type, shape and accelerator.</summary>
    public override string ToString() => $"{DTypes.NameOf<T>()} buffer {Shapes.Format(shape)} on {Accelerator.Device.Id}";

    /// <summary>Frees the device memory; called once.</summary>
    protected abstract void DisposeInternal();
}
