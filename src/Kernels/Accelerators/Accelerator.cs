using System.Numerics;

namespace MiniDask.Kernels.Accelerators;

/// <summary>
/// A device that runs block math on buffers in its own memory: GEMM, elementwise ops and
/// reductions, enqueued in order on <see cref="DefaultStream"/> and finished by
/// <see cref="Synchronize"/>. Public methods validate their arguments and then call a
/// protected <c>*Internal</c> method that a backend implements; the element type is float or double.
/// </summary>
public abstract partial class Accelerator : IDisposable
{
    private long hostToDeviceCopies;
    private long deviceToHostCopies;
    private long hostToDeviceBytes;
    private long deviceToHostBytes;
    private long allocatedBytes;

    /// <summary>Creates the accelerator's bookkeeping for <paramref name="device"/>.</summary>
    protected Accelerator(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        Device = device;
    }

    /// <summary>The device the accelerator runs on.</summary>
    public Device Device { get; }

    /// <summary>The stream every operation is enqueued on.</summary>
    public abstract AcceleratorStream DefaultStream { get; }

    /// <summary>Whether <see cref="Dispose()"/> was called.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>How many host-to-device copies were enqueued.</summary>
    public long HostToDeviceCopies => Interlocked.Read(ref hostToDeviceCopies);

    /// <summary>How many device-to-host copies were enqueued.</summary>
    public long DeviceToHostCopies => Interlocked.Read(ref deviceToHostCopies);

    /// <summary>The bytes of all host-to-device copies enqueued.</summary>
    public long HostToDeviceBytes => Interlocked.Read(ref hostToDeviceBytes);

    /// <summary>The bytes of all device-to-host copies enqueued.</summary>
    public long DeviceToHostBytes => Interlocked.Read(ref deviceToHostBytes);

    /// <summary>The bytes of device memory held by buffers that are not disposed.</summary>
    public long AllocatedBytes => Interlocked.Read(ref allocatedBytes);

    /// <summary>Allocates a buffer of <paramref name="shape"/>; its contents are undefined until written.</summary>
    /// <exception cref="ArgumentException">A dimension is negative or the shape is too large.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not float or double.</exception>
    /// <exception cref="ObjectDisposedException">The accelerator was disposed.</exception>
    public DeviceBuffer<T> Allocate<T>(params ReadOnlySpan<int> shape)
        where T : unmanaged, INumber<T>
    {
        ThrowIfDisposed();
        ThrowIfUnsupported<T>();
        var copy = shape.ToArray();
        var buffer = AllocateInternal<T>(copy);
        Interlocked.Add(ref allocatedBytes, buffer.SizeInBytes);
        return buffer;
    }

    /// <summary>Waits until all enqueued work has finished and its results are visible on the host.</summary>
    /// <exception cref="ObjectDisposedException">The accelerator was disposed.</exception>
    public void Synchronize() => DefaultStream.Synchronize();

    /// <summary>
    /// Enqueues <c>c = a · b</c>, or <c>c += a · b</c> when <paramref name="accumulate"/>, for
    /// row-major 2-D buffers of shapes <c>(m, k)</c>, <c>(k, n)</c> and <c>(m, n)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not fit <c>(m, k) · (k, n) → (m, n)</c>, or <paramref name="c"/> is an operand.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void Gemm<T>(DeviceBuffer<T> a, DeviceBuffer<T> b, DeviceBuffer<T> c, bool accumulate = false)
        where T : unmanaged, INumber<T>
    {
        ThrowIfForeign(a, nameof(a));
        ThrowIfForeign(b, nameof(b));
        ThrowIfForeign(c, nameof(c));
        if (a.Shape.Length != 2 || b.Shape.Length != 2 || c.Shape.Length != 2
            || a.Shape[1] != b.Shape[0] || c.Shape[0] != a.Shape[0] || c.Shape[1] != b.Shape[1])
        {
            throw new ArgumentException(
                $"GEMM needs 2-D buffers (m, k) · (k, n) → (m, n); got {Shapes.Format(a.Shape)} · {Shapes.Format(b.Shape)} → {Shapes.Format(c.Shape)}.");
        }

        if (ReferenceEquals(c, a) || ReferenceEquals(c, b))
        {
            throw new ArgumentException("The GEMM result buffer must not be one of its operands.", nameof(c));
        }

        GemmInternal(a, b, c, a.Shape[0], b.Shape[1], a.Shape[1], accumulate);
    }

    /// <summary>Enqueues <paramref name="op"/> on each element of <paramref name="x"/> into <paramref name="result"/> (which may be <paramref name="x"/>).</summary>
    /// <exception cref="ArgumentException">The buffers' lengths differ, or the op is unknown.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void Unary<T>(UnaryOp op, DeviceBuffer<T> x, DeviceBuffer<T> result)
        where T : unmanaged, INumber<T>
    {
        ThrowIfUndefined(op);
        ThrowIfForeign(x, nameof(x));
        ThrowIfForeign(result, nameof(result));
        ThrowIfLengthsDiffer(x, result, nameof(result));
        UnaryInternal(op, x, result);
    }

    /// <summary>Enqueues <paramref name="op"/> on matching elements of <paramref name="x"/> and <paramref name="y"/> into <paramref name="result"/>.</summary>
    /// <exception cref="ArgumentException">The buffers' lengths differ, or the op is unknown.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void Binary<T>(BinaryOp op, DeviceBuffer<T> x, DeviceBuffer<T> y, DeviceBuffer<T> result)
        where T : unmanaged, INumber<T>
    {
        ThrowIfUndefined(op);
        ThrowIfForeign(x, nameof(x));
        ThrowIfForeign(y, nameof(y));
        ThrowIfForeign(result, nameof(result));
        ThrowIfLengthsDiffer(x, y, nameof(y));
        ThrowIfLengthsDiffer(x, result, nameof(result));
        BinaryInternal(op, x, y, result);
    }

    /// <summary>Enqueues <c>result = alpha · x + beta</c> elementwise (<paramref name="result"/> may be <paramref name="x"/>).</summary>
    /// <exception cref="ArgumentException">The buffers' lengths differ.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void ScaleAdd<T>(DeviceBuffer<T> x, T alpha, T beta, DeviceBuffer<T> result)
        where T : unmanaged, INumber<T>
    {
        ThrowIfForeign(x, nameof(x));
        ThrowIfForeign(result, nameof(result));
        ThrowIfLengthsDiffer(x, result, nameof(result));
        ScaleAddInternal(x, alpha, beta, result);
    }

    /// <summary>Enqueues <paramref name="op"/> over every element of <paramref name="x"/> into the one-element <paramref name="result"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="result"/> does not hold one element, <paramref name="x"/> is empty for min or max, or the op is unknown.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void Reduce<T>(ReductionOp op, DeviceBuffer<T> x, DeviceBuffer<T> result)
        where T : unmanaged, INumber<T>
    {
        ThrowIfUndefined(op);
        ThrowIfForeign(x, nameof(x));
        ThrowIfForeign(result, nameof(result));
        if (result.Length != 1)
        {
            throw new ArgumentException($"A {op} over all elements writes one element, but the result buffer has shape {Shapes.Format(result.Shape)}.", nameof(result));
        }

        ThrowIfEmptyWithoutIdentity(op, x.Length, x);
        ReduceInternal(op, x, result);
    }

    /// <summary>
    /// Enqueues <paramref name="op"/> along <paramref name="axis"/> (0, 1, or -1 / -2 from the
    /// end) of the 2-D buffer <paramref name="x"/> of shape <c>(rows, cols)</c>; the result
    /// holds <c>cols</c> elements for axis 0 and <c>rows</c> for axis 1.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is not 2-D, the result length is wrong, a reduced axis is empty for min or max, or the op is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-2, 2)</c>.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void Reduce<T>(ReductionOp op, DeviceBuffer<T> x, int axis, DeviceBuffer<T> result)
        where T : unmanaged, INumber<T>
    {
        ThrowIfUndefined(op);
        ThrowIfForeign(x, nameof(x));
        ThrowIfForeign(result, nameof(result));
        var (rows, cols, normalized) = CheckAxis(x, axis);
        var expected = normalized == 0 ? cols : rows;
        if (result.Length != expected)
        {
            throw new ArgumentException(
                $"A {op} along axis {axis} of {Shapes.Format(x.Shape)} writes {expected} elements, but the result buffer has shape {Shapes.Format(result.Shape)}.", nameof(result));
        }

        ThrowIfEmptyWithoutIdentity(op, normalized == 0 ? rows : cols, x);
        ReduceAxisInternal(op, x, rows, cols, normalized, result);
    }

    /// <summary>Waits for pending work, then releases the device; buffers must not be used afterwards.</summary>
    public void Dispose()
    {
        if (IsDisposed)
        {
            return;
        }

        DisposeInternal();
        IsDisposed = true;
        GC.SuppressFinalize(this);
    }

    /// <summary>Describes the accelerator by its device.</summary>
    public override string ToString() => $"{GetType().Name} on {Device}";

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(IsDisposed, this);

    internal void CopyFromHost<T>(DeviceBuffer<T> buffer, ReadOnlySpan<T> source)
        where T : unmanaged, INumber<T>
    {
        ThrowIfForeign(buffer, nameof(buffer));
        if (source.Length != buffer.Length)
        {
            throw new ArgumentException($"Cannot copy {source.Length} host elements into {buffer} ({buffer.Length} elements).", nameof(source));
        }

        Interlocked.Increment(ref hostToDeviceCopies);
        Interlocked.Add(ref hostToDeviceBytes, buffer.SizeInBytes);
        CopyFromHostInternal(buffer, source);
    }

    internal void CopyToHost<T>(DeviceBuffer<T> buffer, Memory<T> destination)
        where T : unmanaged, INumber<T>
    {
        ThrowIfForeign(buffer, nameof(buffer));
        if (destination.Length != buffer.Length)
        {
            throw new ArgumentException($"Cannot copy {buffer} ({buffer.Length} elements) into {destination.Length} host elements.", nameof(destination));
        }

        Interlocked.Increment(ref deviceToHostCopies);
        Interlocked.Add(ref deviceToHostBytes, buffer.SizeInBytes);
        CopyToHostInternal(buffer, destination);
    }

    internal Span<T> AsHostSpan<T>(DeviceBuffer<T> buffer)
        where T : unmanaged, INumber<T>
    {
        ThrowIfForeign(buffer, nameof(buffer));
        return AsHostSpanInternal(buffer);
    }

    internal void OnBufferFreed(long bytes) => Interlocked.Add(ref allocatedBytes, -bytes);

    /// <summary>Allocates a buffer of the validated <paramref name="shape"/>.</summary>
    protected abstract DeviceBuffer<T> AllocateInternal<T>(int[] shape)
        where T : unmanaged, INumber<T>;

    /// <summary>Enqueues a host-to-device copy; <paramref name="source"/> must be read before returning.</summary>
    protected abstract void CopyFromHostInternal<T>(DeviceBuffer<T> buffer, ReadOnlySpan<T> source)
        where T : unmanaged, INumber<T>;

    /// <summary>Enqueues a device-to-host copy that lands in <paramref name="destination"/> by the next synchronize.</summary>
    protected abstract void CopyToHostInternal<T>(DeviceBuffer<T> buffer, Memory<T> destination)
        where T : unmanaged, INumber<T>;

    /// <summary>The buffer's memory as a host span; by default device memory is not host-visible.</summary>
    /// <exception cref="InvalidOperationException">The memory is not host-visible.</exception>
    protected virtual Span<T> AsHostSpanInternal<T>(DeviceBuffer<T> buffer)
        where T : unmanaged, INumber<T> =>
        throw new InvalidOperationException(
            $"{buffer} is in device memory, which the host cannot read directly; copy it with CopyToHost and call Synchronize.");

    /// <summary>Enqueues the row-major GEMM of validated shapes <c>(m, k) · (k, n) → (m, n)</c>.</summary>
    protected abstract void GemmInternal<T>(DeviceBuffer<T> a, DeviceBuffer<T> b, DeviceBuffer<T> c, int m, int n, int k, bool accumulate)
        where T : unmanaged, INumber<T>;

    /// <summary>Enqueues a validated elementwise function of one operand.</summary>
    protected abstract void UnaryInternal<T>(UnaryOp op, DeviceBuffer<T> x, DeviceBuffer<T> result)
        where T : unmanaged, INumber<T>;

    /// <summary>Enqueues a validated elementwise function of two operands.</summary>
    protected abstract void BinaryInternal<T>(BinaryOp op, DeviceBuffer<T> x, DeviceBuffer<T> y, DeviceBuffer<T> result)
        where T : unmanaged, INumber<T>;

    /// <summary>Enqueues a validated <c>alpha · x + beta</c>.</summary>
    protected abstract void ScaleAddInternal<T>(DeviceBuffer<T> x, T alpha, T beta, DeviceBuffer<T> result)
        where T : unmanaged, INumber<T>;

    /// <summary>Enqueues a validated reduction over all elements into one element.</summary>
    protected abstract void ReduceInternal<T>(ReductionOp op, DeviceBuffer<T> x, DeviceBuffer<T> result)
        where T : unmanaged, INumber<T>;

    /// <summary>Enqueues a validated reduction along <paramref name="axis"/> (0 or 1) of a <c>(rows, cols)</c> buffer.</summary>
    protected abstract void ReduceAxisInternal<T>(ReductionOp op, DeviceBuffer<T> x, int rows, int cols, int axis, DeviceBuffer<T> result)
        where T : unmanaged, INumber<T>;

    /// <summary>Waits for pending work and releases the device's resources; called once.</summary>
    protected abstract void DisposeInternal();
}
