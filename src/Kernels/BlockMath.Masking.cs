using System.Numerics;

namespace MiniDask.Kernels;

public static partial class BlockMath
{
    /// <summary>
    /// NumPy's <c>x[mask]</c> for a boolean mask of <paramref name="x"/>'s shape: the elements
    /// where the mask is true, in row-major order, as a 1-D array (empty when none is).
    /// </summary>
    /// <exception cref="ArgumentException">The mask's shape differs from the array's; the message names both.</exception>
    public static NDArray<T> BooleanMask<T>(NDArray<T> x, NDArray<Bool> mask)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(mask);
        if (!x.Shape.SequenceEqual(mask.Shape))
        {
            throw new ArgumentException(
                $"Boolean index of shape {Shapes.Format(mask.Shape)} does not match the indexed array of shape {Shapes.Format(x.Shape)}.", nameof(mask));
        }

        ReadOnlySpan<Bool> keep = mask.Span;
        var result = NDArray<T>.CreateUninitialized([CountTrue(keep)]);
        ReadOnlySpan<T> src = x.Span;
        var dest = result.Span;
        var n = 0;
        for (var i = 0; i < keep.Length; i++)
        {
            if (keep[i].IsTrue)
            {
                dest[n++] = src[i];
            }
        }

        return result;
    }

    /// <summary>
    /// NumPy's <c>compress(condition, x, axis)</c> for a 1-D condition as long as the axis: the
    /// slices along <paramref name="axis"/> where the condition is true, in order, other axes kept.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ArgumentException">The condition is not 1-D or its length differs from the axis'; the message names both shapes.</exception>
    public static NDArray<T> Compress<T>(NDArray<T> x, NDArray<Bool> condition, int axis)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(condition);
        var a = Shapes.NormalizeAxis(axis, x.Rank);
        if (condition.Rank != 1 || condition.Length != x.Shape[a])
        {
            throw new ArgumentException(
                $"A condition of shape {Shapes.Format(condition.Shape)} cannot select along axis {a} of an array of shape {Shapes.Format(x.Shape)}; it must be 1-D with {x.Shape[a]} elements.",
                nameof(condition));
        }

        ReadOnlySpan<Bool> keep = condition.Span;
        var indices = new int[CountTrue(keep)];
        var n = 0;
        for (var i = 0; i < keep.Length; i++)
        {
            if (keep[i].IsTrue)
            {
                indices[n++] = i;
            }
        }

        return Take(x, indices, a);
    }

    private static int CountTrue(ReadOnlySpan<Bool> values)
    {
        var count = 0;
        foreach (var v in values)
        {
            count += v.IsTrue ? 1 : 0;
        }

        return count;
    }
}
