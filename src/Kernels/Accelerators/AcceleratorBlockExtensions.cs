using System.Numerics;

namespace MiniDask.Kernels.Accelerators;

/// <summary>
/// One-call block math on an accelerator for code that holds host blocks (a test, a benchmark):
/// each call uploads its operands, runs, and copies the result back. Chains of ops that should
/// keep intermediates on the device use <see cref="DeviceBlocks"/> instead.
/// </summary>
public static class AcceleratorBlockExtensions
{
    /// <summary>A new device buffer holding a copy of <paramref name="block"/> (enqueued; no synchronize needed before device ops use it).</summary>
    /// <exception cref="NotSupportedException">The element type cannot live on a device.</exception>
    public static DeviceBuffer<T> Upload<T>(this Accelerator accelerator, NDArray<T> block)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(block);
        var buffer = accelerator.Allocate<T>(block.Shape);
        buffer.CopyFromHost(block.Span);
        return buffer;
    }

    /// <summary>Copies <paramref name="buffer"/> to a new host block of its shape, synchronizing the accelerator.</summary>
    public static NDArray<T> Download<T>(this DeviceBuffer<T> buffer)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var result = NDArray<T>.CreateUninitialized(buffer.Shape);
        buffer.CopyToHost(result.Memory);
        buffer.Accelerator.Synchronize();
        return result;
    }

    /// <summary>The matrix product <c>a · b</c> of two 2-D blocks computed on <paramref name="accelerator"/> (cuBLAS on CUDA).</summary>
    /// <exception cref="ArgumentException">The shapes do not fit <c>(m, k) · (k, n)</c>.</exception>
    public static NDArray<T> Multiply<T>(this Accelerator accelerator, NDArray<T> a, NDArray<T> b)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank != 2 || b.Rank != 2)
        {
            throw new ArgumentException($"Cannot multiply blocks of shapes {Shapes.Format(a.Shape)} and {Shapes.Format(b.Shape)}: both must be 2-D.");
        }

        using var da = accelerator.Upload(a);
        using var db = accelerator.Upload(b);
        using var dc = accelerator.Allocate<T>(a.Shape[0], b.Shape[1]);
        accelerator.Gemm(da, db, dc);
        return dc.Download();
    }

    /// <summary><typeparamref name="TOp"/> over <paramref name="axes"/> of <paramref name="x"/> (all when null), with the kept axes' shape.</summary>
    /// <exception cref="ArgumentException">An axis repeats, or an empty extent has no identity.</exception>
    public static NDArray<T> Reduce<TOp, T>(this Accelerator accelerator, NDArray<T> x, params int[]? axes)
        where TOp : IReductionOperator<T>
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var plan = ReductionPlan.Create(x.Shape, axes is { Length: > 0 } ? axes : null);
        using var dx = accelerator.Upload(x);
        using var result = accelerator.Allocate<T>(plan.KeptShape);
        accelerator.Reduce<TOp, T>(dx, plan.Axes, result);
        return result.Download();
    }

    /// <summary><typeparamref name="TOp"/> on each element of <paramref name="x"/>, computed on <paramref name="accelerator"/>.</summary>
    public static NDArray<T> Apply<TOp, T>(this Accelerator accelerator, NDArray<T> x)
        where TOp : IUnaryOperator<T>
        where T : unmanaged, INumber<T>
    {
        using var dx = accelerator.Upload(x);
        accelerator.Unary<TOp, T>(dx, dx);
        return dx.Download();
    }

    /// <summary><typeparamref name="TOp"/> on the elements of two blocks broadcast together, computed on <paramref name="accelerator"/>.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static NDArray<T> Apply<TOp, T>(this Accelerator accelerator, NDArray<T> x, NDArray<T> y)
        where TOp : IBinaryOperator<T>
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        using var dx = accelerator.Upload(x);
        using var dy = accelerator.Upload(y);
        using var result = accelerator.Allocate<T>(Shapes.Broadcast(x.Shape, y.Shape));
        accelerator.Binary<TOp, T>(dx, dy, result);
        return result.Download();
    }
}
