using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// The chunk, combine and aggregate steps of the reductions whose partials are not plain blocks
/// of the element type: moments for variance, (value, index) pairs for arg-extremes, and
/// booleans for any/all.
/// </summary>
internal static class ReductionBlockOps<T>
    where T : unmanaged, INumber<T>
{
    /// <summary><c>(block, int[] axes)</c>: the (count, mean, M2) partial of the block.</summary>
    public static object? MomentsChunk(object?[] args) => BlockMath.Moments((NDArray<T>)args[0]!, (int[])args[1]!);

    /// <summary><c>(block, int[] axes)</c>: whether any element along the axes is nonzero, axes kept with size 1.</summary>
    public static object? AnyChunk(object?[] args) =>
        BlockMath.Reduce<AnyOperator, Bool>(BlockMath.Cast<T, Bool>((NDArray<T>)args[0]!), (int[])args[1]!, keepDims: true);

    /// <summary><c>(block, int[] axes)</c>: whether every element along the axes is nonzero, axes kept with size 1.</summary>
    public static object? AllChunk(object?[] args) =>
        BlockMath.Reduce<AllOperator, Bool>(BlockMath.Cast<T, Bool>((NDArray<T>)args[0]!), (int[])args[1]!, keepDims: true);

    /// <summary>
    /// <c>(block, int axis, int[] offsets, int[] shape, bool max)</c>: the block's (values, global
    /// indices) partial. Axis -1 means all axes, with indices row-major over the whole array of
    /// <c>shape</c>; otherwise indices count along the axis from the array's start. A block with
    /// nothing along the axis (an empty block left by a mask) gives an empty partial, which the
    /// later steps skip.
    /// </summary>
    public static object? ArgChunk(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var axis = (int)args[1]!;
        var offsets = (int[])args[2]!;
        var shape = (int[])args[3]!;
        var max = (bool)args[4]!;
        if (block.Length == 0)
        {
            return new object?[] { block, NDArray<long>.CreateUninitialized(block.Shape) };
        }
        var (values, indices) = BlockMath.ArgExtreme(block, axis < 0 ? null : axis, max);
        var idx = indices.Span;
        if (axis >= 0)
        {
            for (var i = 0; i < idx.Length; i++)
            {
                idx[i] += offsets[axis];
            }
        }
        else
        {
            // Local row-major index within the block -> global row-major index within the array.
            var local = idx[0];
            long global = 0;
            var strides = Shapes.RowMajorStrides(block.Shape);
            for (var a = 0; a < block.Rank; a++)
            {
                var coordinate = (local / strides[a]) + offsets[a];
                local %= strides[a];
                global = (global * shape[a]) + coordinate;
            }

            idx[0] = global;
        }

        return new object?[] { values, indices };
    }

    /// <summary><c>(partials[], bool max)</c>: the partials merged into one.</summary>
    public static object? ArgCombine(object?[] args) => MergeArg((object?[])args[0]!, (bool)args[1]!);

    /// <summary><c>(partials[], int[] blockShape, bool max)</c>: the global indices of the extremes, as an int64 block.</summary>
    /// <exception cref="ArgumentException">Every partial is empty but the output block is not: an empty sequence has no extreme.</exception>
    public static object? ArgAggregate(object?[] args)
    {
        var indices = (NDArray<long>)MergeArg((object?[])args[0]!, (bool)args[2]!)[1]!;
        var shape = ChunkGrid.Resolve((int[])args[1]!, indices.Shape);
        return indices.Length == 0 && Shapes.ElementCount(shape) > 0
            ? throw new ArgumentException($"attempt to get {((bool)args[2]! ? "argmax" : "argmin")} of an empty sequence: every block of the reduced axes is empty.")
            : indices.Reshape(shape);
    }

    /// <summary>The partials merged into one, skipping empty ones (all of them empty gives the first).</summary>
    private static object?[] MergeArg(object?[] partials, bool max)
    {
        var nonEmpty = partials.Cast<object?[]>().Where(p => ((NDArray<T>)p[0]!).Length > 0).ToArray();
        if (nonEmpty.Length == 0)
        {
            return (object?[])partials[0]!;
        }

        var values = (NDArray<T>)nonEmpty[0][0]!;
        var indices = (NDArray<long>)nonEmpty[0][1]!;
        for (var i = 1; i < nonEmpty.Length; i++)
        {
            (values, indices) = BlockMath.CombineArgExtreme(values, indices, (NDArray<T>)nonEmpty[i][0]!, (NDArray<long>)nonEmpty[i][1]!, max);
        }

        return [values, indices];
    }
}

/// <summary>The combine and aggregate steps of variance, shared by every element type (partials are float64).</summary>
internal static class MomentOps
{
    /// <summary><c>(partials[])</c>: the moment partials merged into one.</summary>
    public static object? Combine(object?[] args) => Merge((object?[])args[0]!);

    /// <summary><c>(partials[], int[] blockShape, double ddof, bool sqrt)</c>: the variance (or standard deviation) block.</summary>
    public static object? Aggregate(object?[] args)
    {
        var variance = BlockMath.VarianceFromMoments(Merge((object?[])args[0]!), (double)args[2]!);
        if ((bool)args[3]!)
        {
            variance = BlockMath.Unary<SqrtOperator<double>, double>(variance);
        }

        return variance.Reshape(ChunkGrid.Resolve((int[])args[1]!, variance.Shape));
    }

    private static NDArray<double> Merge(object?[] partials)
    {
        var result = (NDArray<double>)partials[0]!;
        for (var i = 1; i < partials.Length; i++)
        {
            result = BlockMath.CombineMoments(result, (NDArray<double>)partials[i]!);
        }

        return result;
    }
}
