using System.Text;

namespace MiniDask.Kernels;

/// <summary>
/// Shape arithmetic shared by blocks and chunked arrays: element counts, row-major strides,
/// NumPy broadcasting and the text form used in error messages.
/// </summary>
public static class Shapes
{
    /// <summary>The shape as NumPy prints it: <c>(2, 3)</c>, <c>(3,)</c>, or <c>()</c> for a 0-d array.</summary>
    public static string Format(ReadOnlySpan<int> shape)
    {
        if (shape.Length == 1)
        {
            return $"({shape[0]},)";
        }

        var sb = new StringBuilder("(");
        for (var i = 0; i < shape.Length; i++)
        {
            sb.Append(i == 0 ? "" : ", ").Append(shape[i]);
        }

        return sb.Append(')').ToString();
    }

    /// <summary>The number of elements of an array of <paramref name="shape"/> (1 for a 0-d shape).</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the count exceeds <see cref="int.MaxValue"/>.</exception>
    public static int ElementCount(ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Shape {Format(shape)} has a negative dimension; dimensions must be >= 0.", nameof(shape));
            }

            count *= d;
            if (count > int.MaxValue)
            {
                throw new ArgumentException(
                    $"Shape {Format(shape)} has more than {int.MaxValue} elements, too many for one dense block.", nameof(shape));
            }
        }

        return (int)count;
    }

    /// <summary>Row-major (C order) element strides of <paramref name="shape"/>.</summary>
    public static int[] RowMajorStrides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        var s = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= shape[i];
        }

        return strides;
    }

    /// <summary>
    /// The NumPy broadcast of two shapes: aligned from the right, each pair of dimensions must be
    /// equal or one of them 1; a missing dimension counts as 1.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast; the message names both.</exception>
    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 1; i <= rank; i++)
        {
            var da = i <= a.Length ? a[^i] : 1;
            var db = i <= b.Length ? b[^i] : 1;
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException(
                    $"Shapes {Format(a)} and {Format(b)} do not broadcast: axis {rank - i} has sizes {da} and {db}; each pair must be equal or one of them 1.");
            }

            result[rank - i] = da == 1 ? db : da;
        }

        return result;
    }

    /// <summary>
    /// Normalizes an axis that may count from the end (-1 is the last axis) to <c>[0, rank)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public static int NormalizeAxis(int axis, int rank)
    {
        if (axis < -rank || axis >= rank)
        {
            throw new ArgumentOutOfRangeException(
                nameof(axis), axis, $"Axis {axis} is out of range for an array of rank {rank}; expected -{rank} <= axis < {rank}.");
        }

        return axis < 0 ? axis + rank : axis;
    }
}
