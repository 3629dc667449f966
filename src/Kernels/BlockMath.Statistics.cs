using System.Numerics;
using System.Numerics.Tensors;

namespace MiniDask.Kernels;

public static partial class BlockMath
{
    /// <summary>
    /// The moments of <paramref name="x"/> along <paramref name="axes"/>, for variance as a tree
    /// reduction: a float64 array of shape <c>(3, ...)</c> where <c>...</c> is the shape with
    /// the reduced axes kept as size 1, and the three planes hold the count, the mean and the sum
    /// of squared deviations from the mean (M2). Two passes over the block (mean, then
    /// deviations) keep M2 accurate; <see cref="CombineMoments"/> merges partials stably.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="NotSupportedException">The elements are complex.</exception>
    public static NDArray<double> Moments<T>(NDArray<T> x, ReadOnlySpan<int> axes)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (typeof(T) == typeof(Complex128))
        {
            throw new NotSupportedException("Moments (var, std) of complex128 are not supported; compute them of Real() and Imag(), or of Abs().");
        }

        var reduced = new bool[x.Rank];
        foreach (var a in axes)
        {
            reduced[Shapes.NormalizeAxis(a, x.Rank)] = true;
        }

        // Reduced axes that are innermost (ignoring size-1 axes) make each output a contiguous
        // segment, which streams through a small buffer; other layouts take the general path.
        var trailing = true;
        for (int axis = x.Rank - 1, seenKept = 0; axis >= 0; axis--)
        {
            if (x.Shape[axis] == 1)
            {
                continue;
            }

            seenKept |= reduced[axis] ? 0 : 1;
            trailing &= !(reduced[axis] && seenKept == 1);
        }

        return trailing ? SegmentMoments(x, reduced) : GeneralMoments(x, axes);
    }

    private static NDArray<double> SegmentMoments<T>(NDArray<T> x, bool[] reduced)
        where T : unmanaged, INumber<T>
    {
        var kept = x.Shape.ToArray();
        var segment = 1;
        for (var axis = 0; axis < kept.Length; axis++)
        {
            if (reduced[axis])
            {
                segment *= kept[axis];
                kept[axis] = 1;
            }
        }

        var result = NDArray<double>.CreateUninitialized([3, .. kept]);
        var size = result.Length / 3;
        var planes = result.Span;
        planes[..size].Fill(segment);
        Span<double> buffer = stackalloc double[512];
        ReadOnlySpan<T> src = x.Span;
        for (var o = 0; o < size; o++)
        {
            var values = src.Slice(o * segment, segment);
            var sum = 0.0;
            for (var at = 0; at < segment; at += buffer.Length)
            {
                sum += TensorPrimitives.Sum(AsDoubles(values.Slice(at, Math.Min(buffer.Length, segment - at)), buffer));
            }

            var mean = segment == 0 ? 0 : sum / segment;
            var m2 = 0.0;
            for (var at = 0; at < segment; at += buffer.Length)
            {
                var chunk = AsDoubles(values.Slice(at, Math.Min(buffer.Length, segment - at)), buffer);
                var deviations = buffer[..chunk.Length];
                TensorPrimitives.Subtract(chunk, mean, deviations);
                m2 += TensorPrimitives.SumOfSquares<double>(deviations);
            }

            planes[size + o] = mean;
            planes[(2 * size) + o] = m2;
        }

        return result;
    }

    /// <summary>The values as doubles: the span itself for doubles, else converted into <paramref name="buffer"/>.</summary>
    private static ReadOnlySpan<double> AsDoubles<T>(ReadOnlySpan<T> values, Span<double> buffer)
        where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(double))
        {
            return System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(values);
        }

        var target = buffer[..values.Length];
        if (typeof(T) == typeof(Bool))
        {
            TensorPrimitives.ConvertTruncating<byte, double>(System.Runtime.InteropServices.MemoryMarshal.Cast<T, byte>(values), target);
        }
        else
        {
            TensorPrimitives.ConvertTruncating<T, double>(values, target);
        }

        return target;
    }

    private static NDArray<double> GeneralMoments<T>(NDArray<T> x, ReadOnlySpan<int> axes)
        where T : unmanaged, INumber<T>
    {
        var values = Cast<T, double>(x);
        var sum = Reduce<SumOperator<double>, double>(values, axes, keepDims: true);
        var count = sum.Length == 0 ? 0 : values.Length / sum.Length;
        var mean = count == 0 ? sum : Binary<DivideOperator<double>, double>(sum, count);
        var deviations = Binary<SubtractOperator<double>, double>(values, mean);
        var m2 = Reduce<SumOperator<double>, double>(Binary<MultiplyOperator<double>, double>(deviations, deviations), axes, keepDims: true);
        var result = NDArray<double>.CreateUninitialized([3, .. sum.Shape]);
        var planes = result.Span;
        var size = sum.Length;
        planes[..size].Fill(count);
        mean.Span.CopyTo(planes.Slice(size, size));
        m2.Span.CopyTo(planes.Slice(2 * size, size));
        return result;
    }

    /// <summary>
    /// Merges two moment partials of the same shape (Chan, Golub and LeVeque's parallel update):
    /// <c>n = na + nb</c>, <c>mean = ma + d nb / n</c>, <c>M2 = M2a + M2b + d² na nb / n</c>, with <c>d = mb - ma</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The partials differ in shape.</exception>
    public static NDArray<double> CombineMoments(NDArray<double> a, NDArray<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!a.Shape.SequenceEqual(b.Shape))
        {
            throw new ArgumentException($"Moment partials of shapes {Shapes.Format(a.Shape)} and {Shapes.Format(b.Shape)} cannot be combined.");
        }

        var result = NDArray<double>.CreateUninitialized(a.Shape);
        var size = a.Length / 3;
        ReadOnlySpan<double> x = a.Span, y = b.Span;
        var dest = result.Span;
        for (var i = 0; i < size; i++)
        {
            double na = x[i], nb = y[i];
            var n = na + nb;
            if (n == 0)
            {
                dest[i] = dest[size + i] = dest[(2 * size) + i] = 0;
                continue;
            }

            var delta = y[size + i] - x[size + i];
            dest[i] = n;
            dest[size + i] = x[size + i] + (delta * nb / n);
            dest[(2 * size) + i] = x[(2 * size) + i] + y[(2 * size) + i] + (delta * delta * na * nb / n);
        }

        return result;
    }

    /// <summary>
    /// The variance from a moment partial: <c>M2 / (n - ddof)</c>, of the partial's shape without
    /// its leading plane axis.
    /// </summary>
    public static NDArray<double> VarianceFromMoments(NDArray<double> moments, double ddof)
    {
        ArgumentNullException.ThrowIfNull(moments);
        var result = NDArray<double>.CreateUninitialized(moments.Shape[1..]);
        var size = result.Length;
        ReadOnlySpan<double> planes = moments.Span;
        var dest = result.Span;
        for (var i = 0; i < size; i++)
        {
            dest[i] = planes[(2 * size) + i] / (planes[i] - ddof);
        }

        return result;
    }

    /// <summary>
    /// The largest (<paramref name="max"/>) or smallest element along <paramref name="axis"/>, or
    /// over all elements when it is null, with its index: NumPy's <c>argmax</c>/<c>argmin</c>
    /// step on one block. Both results keep every axis (reduced ones with size 1); indices count
    /// along the axis, or row-major over the whole block when <paramref name="axis"/> is null.
    /// NaN counts as the extreme and ties go to the first occurrence, as in NumPy.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ArgumentException">The reduced extent is empty: an empty sequence has no extreme.</exception>
    public static (NDArray<T> Values, NDArray<long> Indices) ArgExtreme<T>(NDArray<T> x, int? axis, bool max)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (axis is null)
        {
            var ones = new int[x.Rank];
            ones.AsSpan().Fill(1);
            if (x.Length == 0)
            {
                throw new ArgumentException($"attempt to get {(max ? "argmax" : "argmin")} of an empty sequence (shape {Shapes.Format(x.Shape)}).");
            }

            var at = max ? TensorPrimitives.IndexOfMax(x.Span) : TensorPrimitives.IndexOfMin(x.Span);
            return (NDArray<T>.Full(ones, x.Span[at]), NDArray<long>.Full(ones, at));
        }

        var a = Shapes.NormalizeAxis(axis.Value, x.Rank);
        var n = x.Shape[a];
        var outer = Shapes.ElementCount(x.Shape[..a]);
        var inner = Shapes.ElementCount(x.Shape[(a + 1)..]);
        var shape = x.Shape.ToArray();
        shape[a] = 1;
        var values = NDArray<T>.CreateUninitialized(shape);
        var indices = NDArray<long>.CreateUninitialized(shape);
        if (values.Length > 0 && n == 0)
        {
            throw new ArgumentException($"attempt to get {(max ? "argmax" : "argmin")} of an empty sequence along axis {a} of shape {Shapes.Format(x.Shape)}.");
        }

        ReadOnlySpan<T> src = x.Span;
        Span<T> v = values.Span;
        Span<long> idx = indices.Span;
        for (var o = 0; o < outer; o++)
        {
            var block = src.Slice(o * n * inner, n * inner);
            if (inner == 1)
            {
                var at = max ? TensorPrimitives.IndexOfMax(block) : TensorPrimitives.IndexOfMin(block);
                v[o] = block[at];
                idx[o] = at;
                continue;
            }

            var rowValues = v.Slice(o * inner, inner);
            var rowIndices = idx.Slice(o * inner, inner);
            block[..inner].CopyTo(rowValues);
            rowIndices.Clear();
            for (var k = 1; k < n; k++)
            {
                var row = block.Slice(k * inner, inner);
                for (var j = 0; j < inner; j++)
                {
                    if (Beats(row[j], k, rowValues[j], rowIndices[j], max))
                    {
                        rowValues[j] = row[j];
                        rowIndices[j] = k;
                    }
                }
            }
        }

        return (values, indices);
    }

    /// <summary>
    /// Merges two partial (value, index) results of the same shape elementwise, keeping the
    /// extreme value and, among equal values, the smaller index; NaN beats any number.
    /// </summary>
    /// <exception cref="ArgumentException">The partials differ in shape.</exception>
    public static (NDArray<T> Values, NDArray<long> Indices) CombineArgExtreme<T>(
        NDArray<T> aValues, NDArray<long> aIndices, NDArray<T> bValues, NDArray<long> bIndices, bool max)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(aValues);
        ArgumentNullException.ThrowIfNull(aIndices);
        ArgumentNullException.ThrowIfNull(bValues);
        ArgumentNullException.ThrowIfNull(bIndices);
        if (!aValues.Shape.SequenceEqual(bValues.Shape))
        {
            throw new ArgumentException($"Partials of shapes {Shapes.Format(aValues.Shape)} and {Shapes.Format(bValues.Shape)} cannot be combined.");
        }

        var values = aValues.Copy();
        var indices = aIndices.Copy();
        Span<T> v = values.Span;
        Span<long> idx = indices.Span;
        ReadOnlySpan<T> bv = bValues.Span;
        ReadOnlySpan<long> bi = bIndices.Span;
        for (var i = 0; i < v.Length; i++)
        {
            if (Beats(bv[i], bi[i], v[i], idx[i], max))
            {
                v[i] = bv[i];
                idx[i] = bi[i];
            }
        }

        return (values, indices);
    }

    /// <summary>Whether candidate (value, index) replaces the current one: NaN first, then the extreme, then the smaller index.</summary>
    private static bool Beats<T>(T value, long index, T current, long currentIndex, bool max)
        where T : unmanaged, INumber<T>
    {
        if (T.IsNaN(current))
        {
            return T.IsNaN(value) && index < currentIndex;
        }

        if (T.IsNaN(value))
        {
            return true;
        }

        return max ? value > current || (value == current && index < currentIndex) : value < current || (value == current && index < currentIndex);
    }
}
