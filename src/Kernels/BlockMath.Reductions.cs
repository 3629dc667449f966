using System.Numerics;

namespace MiniDask.Kernels;

public static partial class BlockMath
{
    /// <summary><typeparamref name="TOp"/> over every element.</summary>
    /// <exception cref="InvalidOperationException">The array is empty and the op has no identity.</exception>
    public static T Reduce<TOp, T>(NDArray<T> x)
        where TOp : IReductionOperator<T>
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return TOp.Aggregate(x.Span);
    }

    /// <summary>
    /// <typeparamref name="TOp"/> along <paramref name="axes"/> (negative axes count from the end).
    /// The reduced axes are removed, or kept with size 1 when <paramref name="keepDims"/> is true.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ArgumentException">An axis is given twice.</exception>
    /// <exception cref="InvalidOperationException">A reduced axis is empty and the op has no identity.</exception>
    public static NDArray<T> Reduce<TOp, T>(NDArray<T> x, ReadOnlySpan<int> axes, bool keepDims = false)
        where TOp : IReductionOperator<T>
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var rank = x.Rank;
        var reduced = new bool[rank];
        foreach (var a in axes)
        {
            var axis = Shapes.NormalizeAxis(a, rank);
            if (reduced[axis])
            {
                throw new ArgumentException($"Axis {a} is given twice in the {TOp.Name} axes.", nameof(axes));
            }

            reduced[axis] = true;
        }

        var kept = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            kept[i] = reduced[i] ? 1 : x.Shape[i];
        }

        NDArray<T> result;
        if (axes.Length == rank)
        {
            result = NDArray<T>.Full(kept, TOp.Aggregate(x.Span));
        }
        else
        {
            result = x;
            for (var axis = rank - 1; axis >= 0; axis--)
            {
                if (reduced[axis])
                {
                    result = ReduceAxis<TOp, T>(result, axis);
                }
            }

            if (ReferenceEquals(result, x))
            {
                result = x.Copy();
            }
        }

        return keepDims ? result : result.Reshape([.. x.Shape.ToArray().Where((_, i) => !reduced[i])]);
    }

    /// <summary>The sum of every element (zero for an empty array).</summary>
    public static T Sum<T>(NDArray<T> x)
        where T : unmanaged, INumber<T> => Reduce<SumOperator<T>, T>(x);

    /// <summary>The sum along <paramref name="axis"/>, which is removed unless <paramref name="keepDims"/> is true.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>.</exception>
    public static NDArray<T> Sum<T>(NDArray<T> x, int axis, bool keepDims = false)
        where T : unmanaged, INumber<T> => Reduce<SumOperator<T>, T>(x, [axis], keepDims);

    /// <summary>
    /// Reduces one axis, keeping it with size 1. The array is seen as <c>(outer, n, inner)</c>:
    /// with <c>inner == 1</c> each output is one span reduction; otherwise rows of length
    /// <c>inner</c> are combined elementwise, so both cases run as contiguous vector calls.
    /// </summary>
    private static NDArray<T> ReduceAxis<TOp, T>(NDArray<T> x, int axis)
        where TOp : IReductionOperator<T>
        where T : unmanaged, INumber<T>
    {
        var shape = x.Shape.ToArray();
        var n = shape[axis];
        var outer = Shapes.ElementCount(shape.AsSpan(0, axis));
        var inner = Shapes.ElementCount(shape.AsSpan(axis + 1));
        shape[axis] = 1;
        var result = NDArray<T>.CreateUninitialized(shape);
        ReadOnlySpan<T> src = x.Span;
        var dest = result.Span;
        if (n == 0)
        {
            dest.Fill(TOp.Aggregate([]));
            return result;
        }

        if (inner == 1)
        {
            for (var o = 0; o < outer; o++)
            {
                dest[o] = TOp.Aggregate(src.Slice(o * n, n));
            }

            return result;
        }

        for (var o = 0; o < outer; o++)
        {
            var row = dest.Slice(o * inner, inner);
            var block = src.Slice(o * n * inner, n * inner);
            block[..inner].CopyTo(row);
            for (var k = 1; k < n; k++)
            {
                TOp.Combine(row, block.Slice(k * inner, inner), row);
            }
        }

        return result;
    }
}
