using System.Numerics;

namespace MiniDask.Kernels.Accelerators;

/// <summary>
/// Block math on the host's cores. In normal mode every operation runs when it is called and
/// buffers are host memory (<see cref="DeviceBuffer{T}.AsHostSpan"/> works). In debug mode it
/// emulates a device so that code which would fail on a GPU fails here too: buffers cannot be
/// read from the host, new buffers hold NaN until written, and copies and kernels are queued
/// and only run at <see cref="Accelerator.Synchronize"/>, so a missing copy or synchronize
/// shows up as wrong results or an exception in CI.
/// </summary>
public sealed class CpuAccelerator : Accelerator
{
    private readonly CpuStream stream;

    /// <summary>Creates a CPU accelerator, emulating device semantics when <paramref name="debug"/> is true.</summary>
    public CpuAccelerator(bool debug = false)
        : this(AcceleratorContext.CpuDevice(), debug)
    {
    }

    internal CpuAccelerator(Device device, bool debug)
        : base(device)
    {
        IsDebug = debug;
        stream = new CpuStream(this, deferred: debug);
    }

    /// <summary>Whether the accelerator emulates a device (deferred work, no host access to buffers).</summary>
    public bool IsDebug { get; }

    /// <inheritdoc />
    public override AcceleratorStream DefaultStream => stream;

    /// <summary>How many operations are queued and not yet run (always 0 in normal mode).</summary>
    public int PendingOperations => stream.Pending;

    /// <inheritdoc />
    protected override DeviceBuffer<T> AllocateInternal<T>(int[] shape)
    {
        var buffer = new CpuDeviceBuffer<T>(this, shape);
        if (IsDebug)
        {
            buffer.Storage.AsSpan().Fill(T.CreateTruncating(double.NaN));
        }

        return buffer;
    }

    /// <inheritdoc />
    protected override void CopyFromHostInternal<T>(DeviceBuffer<T> buffer, ReadOnlySpan<T> source)
    {
        var target = Storage(buffer);
        if (!IsDebug)
        {
            source.CopyTo(target);
            return;
        }

        var snapshot = source.ToArray();
        stream.Run(() => snapshot.CopyTo(target, 0));
    }

    /// <inheritdoc />
    protected override void CopyToHostInternal<T>(DeviceBuffer<T> buffer, Memory<T> destination)
    {
        var source = Storage(buffer);
        stream.Run(() => source.CopyTo(destination));
    }

    /// <inheritdoc />
    protected override Span<T> AsHostSpanInternal<T>(DeviceBuffer<T> buffer) => IsDebug
        ? throw new InvalidOperationException(
            $"{buffer} is in (emulated) device memory and the CPU accelerator is in debug mode; copy it with CopyToHost and call Synchronize.")
        : Storage(buffer);

    /// <inheritdoc />
    protected override void GemmInternal<T>(DeviceBuffer<T> a, DeviceBuffer<T> b, DeviceBuffer<T> c, int m, int n, int k, bool accumulate)
    {
        var (sa, sb, sc) = (Storage(a), Storage(b), Storage(c));
        stream.Run(() => CpuKernels.Gemm<T>(sa, sb, sc, m, n, k, accumulate));
    }

    /// <inheritdoc />
    protected override void UnaryInternal<T>(UnaryOp op, DeviceBuffer<T> x, DeviceBuffer<T> result)
    {
        var (sx, sr) = (Storage(x), Storage(result));
        stream.Run(() => CpuKernels.Unary<T>(op, sx, sr));
    }

    /// <inheritdoc />
    protected override void BinaryInternal<T>(BinaryOp op, DeviceBuffer<T> x, DeviceBuffer<T> y, DeviceBuffer<T> result)
    {
        var (sx, sy, sr) = (Storage(x), Storage(y), Storage(result));
        stream.Run(() => CpuKernels.Binary<T>(op, sx, sy, sr));
    }

    /// <inheritdoc />
    protected override void ScaleAddInternal<T>(DeviceBuffer<T> x, T alpha, T beta, DeviceBuffer<T> result)
    {
        var (sx, sr) = (Storage(x), Storage(result));
        stream.Run(() => CpuKernels.ScaleAdd<T>(sx, alpha, beta, sr));
    }

    /// <inheritdoc />
    protected override void ReduceInternal<T>(ReductionOp op, DeviceBuffer<T> x, DeviceBuffer<T> result)
    {
        var (sx, sr) = (Storage(x), Storage(result));
        stream.Run(() => sr[0] = CpuKernels.Reduce<T>(op, sx));
    }

    /// <inheritdoc />
    protected override void ReduceAxisInternal<T>(ReductionOp op, DeviceBuffer<T> x, int rows, int cols, int axis, DeviceBuffer<T> result)
    {
        var (sx, sr) = (Storage(x), Storage(result));
        stream.Run(() => CpuKernels.ReduceAxis<T>(op, sx, rows, cols, axis, sr));
    }

    /// <inheritdoc />
    protected override void DisposeInternal() => stream.Synchronize();

    private static T[] Storage<T>(DeviceBuffer<T> buffer)
        where T : unmanaged, INumber<T> => ((CpuDeviceBuffer<T>)buffer).Storage;
}
