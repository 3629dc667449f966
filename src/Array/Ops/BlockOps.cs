using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>Block ops that do not depend on an element type.</summary>
internal static class BlockOps
{
    /// <summary><c>(long seed, int[] blockIndex, int[] blockShape)</c>: a block of uniform random doubles.</summary>
    public static object? Random(object?[] args) =>
        BlockRandom.Uniform((long)args[0]!, (int[])args[1]!, (int[])args[2]!);
}

/// <summary>
/// The array block ops for element type <typeparamref name="T"/>, in the <c>OpFunc</c> shape:
/// arguments arrive resolved (blocks as <see cref="NDArray{T}"/>, lists as <c>object?[]</c>).
/// Inputs are never modified.
/// </summary>
internal static class BlockOps<T>
    where T : unmanaged, INumber<T>
{
    /// <summary><c>(NDArray block)</c>: the block held in the task, as it is.</summary>
    public static object? Block(object?[] args) => (NDArray<T>)args[0]!;

    /// <summary><c>(int[] shape, T value)</c>: a block filled with one value.</summary>
    public static object? Full(object?[] args) => NDArray<T>.Full((int[])args[0]!, (T)args[1]!);

    /// <summary>
    /// <c>(x, y)</c> where each is a block or a scalar: <typeparamref name="TOp"/> elementwise,
    /// blocks broadcast against each other.
    /// </summary>
    public static object? Binary<TOp>(object?[] args)
        where TOp : IBinaryOperator<T> => (args[0], args[1]) switch
        {
            (NDArray<T> x, NDArray<T> y) => BlockMath.Binary<TOp, T>(x, y),
            (NDArray<T> x, T y) => BlockMath.Binary<TOp, T>(x, y),
            (T x, NDArray<T> y) => BlockMath.Binary<TOp, T>(x, y),
            var (x, y) => throw new ArgumentException(
                $"An elementwise op takes blocks of {DTypes.NameOf<T>()} or scalars; got {x?.GetType().Name ?? "null"} and {y?.GetType().Name ?? "null"}."),
        };

    /// <summary><c>(block, int[] axes)</c>: the block's axes permuted.</summary>
    public static object? Transpose(object?[] args) => BlockMath.Transpose((NDArray<T>)args[0]!, (int[])args[1]!);

    /// <summary>
    /// <c>(block, int[] axes)</c>: the chunk step of a tree reduction, keeping the reduced axes with
    /// size 1. A block with no elements along a reduced axis (a masked block that kept nothing)
    /// is passed on as it is, an empty partial that the later steps skip, so that ops without an
    /// identity (max, min) fail only when every block is empty, as NumPy does.
    /// </summary>
    public static object? ReduceChunk<TOp>(object?[] args)
        where TOp : IReductionOperator<T>
    {
        var block = (NDArray<T>)args[0]!;
        var axes = (int[])args[1]!;
        return axes.Any(a => block.Shape[a] == 0) ? block : BlockMath.Reduce<TOp, T>(block, axes, keepDims: true);
    }

    /// <summary><c>(partials[])</c>: the combine step, merging partial results of equal shape elementwise; empty partials are skipped.</summary>
    public static object? Combine<TOp>(object?[] args)
        where TOp : IReductionOperator<T> => CombineAll<TOp>((object?[])args[0]!) ?? (NDArray<T>)((object?[])args[0]!)[0]!;

    /// <summary>
    /// <c>(partials[], int[] blockShape)</c>: the aggregate step, merging the last partials into an
    /// output block. Where every partial is empty the block is the op's identity (an error for ops
    /// without one). Block sizes of -1 are read from the partial on the same axis.
    /// </summary>
    /// <exception cref="InvalidOperationException">Every partial is empty and the op has no identity.</exception>
    public static object? Aggregate<TOp>(object?[] args)
        where TOp : IReductionOperator<T> => Merge<TOp>((object?[])args[0]!, (int[])args[1]!);

    /// <summary><c>(partials[], int[] blockShape, long count)</c>: the aggregate step of a mean, summing and dividing by the count.</summary>
    public static object? MeanAggregate(object?[] args)
    {
        var sum = Merge<SumOperator<T>>((object?[])args[0]!, (int[])args[1]!);
        return BlockMath.Binary<DivideOperator<T>, T>(sum, T.CreateChecked((long)args[2]!));
    }

    private static NDArray<T> Merge<TOp>(object?[] partials, int[] blockShape)
        where TOp : IReductionOperator<T>
    {
        if (CombineAll<TOp>(partials) is { } merged)
        {
            return merged.Reshape(ChunkGrid.Resolve(blockShape, merged.Shape));
        }

        var empty = (NDArray<T>)partials[0]!;
        var shape = ChunkGrid.Resolve(blockShape, empty.Shape);
        return Shapes.ElementCount(shape) == 0 ? empty.Reshape(shape) : NDArray<T>.Full(shape, TOp.Aggregate([]));
    }

    /// <summary>The non-empty partials merged elementwise, or null when every partial is empty.</summary>
    private static NDArray<T>? CombineAll<TOp>(object?[] partials)
        where TOp : IReductionOperator<T>
    {
        NDArray<T>? first = null;
        NDArray<T>? result = null;
        foreach (var partial in partials.Cast<NDArray<T>>().Where(p => p.Length > 0))
        {
            if (first is null)
            {
                first = partial;
                continue;
            }

            if (result is null)
            {
                result = NDArray<T>.CreateUninitialized(first.Shape);
                TOp.Combine(first.Span, partial.Span, result.Span);
                continue;
            }

            TOp.Combine(result.Span, partial.Span, result.Span);
        }

        return result ?? first;
    }
}
