using System.Numerics;

namespace MiniDask.Kernels;

public static partial class BlockMath
{
    /// <summary>
    /// A strided selection (NumPy's <c>x[start::step]</c> on every axis): along axis <c>i</c>,
    /// <paramref name="count"/>[i] elements starting at <paramref name="start"/>[i], stepping by
    /// <paramref name="step"/>[i] (negative steps walk backwards).
    /// </summary>
    /// <exception cref="ArgumentException">The selection does not lie within the array, or a step is 0.</exception>
    public static NDArray<T> StridedSlice<T>(NDArray<T> x, ReadOnlySpan<int> start, ReadOnlySpan<int> step, ReadOnlySpan<int> count)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var rank = x.Rank;
        var valid = start.Length == rank && step.Length == rank && count.Length == rank;
        for (var i = 0; valid && i < rank; i++)
        {
            var last = (long)start[i] + ((long)(count[i] - 1) * step[i]);
            valid = step[i] != 0 && count[i] >= 0 && (count[i] == 0 || (start[i] >= 0 && start[i] < x.Shape[i] && last >= 0 && last < x.Shape[i]));
        }

        if (!valid)
        {
            throw new ArgumentException(
                $"A strided selection with start [{string.Join(", ", start.ToArray())}], step [{string.Join(", ", step.ToArray())}] and count [{string.Join(", ", count.ToArray())}] does not lie within an array of shape {Shapes.Format(x.Shape)}.");
        }

        var result = NDArray<T>.CreateUninitialized(count);
        if (result.Length == 0)
        {
            return result;
        }

        if (rank == 0)
        {
            result.Span[0] = x.Span[0];
            return result;
        }

        var strides = Shapes.RowMajorStrides(x.Shape);
        var offset = 0;
        var steps = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            offset += start[i] * strides[i];
            steps[i] = step[i] * strides[i];
        }

        var src = x.Span;
        var dest = result.Span;
        var n = count[rank - 1];
        var inner = steps[rank - 1];
        Span<int> counter = stackalloc int[rank];
        for (var o = 0; o < dest.Length; o += n)
        {
            if (inner == 1)
            {
                src.Slice(offset, n).CopyTo(dest.Slice(o, n));
            }
            else
            {
                for (var j = 0; j < n; j++)
                {
                    dest[o + j] = src[offset + (j * inner)];
                }
            }

            for (var axis = rank - 2; axis >= 0; axis--)
            {
                offset += steps[axis];
                if (++counter[axis] < count[axis])
                {
                    break;
                }

                offset -= steps[axis] * count[axis];
                counter[axis] = 0;
            }
        }

        return result;
    }

    /// <summary>
    /// The elements at <paramref name="indices"/> along <paramref name="axis"/>, in that order
    /// (NumPy's <c>take</c>); indices may repeat and come in any order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis or an index is out of range; the message names the shape.</exception>
    public static NDArray<T> Take<T>(NDArray<T> x, ReadOnlySpan<int> indices, int axis)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        axis = Shapes.NormalizeAxis(axis, x.Rank);
        var dim = x.Shape[axis];
        foreach (var i in indices)
        {
            if ((uint)i >= (uint)dim)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(indices), i, $"Index {i} is out of range for axis {axis} of size {dim} (shape {Shapes.Format(x.Shape)}).");
            }
        }

        var shape = x.Shape.ToArray();
        shape[axis] = indices.Length;
        var result = NDArray<T>.CreateUninitialized(shape);
        var outer = 1;
        for (var i = 0; i < axis; i++)
        {
            outer *= shape[i];
        }

        var inner = 1;
        for (var i = axis + 1; i < shape.Length; i++)
        {
            inner *= shape[i];
        }

        var src = x.Span;
        var dest = result.Span;
        for (var o = 0; o < outer; o++)
        {
            for (var j = 0; j < indices.Length; j++)
            {
                src.Slice(((o * dim) + indices[j]) * inner, inner).CopyTo(dest.Slice(((o * indices.Length) + j) * inner, inner));
            }
        }

        return result;
    }

    /// <summary>Joins arrays along <paramref name="axis"/>; all other axes must have equal sizes (NumPy's <c>concatenate</c>).</summary>
    /// <exception cref="ArgumentException">No arrays are given, or their ranks or other axes differ; the message names the shapes.</exception>
    public static NDArray<T> Concatenate<T>(IReadOnlyList<NDArray<T>> arrays, int axis)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(arrays);
        if (arrays.Count == 0)
        {
            throw new ArgumentException("Concatenate needs at least one array.", nameof(arrays));
        }

        var first = arrays[0];
        axis = Shapes.NormalizeAxis(axis, first.Rank);
        var shape = first.Shape.ToArray();
        shape[axis] = 0;
        foreach (var a in arrays)
        {
            var fits = a.Rank == first.Rank;
            for (var i = 0; fits && i < shape.Length; i++)
            {
                fits = i == axis || a.Shape[i] == shape[i];
            }

            if (!fits)
            {
                throw new ArgumentException(
                    $"Cannot concatenate shapes {string.Join(", ", arrays.Select(x => Shapes.Format(x.Shape)))} along axis {axis}: all other axes must match.");
            }

            shape[axis] += a.Shape[axis];
        }

        var result = NDArray<T>.CreateUninitialized(shape);
        var at = new int[shape.Length];
        foreach (var a in arrays)
        {
            CopyInto(a, result, at);
            at[axis] += a.Shape[axis];
        }

        return result;
    }
}
