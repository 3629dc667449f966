using System.Numerics;

namespace MiniDask.Kernels.Accelerators;

/// <summary>
/// The <c>cpu</c> device: block math on the host's cores through the host's own drivers (the
/// operator structs' SIMD span forms, <see cref="BlockMath"/>, and the native or managed
/// <see cref="Kernels.Gemm"/>), so its results have the host's bits. In normal mode every
/// operation runs when it is called and buffers are host memory
/// (<see cref="DeviceBuffer{T}.AsHostSpan"/> works). In debug mode it emulates a device so that
/// code which would fail on a GPU fails here too: buffers cannot be read from the host, new
/// buffers hold NaN until written, and copies and kernels are queued and only run at
/// <see cref="Accelerator.Synchronize"/>, so a missing copy or synchronize shows up as wrong
/// results or an exception in CI.
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
        if (IsDebug && (typeof(T) == typeof(double) || typeof(T) == typeof(float)))
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
        stream.Run(() => Kernels.Gemm.Multiply<T>(m, n, k, sa, k, sb, n, sc, n, accumulate));
    }

    /// <inheritdoc />
    protected override void UnaryInternal<TOp, T>(DeviceBuffer<T> x, DeviceBuffer<T> result)
    {
        var (sx, sr) = (Storage(x), Storage(result));
        stream.Run(() => TOp.Invoke(sx, sr));
    }

    /// <inheritdoc />
    protected override void BinaryInternal<TOp, T>(DeviceBuffer<T> x, DeviceBuffer<T> y, DeviceBuffer<T> result)
    {
        var (bx, by, sr) = (Block(x), Block(y), Storage(result));
        stream.Run(() =>
        {
            if (bx.Shape.SequenceEqual(by.Shape))
            {
                TOp.Invoke(bx.Span, by.Span, sr);
            }
            else
            {
                BlockMath.Binary<TOp, T>(bx, by).Span.CopyTo(sr);
            }
        });
    }

    /// <inheritdoc />
    protected override void CompareInternal<TOp, T>(DeviceBuffer<T> x, DeviceBuffer<T> y, DeviceBuffer<Bool> result)
    {
        var (bx, by, sr) = (Block(x), Block(y), Storage(result));
        stream.Run(() => BlockMath.Compare<TOp, T>(bx, by).Span.CopyTo(sr));
    }

    /// <inheritdoc />
    protected override void WhereInternal<T>(DeviceBuffer<Bool> condition, DeviceBuffer<T> x, DeviceBuffer<T> y, DeviceBuffer<T> result)
    {
        var (bc, bx, by, sr) = (Block(condition), Block(x), Block(y), Storage(result));
        stream.Run(() => BlockMath.Where(bc, bx, by).Span.CopyTo(sr));
    }

    /// <inheritdoc />
    protected override void ScaleAddInternal<T>(DeviceBuffer<T> x, T alpha, T beta, DeviceBuffer<T> result)
    {
        var (sx, sr) = (Storage(x), Storage(result));
        stream.Run(() =>
        {
            MultiplyOperator<T>.Invoke(sx, alpha, sr);
            AddOperator<T>.Invoke(sr, beta, sr);
        });
    }

    /// <inheritdoc />
    protected override void FillInternal<T>(DeviceBuffer<T> result, T value)
    {
        var sr = Storage(result);
        stream.Run(() => sr.AsSpan().Fill(value));
    }

    /// <inheritdoc />
    protected override void CastInternal<TFrom, TTo>(DeviceBuffer<TFrom> x, DeviceBuffer<TTo> result)
    {
        var (bx, sr) = (Block(x), Storage(result));
        stream.Run(() => BlockMath.Cast<TFrom, TTo>(bx).Span.CopyTo(sr));
    }

    /// <inheritdoc />
    protected override void ReduceInternal<TOp, T>(DeviceBuffer<T> x, ReductionPlan plan, DeviceBuffer<T> result)
    {
        var (bx, sr) = (Block(x), Storage(result));
        stream.Run(() =>
        {
            if (plan.IsAll)
            {
                sr[0] = TOp.Aggregate(bx.Span);
            }
            else
            {
                BlockMath.Reduce<TOp, T>(bx, plan.Axes).Span.CopyTo(sr);
            }
        });
    }

    /// <inheritdoc />
    protected override void ArgExtremeInternal<T>(DeviceBuffer<T> x, ReductionPlan plan, bool max, DeviceBuffer<long> indices)
    {
        var (bx, si) = (Block(x), Storage(indices));
        int? axis = plan.IsAll && bx.Rank != 1 ? null : plan.Axes[0];
        stream.Run(() => BlockMath.ArgExtreme(bx, axis, max).Indices.Span.CopyTo(si));
    }

    /// <inheritdoc />
    protected override void CumulativeInternal<TOp, T>(DeviceBuffer<T> x, int axis, DeviceBuffer<T> result)
    {
        var (bx, sr) = (Block(x), Storage(result));
        stream.Run(() => BlockMath.Cumulative<TOp, T>(bx, axis).Span.CopyTo(sr));
    }

    /// <inheritdoc />
    protected override void FillUniformInternal(DeviceBuffer<double> result, ulong seed)
    {
        var sr = Storage(result);
        stream.Run(() =>
        {
            for (var i = 0; i < sr.Length; i++)
            {
                sr[i] = DeviceRandom.Uniform(seed, i);
            }
        });
    }

    /// <inheritdoc />
    protected override void DisposeInternal() => stream.Synchronize();

    private static T[] Storage<T>(DeviceBuffer<T> buffer)
        where T : unmanaged, INumber<T> => ((CpuDeviceBuffer<T>)buffer).Storage;

    /// <summary>The buffer's storage seen as a host block of its shape (not copied), for the host drivers.</summary>
    private static NDArray<T> Block<T>(DeviceBuffer<T> buffer)
        where T : unmanaged, INumber<T> => new(Storage(buffer), buffer.Shape);
}
