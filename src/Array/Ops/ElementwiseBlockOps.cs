using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Elementwise and structural block ops for element type <typeparamref name="T"/>, in the
/// <c>OpFunc</c> shape. Operands that may be a block or a scalar accept either.
/// </summary>
internal static class ElementwiseBlockOps<T>
    where T : unmanaged, INumber<T>
{
    /// <summary><c>(block)</c>: <typeparamref name="TOp"/> on every element.</summary>
    public static object? Unary<TOp>(object?[] args)
        where TOp : IUnaryOperator<T> => BlockMath.Unary<TOp, T>((NDArray<T>)args[0]!);

    /// <summary><c>(x, y)</c>, blocks or scalars: the comparison as a boolean block.</summary>
    public static object? Compare<TOp>(object?[] args)
        where TOp : IComparisonOperator<T> => (args[0], args[1]) switch
        {
            (NDArray<T> x, NDArray<T> y) => BlockMath.Compare<TOp, T>(x, y),
            (NDArray<T> x, T y) => BlockMath.Compare<TOp, T>(x, y),
            (T x, NDArray<T> y) => BlockMath.Compare<TOp, T>(x, y),
            var (x, y) => throw new ArgumentException(
                $"A comparison takes blocks of {DTypes.NameOf<T>()} or scalars; got {x?.GetType().Name ?? "null"} and {y?.GetType().Name ?? "null"}."),
        };

    /// <summary><c>(condition, x, y)</c>: x where the boolean condition block holds, else y; x and y are blocks or scalars.</summary>
    public static object? Where(object?[] args) => BlockMath.Where((NDArray<Bool>)args[0]!, Block(args[1]), Block(args[2]));

    /// <summary><c>(block)</c>: the block converted to <typeparamref name="TOut"/>.</summary>
    public static object? Cast<TOut>(object?[] args)
        where TOut : unmanaged, INumber<TOut> => BlockMath.Cast<T, TOut>((NDArray<T>)args[0]!);

    /// <summary><c>(block, T min, T max)</c>: every element limited to <c>[min, max]</c>.</summary>
    public static object? Clip(object?[] args)
    {
        var lower = BlockMath.Binary<MaximumOperator<T>, T>((NDArray<T>)args[0]!, (T)args[1]!);
        return BlockMath.Binary<MinimumOperator<T>, T>(lower, (T)args[2]!);
    }

    /// <summary>
    /// <c>(int[] shape, blocks[], int[][] starts, int[][] lengths, int[][] offsets)</c>: a new block
    /// assembled from the given regions of old blocks (the unify-chunks step). A length of -1
    /// takes the whole of its block along that axis, and a -1 in the shape that same size.
    /// </summary>
    public static object? Assemble(object?[] args)
    {
        var shape = (int[])args[0]!;
        var blocks = (object?[])args[1]!;
        var starts = (int[][])args[2]!;
        var lengths = (int[][])args[3]!;
        var offsets = (int[][])args[4]!;
        if (shape.Contains(ChunkGrid.Unknown))
        {
            lengths = [.. lengths.Select((length, i) => ChunkGrid.Resolve(length, ((NDArray<T>)blocks[i]!).Shape))];
            shape = ChunkGrid.Resolve(shape, lengths[0]);
        }

        if (blocks.Length == 1)
        {
            return BlockMath.Slice((NDArray<T>)blocks[0]!, starts[0], lengths[0]);
        }

        var result = NDArray<T>.CreateUninitialized(shape);
        for (var i = 0; i < blocks.Length; i++)
        {
            var block = (NDArray<T>)blocks[i]!;
            var piece = block.Shape.SequenceEqual(lengths[i]) ? block : BlockMath.Slice(block, starts[i], lengths[i]);
            BlockMath.CopyInto(piece, result, offsets[i]);
        }

        return result;
    }

    /// <summary>
    /// <c>(block, int axis, T identity)</c>: the last element along the axis, which is kept with
    /// size 1; a block with nothing along the axis (a masked block that kept nothing) gives the
    /// identity of the running op instead.
    /// </summary>
    public static object? TakeLast(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var axis = (int)args[1]!;
        var start = new int[block.Rank];
        var shape = block.Shape.ToArray();
        if (shape[axis] == 0)
        {
            shape[axis] = 1;
            return NDArray<T>.Full(shape, (T)args[2]!);
        }

        start[axis] = shape[axis] - 1;
        shape[axis] = 1;
        return BlockMath.Slice(block, start, shape);
    }

    /// <summary><c>(block, int axis)</c>: the running <typeparamref name="TOp"/> along the axis within the block.</summary>
    public static object? Cumulative<TOp>(object?[] args)
        where TOp : IReductionOperator<T> => BlockMath.Cumulative<TOp, T>((NDArray<T>)args[0]!, (int)args[1]!);

    /// <summary><c>(T start, T step, long offset, int length)</c>: <c>start + (offset + i) * step</c> for each i.</summary>
    public static object? Arange(object?[] args)
    {
        var start = (T)args[0]!;
        var step = (T)args[1]!;
        var offset = (long)args[2]!;
        var result = NDArray<T>.CreateUninitialized([(int)args[3]!]);
        var dest = result.Span;
        for (var i = 0; i < dest.Length; i++)
        {
            dest[i] = start + (T.CreateTruncating(offset + i) * step);
        }

        return result;
    }

    /// <summary><c>(int[] shape, int rowOffset, int colOffset, int k)</c>: ones on diagonal k of the full matrix, zeros elsewhere.</summary>
    public static object? Eye(object?[] args)
    {
        var shape = (int[])args[0]!;
        var row = (int)args[1]!;
        var col = (int)args[2]!;
        var k = (int)args[3]!;
        var result = new NDArray<T>(shape);
        for (var i = 0; i < shape[0]; i++)
        {
            var j = row + i + k - col;
            if (j >= 0 && j < shape[1])
            {
                result[i, j] = T.One;
            }
        }

        return result;
    }

    /// <summary>The block <paramref name="value"/>, or a 0-d block of the scalar <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">The value is neither a block nor a scalar of <typeparamref name="T"/>.</exception>
    internal static NDArray<T> Block(object? value) => value switch
    {
        NDArray<T> block => block,
        T scalar => NDArray<T>.Scalar(scalar),
        _ => throw new ArgumentException($"Expected a block or scalar of {DTypes.NameOf<T>()}; got {value?.GetType().Name ?? "null"}."),
    };
}
