using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Registers the block ops of the shape and construction routines (broadcast_to, repeat,
/// tril/triu, diag, diagonal, coarsen, choose), called from <see cref="ArrayOps"/>' module
/// initializer. Names follow <c>array.{op}.{dtype}</c>.
/// </summary>
internal static class ShapeOps
{
    /// <summary>Registers every op; idempotent like <see cref="OpRegistry.Register"/>.</summary>
    public static void Register() => DTypeLists.ForEach(default(Registration));

    private readonly struct Registration : IDTypeAction
    {
        public void Run<T>()
            where T : unmanaged, INumber<T>
        {
            OpRegistry.Register(ArrayOps.Name<T>("broadcast-to"), ShapeBlockOps<T>.BroadcastTo);
            OpRegistry.Register(ArrayOps.Name<T>("repeat"), ShapeBlockOps<T>.Repeat);
            OpRegistry.Register(ArrayOps.Name<T>("tri"), ShapeBlockOps<T>.Tri);
            OpRegistry.Register(ArrayOps.Name<T>("diag-block"), ShapeBlockOps<T>.DiagBlock);
            OpRegistry.Register(ArrayOps.Name<T>("diagonal-block"), ShapeBlockOps<T>.DiagonalBlock);
            OpRegistry.Register(ArrayOps.Name<T>("coarsen"), ShapeBlockOps<T>.Coarsen);
            OpRegistry.Register(ArrayOps.Name<T>("choose"), ShapeBlockOps<T>.Choose);
            OpRegistry.Register(ArrayOps.Name<T>("vindex"), ShapeBlockOps<T>.Vindex);
        }
    }
}

/// <summary>The shape and construction block ops for element type <typeparamref name="T"/>, in the <c>OpFunc</c> shape.</summary>
internal static class ShapeBlockOps<T>
    where T : unmanaged, INumber<T>
{
    /// <summary><c>(int[] blockShape, block)</c>: the block broadcast to the output block's shape.</summary>
    public static object? BroadcastTo(object?[] args) => BlockMath.BroadcastTo((NDArray<T>)args[1]!, (int[])args[0]!);

    /// <summary><c>(block, int repeats, int axis)</c>: each element repeated along the axis (NumPy's <c>repeat</c>).</summary>
    public static object? Repeat(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var repeats = (int)args[1]!;
        var axis = (int)args[2]!;
        var indices = Enumerable.Range(0, block.Shape[axis] * repeats).Select(i => i / repeats).ToArray();
        return BlockMath.Take(block, indices, axis);
    }

    /// <summary>
    /// <c>(block, int[] start, int k, bool lower)</c>: the block with the elements above diagonal k
    /// (lower) or below it (upper) of its last two axes set to zero; <c>start</c> is where the
    /// block starts in the array.
    /// </summary>
    public static object? Tri(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var start = (int[])args[1]!;
        var k = (int)args[2]!;
        var lower = (bool)args[3]!;
        var result = block.Copy();
        var rank = block.Rank;
        var (rows, cols) = (block.Shape[rank - 2], block.Shape[rank - 1]);
        var (row0, col0) = (start[rank - 2], start[rank - 1]);
        var span = result.Span;
        for (var offset = 0; offset < span.Length; offset += rows * cols)
        {
            for (var i = 0; i < rows; i++)
            {
                for (var j = 0; j < cols; j++)
                {
                    var above = col0 + j - (row0 + i) > k;
                    var below = col0 + j - (row0 + i) < k;
                    if (lower ? above : below)
                    {
                        span[offset + (i * cols) + j] = T.Zero;
                    }
                }
            }
        }

        return result;
    }

    /// <summary>
    /// <c>(int[] blockShape, int[] blockIndex, block of v)</c>: a block of the square matrix with
    /// v on its diagonal: v's block laid on the diagonal for a diagonal block, zeros elsewhere.
    /// </summary>
    public static object? DiagBlock(object?[] args)
    {
        var shape = (int[])args[0]!;
        var index = (int[])args[1]!;
        var result = new NDArray<T>(shape);
        if (index[0] == index[1])
        {
            var v = ((NDArray<T>)args[2]!).Span;
            for (var i = 0; i < v.Length; i++)
            {
                result[i, i] = v[i];
            }
        }

        return result;
    }

    /// <summary>
    /// <c>(block, int row, int col, int length)</c>: <c>length</c> elements along the diagonal of the
    /// block's last two axes from <c>(row, col)</c>, as the last axis of the result.
    /// </summary>
    public static object? DiagonalBlock(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var row = (int)args[1]!;
        var col = (int)args[2]!;
        var length = (int)args[3]!;
        var rank = block.Rank;
        var (rows, cols) = (block.Shape[rank - 2], block.Shape[rank - 1]);
        var lead = block.Shape[..(rank - 2)].ToArray();
        var result = NDArray<T>.CreateUninitialized([.. lead, length]);
        var source = block.Span;
        var destination = result.Span;
        var outer = Shapes.ElementCount(lead);
        for (var o = 0; o < outer; o++)
        {
            for (var t = 0; t < length; t++)
            {
                destination[(o * length) + t] = source[(o * rows * cols) + ((row + t) * cols) + col + t];
            }
        }

        return result;
    }

    /// <summary>
    /// <c>(block, string reduction, int[] factors)</c>: each window of <c>factors</c> elements
    /// reduced to one by sum, mean, min, max or prod (Dask's <c>coarsen</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A block size is not a multiple of its factor, or the reduction is unknown.</exception>
    public static object? Coarsen(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var reduction = (string)args[1]!;
        var factors = (int[])args[2]!;
        var shape = block.Shape.ToArray();
        var outShape = new int[shape.Length];
        for (var a = 0; a < shape.Length; a++)
        {
            if (shape[a] % factors[a] != 0)
            {
                throw new ArgumentException($"Coarsen: block of shape {Shapes.Format(shape)} is not a multiple of the factors {Shapes.Format(factors)} along axis {a}.");
            }

            outShape[a] = shape[a] / factors[a];
        }

        var result = NDArray<T>.CreateUninitialized(outShape);
        var window = Shapes.ElementCount(factors);
        var strides = Shapes.RowMajorStrides(shape);
        var source = block.Span;
        var destination = result.Span;
        var at = new int[shape.Length];
        var inner = new int[shape.Length];
        for (var o = 0; o < destination.Length; o++)
        {
            Unravel(o, outShape, at);
            var acc = reduction switch { "prod" => T.One, _ => T.Zero };
            for (var w = 0; w < window; w++)
            {
                Unravel(w, factors, inner);
                var flat = 0;
                for (var a = 0; a < shape.Length; a++)
                {
                    flat += ((at[a] * factors[a]) + inner[a]) * strides[a];
                }

                var v = source[flat];
                acc = w == 0 && reduction is "min" or "max" ? v : reduction switch
                {
                    "sum" or "mean" => acc + v,
                    "prod" => acc * v,
                    "min" => T.IsNaN(acc) || T.IsNaN(v) ? T.CreateTruncating(double.NaN) : T.Min(acc, v),
                    "max" => T.IsNaN(acc) || T.IsNaN(v) ? T.CreateTruncating(double.NaN) : T.Max(acc, v),
                    _ => throw new ArgumentException($"Coarsen reduction '{reduction}' is unknown; use sum, mean, min, max or prod."),
                };
            }

            destination[o] = reduction == "mean" ? acc / T.CreateTruncating(window) : acc;
        }

        return result;
    }

    /// <summary>
    /// <c>(index block of int64, choice blocks...)</c>: each element taken from the choice its index
    /// names (NumPy's <c>choose</c>), all operands broadcast to one shape.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside <c>[0, choices)</c>.</exception>
    public static object? Choose(object?[] args)
    {
        var index = (NDArray<long>)args[0]!;
        var choices = args.Skip(1).Select(c => (NDArray<T>)c!).ToArray();
        var shape = choices.Aggregate(index.Shape.ToArray(), (s, c) => Shapes.Broadcast(s, c.Shape));
        var idx = BlockMath.BroadcastTo(index, shape).Span;
        var spans = choices.Select(c => BlockMath.BroadcastTo(c, shape)).ToArray();
        var result = NDArray<T>.CreateUninitialized(shape);
        var destination = result.Span;
        for (var i = 0; i < destination.Length; i++)
        {
            var k = idx[i];
            if ((ulong)k >= (ulong)spans.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(args), k, $"Choose: index {k} is outside [0, {spans.Length}), the number of choices.");
            }

            destination[i] = spans[k].Span[i];
        }

        return result;
    }

    /// <summary>
    /// <c>(blocks[], int[] blockOf, int[][] local, int[] outShape)</c>: the points of a pointwise
    /// (vindex) selection, each read from the block <c>blockOf</c> names at its local coordinates
    /// over the indexed axes; the rest of each block's axes follow the point axis.
    /// </summary>
    public static object? Vindex(object?[] args)
    {
        var blocks = ((object?[])args[0]!).Select(b => (NDArray<T>)b!).ToArray();
        var blockOf = (int[])args[1]!;
        var local = (int[][])args[2]!;
        var outShape = (int[])args[3]!;
        var result = NDArray<T>.CreateUninitialized(outShape);
        var rest = Shapes.ElementCount(outShape.AsSpan(1));
        var destination = result.Span;
        for (var p = 0; p < blockOf.Length; p++)
        {
            var block = blocks[blockOf[p]];
            var strides = Shapes.RowMajorStrides(block.Shape);
            var flat = 0;
            for (var a = 0; a < local[p].Length; a++)
            {
                flat += local[p][a] * strides[a];
            }

            block.Span.Slice(flat, rest).CopyTo(destination.Slice(p * rest, rest));
        }

        return result;
    }

    private static void Unravel(int flat, int[] shape, int[] index)
    {
        for (var a = shape.Length - 1; a >= 0; a--)
        {
            index[a] = flat % shape[a];
            flat /= shape[a];
        }
    }
}
