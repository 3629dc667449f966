using System.Numerics;

namespace MiniDask.Kernels.Accelerators;

/// <summary>
/// One-call block math on an accelerator for code that holds host blocks (a worker's task, a
/// benchmark): each call uploads its operands, runs, and copies the result back. Chains of ops
/// that should keep intermediates on the device use <see cref="DeviceBlockCache"/> instead.
/// </summary>
public static class AcceleratorBlockExtensions
{
    /// <summary>A new device buffer holding a copy of <paramref name="block"/> (enqueued; no synchronize needed before device ops use it).</summary>
    /// <exception cref="NotSupportedException">The element type is not float or double.</exception>
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

    /// <summary>
    /// <paramref name="op"/> over every element (a 0-d result) or, when <paramref name="axis"/>
    /// is given, along that axis of a 2-D block (a 1-D result).
    /// </summary>
    /// <exception cref="ArgumentException">An axis is given for a block that is not 2-D, or min/max of an empty extent.</exception>
    public static NDArray<T> Reduce<T>(this Accelerator accelerator, ReductionOp op, NDArray<T> x, int? axis = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        using var dx = accelerator.Upload(x);
        int[] shape = axis is { } a && x.Rank == 2 ? [x.Shape[Shapes.NormalizeAxis(a, 2) == 0 ? 1 : 0]] : [];
        using var result = accelerator.Allocate<T>(shape);
        if (axis is { } reduced)
        {
            accelerator.Reduce(op, dx, reduced, result);
        }
        else
        {
            accelerator.Reduce(op, dx, result);
        }

        return result.Download();
    }

    /// <summary><paramref name="op"/> on each element of <paramref name="x"/>, computed on <paramref name="accelerator"/>.</summary>
    public static NDArray<T> Apply<T>(this Accelerator accelerator, UnaryOp op, NDArray<T> x)
        where T : unmanaged, INumber<T>
    {
        using var dx = accelerator.Upload(x);
        accelerator.Unary(op, dx, dx);
        return dx.Download();
    }

    /// <summary><paramref name="op"/> on matching elements of two blocks of the same shape, computed on <paramref name="accelerator"/>.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static NDArray<T> Apply<T>(this Accelerator accelerator, BinaryOp op, NDArray<T> x, NDArray<T> y)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (!x.Shape.SequenceEqual(y.Shape))
        {
            throw new ArgumentException($"Device elementwise ops need equal shapes; got {Shapes.Format(x.Shape)} and {Shapes.Format(y.Shape)}.");
        }

        using var dx = accelerator.Upload(x);
        using var dy = accelerator.Upload(y);
        accelerator.Binary(op, dx, dy, dx);
        return dx.Download();
    }
}
