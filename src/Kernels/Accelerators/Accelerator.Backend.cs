using System.Numerics;

namespace MiniDask.Kernels.Accelerators;

/// <summary>The operations a backend implements; arguments arrive validated.</summary>
public abstract partial class Accelerator
{
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

    /// <summary>Enqueues a validated elementwise op of one operand.</summary>
    protected abstract void UnaryInternal<TOp, T>(DeviceBuffer<T> x, DeviceBuffer<T> result)
        where TOp : IUnaryOperator<T>
        where T : unmanaged, INumber<T>;

    /// <summary>Enqueues a validated elementwise op of two broadcast operands.</summary>
    protected abstract void BinaryInternal<TOp, T>(DeviceBuffer<T> x, DeviceBuffer<T> y, DeviceBuffer<T> result)
        where TOp : IBinaryOperator<T>
        where T : unmanaged, INumber<T>;

    /// <summary>Enqueues a validated comparison of two broadcast operands.</summary>
    protected abstract void CompareInternal<TOp, T>(DeviceBuffer<T> x, DeviceBuffer<T> y, DeviceBuffer<Bool> result)
        where TOp : IComparisonOperator<T>
        where T : unmanaged, INumber<T>;

    /// <summary>Enqueues a validated <c>where</c> of three broadcast operands.</summary>
    protected abstract void WhereInternal<T>(DeviceBuffer<Bool> condition, DeviceBuffer<T> x, DeviceBuffer<T> y, DeviceBuffer<T> result)
        where T : unmanaged, INumber<T>;

    /// <summary>Enqueues a validated <c>alpha · x + beta</c>.</summary>
    protected abstract void ScaleAddInternal<T>(DeviceBuffer<T> x, T alpha, T beta, DeviceBuffer<T> result)
        where T : unmanaged, INumber<T>;

    /// <summary>Enqueues writing <paramref name="value"/> to every element.</summary>
    protected abstract void FillInternal<T>(DeviceBuffer<T> result, T value)
        where T : unmanaged, INumber<T>;

    /// <summary>Enqueues a validated elementwise conversion.</summary>
    protected abstract void CastInternal<TFrom, TTo>(DeviceBuffer<TFrom> x, DeviceBuffer<TTo> result)
        where TFrom : unmanaged, INumber<TFrom>
        where TTo : unmanaged, INumber<TTo>;

    /// <summary>Enqueues a validated reduction of a non-empty extent.</summary>
    protected abstract void ReduceInternal<TOp, T>(DeviceBuffer<T> x, ReductionPlan plan, DeviceBuffer<T> result)
        where TOp : IReductionOperator<T>
        where T : unmanaged, INumber<T>;

    /// <summary>Enqueues a validated argmax or argmin of a non-empty extent.</summary>
    protected abstract void ArgExtremeInternal<T>(DeviceBuffer<T> x, ReductionPlan plan, bool max, DeviceBuffer<long> indices)
        where T : unmanaged, INumber<T>;

    /// <summary>Enqueues a validated running reduction along the normalized <paramref name="axis"/> of a non-empty buffer.</summary>
    protected abstract void CumulativeInternal<TOp, T>(DeviceBuffer<T> x, int axis, DeviceBuffer<T> result)
        where TOp : IReductionOperator<T>
        where T : unmanaged, INumber<T>;

    /// <summary>Enqueues <see cref="DeviceRandom.Uniform"/> of <paramref name="seed"/> and each element's index.</summary>
    protected abstract void FillUniformInternal(DeviceBuffer<double> result, ulong seed);

    /// <summary>Waits for pending work and releases the device's resources; called once.</summary>
    protected abstract void DisposeInternal();
}
