using System.Numerics;

namespace MiniDask.Kernels;

public static partial class BlockMath
{
    /// <summary><typeparamref name="TOp"/> on every element, as one vectorized span call.</summary>
    public static NDArray<T> Unary<TOp, T>(NDArray<T> x)
        where TOp : IUnaryOperator<T>
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var result = NDArray<T>.CreateUninitialized(x.Shape);
        TOp.Invoke(x.Span, result.Span);
        return result;
    }

    /// <summary>
    /// <paramref name="x"/> stretched to <paramref name="shape"/> by NumPy broadcasting: a copy
    /// in which size-1 and missing leading axes are repeated.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> does not broadcast to <paramref name="shape"/>.</exception>
    public static NDArray<T> BroadcastTo<T>(NDArray<T> x, ReadOnlySpan<int> shape)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Shape.SequenceEqual(shape))
        {
            return x;
        }

        var target = Shapes.Broadcast(x.Shape, shape);
        if (!target.AsSpan().SequenceEqual(shape))
        {
            throw new ArgumentException(
                $"An array of shape {Shapes.Format(x.Shape)} does not broadcast to shape {Shapes.Format(shape)}.", nameof(shape));
        }

        var own = Shapes.RowMajorStrides(x.Shape);
        var strides = new int[shape.Length];
        for (var i = 1; i <= x.Rank; i++)
        {
            strides[^i] = x.Shape[^i] == 1 ? 0 : own[^i];
        }

        var result = NDArray<T>.CreateUninitialized(shape);
        if (result.Length > 0)
        {
            Gather(x.Span, result.Span, target, strides);
        }

        return result;
    }
}
