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

    /// <summary><c>(block, int[] axes)</c>: the chunk step of a tree reduction, keeping the reduced axes with size 1.</summary>
    public static object? ReduceChunk<TOp>(object?[] args)
        where TOp : IReductionOperator<T> => BlockMath.Reduce<TOp, T>((NDArray<T>)args[0]!, (int[])args[1]!, keepDims: true);

    /// <summary><c>(partials[])</c>: the combine step, merging partial results of equal shape elementwise.</summary>
    public static object? Combine<TOp>(object?[] args)
        where TOp : IReductionOperator<T> => CombineAll<TOp>((object?[])args[0]!);

    /// <summary><c>(partials[], int[] blockShape)</c>: the aggregate step, merging the last partials into an output block.</summary>
    public static object? Aggregate<TOp>(object?[] args)
        where TOp : IReductionOperator<T> => CombineAll<TOp>((object?[])args[0]!).Reshape((int[])args[1]!);

    /// <summary><c>(partials[], int[] blockShape, long count)</c>: the aggregate step of a mean, summing and dividing by the count.</summary>
    public static object? MeanAggregate(object?[] args)
    {
        var sum = CombineAll<SumOperator<T>>((object?[])args[0]!);
        var mean = BlockMath.Binary<DivideOperator<T>, T>(sum, T.CreateChecked((long)args[2]!));
        return mean.Reshape((int[])args[1]!);
    }

    private static NDArray<T> CombineAll<TOp>(object?[] partials)
        where TOp : IReductionOperator<T>
    {
        var first = (NDArray<T>)partials[0]!;
        if (partials.Length == 1)
        {
            return first;
        }

        var result = NDArray<T>.CreateUninitialized(first.Shape);
        TOp.Combine(first.Span, ((NDArray<T>)partials[1]!).Span, result.Span);
        for (var i = 2; i < partials.Length; i++)
        {
            TOp.Combine(result.Span, ((NDArray<T>)partials[i]!).Span, result.Span);
        }

        return result;
    }
}
