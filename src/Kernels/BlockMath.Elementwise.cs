using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>
/// Block math on <see cref="NDArray{T}"/>: one generic driver per kind of op (elementwise,
/// reduction, transpose, copy), specialized by operator structs and running on spans through
/// TensorPrimitives. Inputs are never modified; results are new arrays.
/// </summary>
public static partial class BlockMath
{
    /// <summary>
    /// <typeparamref name="TOp"/> applied elementwise with NumPy broadcasting: shapes align from
    /// the right and size-1 axes stretch. Same shapes, one-element operands and a trailing-axis
    /// vector against a matrix each run as whole-span vector calls; the general case runs one
    /// vector call per innermost row after merging axes that are contiguous in both operands.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast; the message names both.</exception>
    public static NDArray<T> Binary<TOp, T>(NDArray<T> x, NDArray<T> y)
        where TOp : IBinaryOperator<T>
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Shape.SequenceEqual(y.Shape))
        {
            var same = NDArray<T>.CreateUninitialized(x.Shape);
            TOp.Invoke(x.Span, y.Span, same.Span);
            return same;
        }

        var shape = Shapes.Broadcast(x.Shape, y.Shape);
        var result = NDArray<T>.CreateUninitialized(shape);
        if (result.Length == 0)
        {
            return result;
        }

        if (y.Length == 1 && x.Length == result.Length)
        {
            TOp.Invoke(x.Span, y.Data[0], result.Span);
        }
        else if (x.Length == 1 && y.Length == result.Length)
        {
            TOp.Invoke(x.Data[0], y.Span, result.Span);
        }
        else
        {
            BroadcastInto<TOp, T>(x, y, result);
        }

        return result;
    }

    /// <summary><typeparamref name="TOp"/> on each element of <paramref name="x"/> and the scalar <paramref name="y"/>.</summary>
    public static NDArray<T> Binary<TOp, T>(NDArray<T> x, T y)
        where TOp : IBinaryOperator<T>
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var result = NDArray<T>.CreateUninitialized(x.Shape);
        TOp.Invoke(x.Span, y, result.Span);
        return result;
    }

    /// <summary><typeparamref name="TOp"/> on the scalar <paramref name="x"/> and each element of <paramref name="y"/>.</summary>
    public static NDArray<T> Binary<TOp, T>(T x, NDArray<T> y)
        where TOp : IBinaryOperator<T>
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(y);
        var result = NDArray<T>.CreateUninitialized(y.Shape);
        TOp.Invoke(x, y.Span, result.Span);
        return result;
    }

    /// <summary>Elementwise <c>x + y</c> with broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static NDArray<T> Add<T>(NDArray<T> x, NDArray<T> y)
        where T : unmanaged, INumber<T> => Binary<AddOperator<T>, T>(x, y);

    /// <summary>Elementwise <c>x - y</c> with broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static NDArray<T> Subtract<T>(NDArray<T> x, NDArray<T> y)
        where T : unmanaged, INumber<T> => Binary<SubtractOperator<T>, T>(x, y);

    /// <summary>Elementwise <c>x * y</c> with broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static NDArray<T> Multiply<T>(NDArray<T> x, NDArray<T> y)
        where T : unmanaged, INumber<T> => Binary<MultiplyOperator<T>, T>(x, y);

    /// <summary>Elementwise <c>x / y</c> with broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static NDArray<T> Divide<T>(NDArray<T> x, NDArray<T> y)
        where T : unmanaged, INumber<T> => Binary<DivideOperator<T>, T>(x, y);

    private static void BroadcastInto<TOp, T>(NDArray<T> x, NDArray<T> y, NDArray<T> result)
        where TOp : IBinaryOperator<T>
        where T : unmanaged, INumber<T>
    {
        var plan = BroadcastPlan.Create(x.Shape, y.Shape, result.Shape);
        var rank = plan.Dims.Length;
        var n = plan.Dims[rank - 1];
        var xContiguous = plan.XStrides[rank - 1] != 0;
        var yContiguous = plan.YStrides[rank - 1] != 0;
        ReadOnlySpan<T> xs = x.Span, ys = y.Span;
        var dest = result.Span;
        Span<int> counter = stackalloc int[rank];
        int xo = 0, yo = 0;
        for (var o = 0; o < dest.Length; o += n)
        {
            var row = dest.Slice(o, n);
            if (xContiguous && yContiguous)
            {
                TOp.Invoke(xs.Slice(xo, n), ys.Slice(yo, n), row);
            }
            else if (xContiguous)
            {
                TOp.Invoke(xs.Slice(xo, n), ys[yo], row);
            }
            else if (yContiguous)
            {
                TOp.Invoke(xs[xo], ys.Slice(yo, n), row);
            }
            else
            {
                row.Fill(TOp.Invoke(xs[xo], ys[yo]));
            }

            for (var axis = rank - 2; axis >= 0; axis--)
            {
                xo += plan.XStrides[axis];
                yo += plan.YStrides[axis];
                if (++counter[axis] < plan.Dims[axis])
                {
                    break;
                }

                xo -= plan.XStrides[axis] * plan.Dims[axis];
                yo -= plan.YStrides[axis] * plan.Dims[axis];
                counter[axis] = 0;
            }
        }
    }

    /// <summary>
    /// The loop nest of a broadcast: the output's axes (size-1 axes dropped, axes that are
    /// contiguous in both operands merged) and each operand's element stride per axis, 0 where
    /// the operand is broadcast.
    /// </summary>
    private readonly record struct BroadcastPlan(int[] Dims, int[] XStrides, int[] YStrides)
    {
        public static BroadcastPlan Create(ReadOnlySpan<int> x, ReadOnlySpan<int> y, ReadOnlySpan<int> result)
        {
            var xFull = OperandStrides(x, result.Length);
            var yFull = OperandStrides(y, result.Length);
            var dims = new List<int>(result.Length);
            var xs = new List<int>(result.Length);
            var ys = new List<int>(result.Length);
            for (var axis = result.Length - 1; axis >= 0; axis--)
            {
                var d = result[axis];
                if (d == 1)
                {
                    continue;
                }

                var last = dims.Count - 1;
                if (last >= 0 && xFull[axis] == xs[last] * dims[last] && yFull[axis] == ys[last] * dims[last])
                {
                    dims[last] *= d;
                    continue;
                }

                dims.Add(d);
                xs.Add(xFull[axis]);
                ys.Add(yFull[axis]);
            }

            if (dims.Count == 0)
            {
                return new BroadcastPlan([1], [0], [0]);
            }

            dims.Reverse();
            xs.Reverse();
            ys.Reverse();
            return new BroadcastPlan([.. dims], [.. xs], [.. ys]);
        }

        private static int[] OperandStrides(ReadOnlySpan<int> shape, int rank)
        {
            var own = Shapes.RowMajorStrides(shape);
            var strides = new int[rank];
            for (var i = 1; i <= shape.Length; i++)
            {
                strides[rank - i] = shape[^i] == 1 ? 0 : own[^i];
            }

            return strides;
        }
    }
}
