using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace MiniDask.Kernels.Accelerators;

/// <summary>
/// The CPU accelerator's block math on spans: the host's own operator structs for elementwise
/// ops (so a device result has the host's bits), TensorPrimitives for reductions,
/// <see cref="Kernels.Gemm"/> for products. Sizes were validated by <see cref="Accelerator"/>.
/// </summary>
internal static class CpuKernels
{
    public static void Unary<T>(UnaryOp op, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(double))
        {
            UnaryFloatingPoint(op, Cast<T, double>(x), Cast<T, double>(y));
        }
        else
        {
            UnaryFloatingPoint(op, Cast<T, float>(x), Cast<T, float>(y));
        }
    }

    public static void Binary<T>(BinaryOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> result)
        where T : unmanaged, INumber<T>
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(x, y, result); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(x, y, result); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(x, y, result); break;
            case BinaryOp.Minimum: TensorPrimitives.Min(x, y, result); break;
            case BinaryOp.Maximum: TensorPrimitives.Max(x, y, result); break;
            default: TensorPrimitives.Divide(x, y, result); break;
        }
    }

    public static void ScaleAdd<T>(ReadOnlySpan<T> x, T alpha, T beta, Span<T> result)
        where T : unmanaged, INumber<T>
    {
        TensorPrimitives.Multiply(x, alpha, result);
        TensorPrimitives.Add(result, beta, result);
    }

    public static T Reduce<T>(ReductionOp op, ReadOnlySpan<T> x)
        where T : unmanaged, INumber<T> => op switch
        {
            ReductionOp.Sum => TensorPrimitives.Sum(x),
            ReductionOp.Min => TensorPrimitives.Min(x),
            _ => TensorPrimitives.Max(x),
        };

    /// <summary>
    /// Reduces axis 1 as one span reduction per row, or axis 0 by combining whole rows into the
    /// result with vector calls, so both directions read memory contiguously.
    /// </summary>
    public static void ReduceAxis<T>(ReductionOp op, ReadOnlySpan<T> x, int rows, int cols, int axis, Span<T> result)
        where T : unmanaged, INumber<T>
    {
        if (axis == 1)
        {
            for (var r = 0; r < rows; r++)
            {
                result[r] = Reduce(op, x.Slice(r * cols, cols));
            }

            return;
        }

        if (rows == 0)
        {
            result.Clear();
            return;
        }

        x[..cols].CopyTo(result);
        for (var r = 1; r < rows; r++)
        {
            var row = x.Slice(r * cols, cols);
            switch (op)
            {
                case ReductionOp.Sum: TensorPrimitives.Add(result, row, result); break;
                case ReductionOp.Min: TensorPrimitives.Min(result, row, result); break;
                default: TensorPrimitives.Max(result, row, result); break;
            }
        }
    }

    public static void Gemm<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k, bool accumulate)
        where T : unmanaged, INumber<T> => Kernels.Gemm.Multiply(m, n, k, a, k, b, n, c, n, accumulate);

    private static void UnaryFloatingPoint<TF>(UnaryOp op, ReadOnlySpan<TF> x, Span<TF> y)
        where TF : unmanaged, IFloatingPointIeee754<TF>
    {
        switch (op)
        {
            case UnaryOp.Exp: ExpOperator<TF>.Invoke(x, y); break;
            case UnaryOp.Log: LogOperator<TF>.Invoke(x, y); break;
            case UnaryOp.Sqrt: SqrtOperator<TF>.Invoke(x, y); break;
            case UnaryOp.Abs: AbsOperator<TF>.Invoke(x, y); break;
            default: NegateOperator<TF>.Invoke(x, y); break;
        }
    }

    private static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> span)
        where TFrom : unmanaged
        where TTo : unmanaged => MemoryMarshal.Cast<TFrom, TTo>(span);

    private static Span<TTo> Cast<TFrom, TTo>(Span<TFrom> span)
        where TFrom : unmanaged
        where TTo : unmanaged => MemoryMarshal.Cast<TFrom, TTo>(span);
}
