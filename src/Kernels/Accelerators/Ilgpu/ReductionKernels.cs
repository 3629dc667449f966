using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace MiniDask.Kernels.Accelerators.Ilgpu;

/// <summary>
/// Reductions, argmin/argmax and running reductions, generic over the reduction operator's
/// <see cref="IReductionOperator{T}.Combine(T, T)"/>. Each output starts from its first element
/// (so ops without an identity, min and max, need none) and combines the rest in a fixed order,
/// so a result does not depend on how many threads or groups ran it.
/// </summary>
internal static class ReductionKernels
{
    /// <summary>Partial <c>p</c> combines elements <c>p, p + parts, p + 2·parts, ...</c> of <paramref name="x"/> (coalesced reads).</summary>
    public static void Strided<TOp, T>(ArrayView1D<T, Stride1D.Dense> x, ArrayView1D<T, Stride1D.Dense> partials, int length, int parts)
        where TOp : IReductionOperator<T>
        where T : unmanaged, INumber<T>
    {
        var stride = ElementwiseKernels.GridStride;
        for (var p = Grid.GlobalIndex.X; p < parts; p += stride)
        {
            var acc = x[p];
            for (var i = p + parts; i < length; i += parts)
            {
                acc = TOp.Combine(acc, x[i]);
            }

            partials[p] = acc;
        }
    }

    /// <summary>Output <c>o</c> combines its reduced elements in row-major order.</summary>
    public static void Axes<TOp, T>(ArrayView1D<T, Stride1D.Dense> x, ArrayView1D<T, Stride1D.Dense> result, ReduceMap map, int outputs)
        where TOp : IReductionOperator<T>
        where T : unmanaged, INumber<T>
    {
        var stride = ElementwiseKernels.GridStride;
        for (var o = Grid.GlobalIndex.X; o < outputs; o += stride)
        {
            var start = map.Base(o);
            var acc = x[start];
            for (var r = 1; r < map.Reduced; r++)
            {
                acc = TOp.Combine(acc, x[start + map.Step(r)]);
            }

            result[o] = acc;
        }
    }

    /// <summary>The index (row-major over the reduced axes) of each output's largest or smallest element; NaN wins, ties go to the first.</summary>
    public static void ArgExtreme<T>(ArrayView1D<T, Stride1D.Dense> x, ArrayView1D<long, Stride1D.Dense> indices, ReduceMap map, int outputs, int max)
        where T : unmanaged, INumber<T>
    {
        var stride = ElementwiseKernels.GridStride;
        for (var o = Grid.GlobalIndex.X; o < outputs; o += stride)
        {
            var start = map.Base(o);
            var best = x[start];
            var at = 0;
            for (var r = 1; r < map.Reduced && !T.IsNaN(best); r++)
            {
                var value = x[start + map.Step(r)];
                if (T.IsNaN(value) || (max != 0 ? value > best : value < best))
                {
                    best = value;
                    at = r;
                }
            }

            indices[o] = at;
        }
    }

    /// <summary>
    /// One thread per line along the axis (of <paramref name="lines"/> = outer × inner lines of
    /// <paramref name="extent"/> elements <paramref name="inner"/> apart): the running combine, in
    /// order, as the host's scan.
    /// </summary>
    public static void Lines<TOp, T>(ArrayView1D<T, Stride1D.Dense> x, ArrayView1D<T, Stride1D.Dense> result, int lines, int extent, int inner)
        where TOp : IReductionOperator<T>
        where T : unmanaged, INumber<T>
    {
        var stride = ElementwiseKernels.GridStride;
        for (var line = Grid.GlobalIndex.X; line < lines; line += stride)
        {
            var start = (line / inner * extent * inner) + (line % inner);
            var acc = x[start];
            result[start] = acc;
            for (var k = 1; k < extent; k++)
            {
                var at = start + (k * inner);
                acc = TOp.Combine(acc, x[at]);
                result[at] = acc;
            }
        }
    }
}
