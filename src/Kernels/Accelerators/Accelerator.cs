using System.Numerics;

namespace MiniDask.Kernels.Accelerators;

/// <summary>
/// A device that runs block math on buffers in its own memory, enqueued in order and finished by
/// <see cref="Synchronize"/>. Every op is generic over the operator struct that defines it (the
/// same <see cref="IUnaryOperator{T}"/>, <see cref="IBinaryOperator{T}"/>,
/// <see cref="IComparisonOperator{T}"/> and <see cref="IReductionOperator{T}"/> the host block
/// math uses), so an op is written once for the host and every device. Public methods validate
/// their arguments and then call a protected <c>*Internal</c> method that a backend implements:
/// <see cref="CpuAccelerator"/> (the host's own SIMD drivers and BLAS) and
/// <see cref="Ilgpu.IlgpuAccelerator"/> (ILGPU kernels on its CPU emulation, CUDA or OpenCL).
/// </summary>
public abstract partial class Accelerator : IDisposable
{
    private long hostToDeviceCopies;
    private long deviceToHostCopies;
    private long hostToDeviceBytes;
    private long deviceToHostBytes;
    private long allocatedBytes;
    private long peakAllocatedBytes;

    /// <summary>Creates the accelerator's bookkeeping for <paramref name="device"/>.</summary>
    protected Accelerator(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        Device = device;
    }

    /// <summary>The device the accelerator runs on.</summary>
    public Device Device { get; }

    /// <summary>The stream kernels are enqueued on.</summary>
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

    /// <summary>The most bytes of device memory held at once since the accelerator was created or <see cref="ResetPeakAllocatedBytes"/>.</summary>
    public long PeakAllocatedBytes => Interlocked.Read(ref peakAllocatedBytes);

    /// <summary>Starts <see cref="PeakAllocatedBytes"/> again from the bytes held now.</summary>
    public void ResetPeakAllocatedBytes() => Interlocked.Exchange(ref peakAllocatedBytes, AllocatedBytes);

    /// <summary>Allocates a buffer of <paramref name="shape"/>; its contents are undefined until written.</summary>
    /// <exception cref="ArgumentException">A dimension is negative or the shape is too large.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not float64, float32, int32, int64 or bool.</exception>
    /// <exception cref="ObjectDisposedException">The accelerator was disposed.</exception>
    public DeviceBuffer<T> Allocate<T>(params ReadOnlySpan<int> shape)
        where T : unmanaged, INumber<T>
    {
        ThrowIfDisposed();
        ThrowIfUnsupported<T>();
        var copy = shape.ToArray();
        Shapes.ElementCount(copy);
        var buffer = AllocateInternal<T>(copy);
        var now = Interlocked.Add(ref allocatedBytes, buffer.SizeInBytes);
        for (var peak = PeakAllocatedBytes; now > peak && Interlocked.CompareExchange(ref peakAllocatedBytes, now, peak) != peak; peak = PeakAllocatedBytes)
        {
        }

        return buffer;
    }

    /// <summary>Waits until all enqueued work has finished and its results are visible on the host.</summary>
    /// <exception cref="ObjectDisposedException">The accelerator was disposed.</exception>
    public void Synchronize() => DefaultStream.Synchronize();

    /// <summary>
    /// Enqueues <c>c = a · b</c>, or <c>c += a · b</c> when <paramref name="accumulate"/>, for
    /// row-major 2-D float or double buffers of shapes <c>(m, k)</c>, <c>(k, n)</c> and <c>(m, n)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not fit <c>(m, k) · (k, n) → (m, n)</c>, or <paramref name="c"/> is an operand.</exception>
    /// <exception cref="NotSupportedException">The element type is not float or double.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void Gemm<T>(DeviceBuffer<T> a, DeviceBuffer<T> b, DeviceBuffer<T> c, bool accumulate = false)
        where T : unmanaged, INumber<T>
    {
        ThrowIfForeign(a, nameof(a));
        ThrowIfForeign(b, nameof(b));
        ThrowIfForeign(c, nameof(c));
        ThrowIfNotFloat<T>("GEMM");
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

    /// <summary>Enqueues <typeparamref name="TOp"/> on each element of <paramref name="x"/> into <paramref name="result"/> (which may be <paramref name="x"/>).</summary>
    /// <exception cref="ArgumentException">The buffers' shapes differ.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void Unary<TOp, T>(DeviceBuffer<T> x, DeviceBuffer<T> result)
        where TOp : IUnaryOperator<T>
        where T : unmanaged, INumber<T>
    {
        ThrowIfForeign(x, nameof(x));
        ThrowIfForeign(result, nameof(result));
        ThrowIfShapeDiffers(x.Shape, result, TOp.Name);
        UnaryInternal<TOp, T>(x, result);
    }

    /// <summary>
    /// Enqueues <typeparamref name="TOp"/> on the elements of <paramref name="x"/> and
    /// <paramref name="y"/> broadcast together as NumPy does (a one-element buffer acts as a
    /// scalar), into <paramref name="result"/> of the broadcast shape (which may be an operand of that shape).
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or the result does not have the broadcast shape.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void Binary<TOp, T>(DeviceBuffer<T> x, DeviceBuffer<T> y, DeviceBuffer<T> result)
        where TOp : IBinaryOperator<T>
        where T : unmanaged, INumber<T>
    {
        ThrowIfForeign(x, nameof(x));
        ThrowIfForeign(y, nameof(y));
        ThrowIfForeign(result, nameof(result));
        ThrowIfShapeDiffers(Shapes.Broadcast(x.Shape, y.Shape), result, typeof(TOp).Name);
        BinaryInternal<TOp, T>(x, y, result);
    }

    /// <summary>Enqueues the comparison <typeparamref name="TOp"/> of <paramref name="x"/> and <paramref name="y"/>, broadcast together, into the boolean <paramref name="result"/>.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or the result does not have the broadcast shape.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void Compare<TOp, T>(DeviceBuffer<T> x, DeviceBuffer<T> y, DeviceBuffer<Bool> result)
        where TOp : IComparisonOperator<T>
        where T : unmanaged, INumber<T>
    {
        ThrowIfForeign(x, nameof(x));
        ThrowIfForeign(y, nameof(y));
        ThrowIfForeign(result, nameof(result));
        ThrowIfShapeDiffers(Shapes.Broadcast(x.Shape, y.Shape), result, TOp.Name);
        CompareInternal<TOp, T>(x, y, result);
    }

    /// <summary>Enqueues NumPy's <c>where(condition, x, y)</c>: elements of <paramref name="x"/> where the condition holds, of <paramref name="y"/> elsewhere, all three broadcast together.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or the result does not have the broadcast shape.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void Where<T>(DeviceBuffer<Bool> condition, DeviceBuffer<T> x, DeviceBuffer<T> y, DeviceBuffer<T> result)
        where T : unmanaged, INumber<T>
    {
        ThrowIfForeign(condition, nameof(condition));
        ThrowIfForeign(x, nameof(x));
        ThrowIfForeign(y, nameof(y));
        ThrowIfForeign(result, nameof(result));
        ThrowIfShapeDiffers(Shapes.Broadcast(condition.Shape, Shapes.Broadcast(x.Shape, y.Shape)), result, "where");
        WhereInternal(condition, x, y, result);
    }

    /// <summary>Enqueues <c>result = alpha · x + beta</c> elementwise (<paramref name="result"/> may be <paramref name="x"/>).</summary>
    /// <exception cref="ArgumentException">The buffers' shapes differ.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void ScaleAdd<T>(DeviceBuffer<T> x, T alpha, T beta, DeviceBuffer<T> result)
        where T : unmanaged, INumber<T>
    {
        ThrowIfForeign(x, nameof(x));
        ThrowIfForeign(result, nameof(result));
        ThrowIfShapeDiffers(x.Shape, result, "scale-add");
        ScaleAddInternal(x, alpha, beta, result);
    }

    /// <summary>Enqueues the conversion of each element of <paramref name="x"/> to <typeparamref name="TTo"/> (as C#'s cast: toward zero, saturating), into <paramref name="result"/>.</summary>
    /// <exception cref="ArgumentException">The buffers' shapes differ.</exception>
    /// <exception cref="NotSupportedException">The pair of types is not among float64, float32, int32 and int64.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void Cast<TFrom, TTo>(DeviceBuffer<TFrom> x, DeviceBuffer<TTo> result)
        where TFrom : unmanaged, INumber<TFrom>
        where TTo : unmanaged, INumber<TTo>
    {
        ThrowIfForeign(x, nameof(x));
        ThrowIfForeign(result, nameof(result));
        ThrowIfShapeDiffers(x.Shape, result, "cast");
        CastInternal(x, result);
    }

    /// <summary>
    /// Enqueues <typeparamref name="TOp"/> over <paramref name="axes"/> of <paramref name="x"/>
    /// (all of them when null) into <paramref name="result"/>, which holds the kept axes' elements
    /// (any shape of that count, such as the reduced axes kept with size 1). An empty extent gives
    /// the op's identity, or fails for an op without one.
    /// </summary>
    /// <exception cref="ArgumentException">An axis repeats, the result holds another number of elements, or an empty extent has no identity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void Reduce<TOp, T>(DeviceBuffer<T> x, int[]? axes, DeviceBuffer<T> result)
        where TOp : IReductionOperator<T>
        where T : unmanaged, INumber<T>
    {
        ThrowIfForeign(x, nameof(x));
        ThrowIfForeign(result, nameof(result));
        var plan = ReductionPlan.Create(x.Shape, axes);
        ThrowIfCountDiffers(plan.Outputs, result, TOp.Name);
        if (plan.Reduced == 0 && plan.Outputs > 0)
        {
            FillInternal(result, IdentityOf<TOp, T>(x));
            return;
        }

        ReduceInternal<TOp, T>(x, plan, result);
    }

    /// <summary>
    /// Enqueues NumPy's <c>argmax</c> (<paramref name="max"/>) or <c>argmin</c> along
    /// <paramref name="axis"/> (over all elements, row-major, when null): the index of the extreme
    /// element into <paramref name="indices"/>; NaN counts as the extreme and ties go to the first.
    /// </summary>
    /// <exception cref="ArgumentException">The result holds another number of elements, or the reduced extent is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void ArgExtreme<T>(DeviceBuffer<T> x, int? axis, bool max, DeviceBuffer<long> indices)
        where T : unmanaged, INumber<T>
    {
        ThrowIfForeign(x, nameof(x));
        ThrowIfForeign(indices, nameof(indices));
        var plan = ReductionPlan.Create(x.Shape, axis is { } a ? [a] : null);
        var name = max ? "argmax" : "argmin";
        ThrowIfCountDiffers(plan.Outputs, indices, name);
        if (plan.Reduced == 0 && plan.Outputs > 0)
        {
            throw new ArgumentException($"attempt to get {name} of an empty sequence (shape {Shapes.Format(x.Shape)}).", nameof(x));
        }

        ArgExtremeInternal(x, plan, max, indices);
    }

    /// <summary>
    /// Enqueues the running <typeparamref name="TOp"/> along <paramref name="axis"/> (cumulative
    /// sum with <see cref="SumOperator{T}"/>, product with <see cref="ProductOperator{T}"/>) into
    /// <paramref name="result"/> of <paramref name="x"/>'s shape.
    /// </summary>
    /// <exception cref="ArgumentException">The buffers' shapes differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void Cumulative<TOp, T>(DeviceBuffer<T> x, int axis, DeviceBuffer<T> result)
        where TOp : IReductionOperator<T>
        where T : unmanaged, INumber<T>
    {
        ThrowIfForeign(x, nameof(x));
        ThrowIfForeign(result, nameof(result));
        ThrowIfShapeDiffers(x.Shape, result, "cumulative " + TOp.Name);
        var normalized = Shapes.NormalizeAxis(axis, x.Shape.Length);
        if (x.Length > 0)
        {
            CumulativeInternal<TOp, T>(x, normalized, result);
        }
    }

    /// <summary>
    /// Enqueues uniform float64 values in <c>[0, 1)</c>: element <c>i</c> is
    /// <see cref="DeviceRandom.Uniform"/> of <paramref name="seed"/> and <c>i</c>, so a block
    /// has the same values on every accelerator, the host included.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The buffer or the accelerator was disposed.</exception>
    public void FillUniform(DeviceBuffer<double> result, ulong seed)
    {
        ThrowIfForeign(result, nameof(result));
        FillUniformInternal(result, seed);
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
}
