using System.Numerics;

namespace MiniDask.Kernels;

public static partial class BlockMath
{
    /// <summary>
    /// The running <typeparamref name="TOp"/> along <paramref name="axis"/> (NumPy's <c>cumsum</c>
    /// with <see cref="SumOperator{T}"/>, <c>cumprod</c> with <see cref="ProductOperator{T}"/>):
    /// element <c>k</c> of the axis combines elements <c>0..k</c>. The shape is kept. Rows along
    /// an inner axis are combined as whole vector rows; along the last axis it is a scalar scan.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>.</exception>
    public static NDArray<T> Cumulative<TOp, T>(NDArray<T> x, int axis)
        where TOp : IReductionOperator<T>
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        axis = Shapes.NormalizeAxis(axis, x.Rank);
        var n = x.Shape[axis];
        var outer = Shapes.ElementCount(x.Shape[..axis]);
        var inner = Shapes.ElementCount(x.Shape[(axis + 1)..]);
        var result = NDArray<T>.CreateUninitialized(x.Shape);
        ReadOnlySpan<T> src = x.Span;
        var dest = result.Span;
        if (result.Length == 0)
        {
            return result;
        }

        for (var o = 0; o < outer; o++)
        {
            var block = src.Slice(o * n * inner, n * inner);
            var output = dest.Slice(o * n * inner, n * inner);
            if (inner == 1)
            {
                var acc = block[0];
                output[0] = acc;
                for (var k = 1; k < n; k++)
                {
                    acc = TOp.Combine(acc, block[k]);
                    output[k] = acc;
                }

                continue;
            }

            block[..inner].CopyTo(output);
            for (var k = 1; k < n; k++)
            {
                TOp.Combine(output.Slice((k - 1) * inner, inner), block.Slice(k * inner, inner), output.Slice(k * inner, inner));
            }
        }

        return result;
    }
}
