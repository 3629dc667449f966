using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// NumPy broadcasting at the level of blocks, for any number of operands: shapes align from the
/// right, missing leading axes and size-1 axes stretch, and where operands chunk an aligned axis
/// differently both are re-cut to the union of their block boundaries (Dask's
/// <c>unify_chunks</c>). Builds the <see cref="Blockwise"/> layer of an elementwise op over the
/// aligned blocks, through <see cref="ArrayBlockwise"/>.
/// </summary>
internal static class ElementwiseLayer
{
    /// <summary>
    /// A layer applying block op <paramref name="op"/> to the aligned blocks of
    /// <paramref name="inputs"/>, followed by <paramref name="literals"/>; its key name is
    /// <c>{prefix}-{token}</c> of the inputs and literals.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast; the message names every shape and chunking.</exception>
    public static ArrayNode Map(string prefix, string op, string outDType, IReadOnlyList<ArrayNode> inputs, params object?[] literals)
    {
        var name = Tokenize.Name(prefix, [.. inputs.Select(i => i.Name), .. literals]);
        return Build(name, op, outDType, Align(inputs), reads => [.. reads, .. ArrayBlockwise.Literals(literals)]);
    }

    /// <summary>A layer applying <paramref name="op"/> to each block of <paramref name="x"/> with a scalar before or after it.</summary>
    public static ArrayNode WithScalar(string prefix, string op, string outDType, ArrayNode x, object scalar, bool scalarFirst)
    {
        var name = Tokenize.Name(prefix, scalarFirst ? "scalar-array" : "array-scalar", x.Name, scalar);
        var value = BlockwiseArg.Literal(scalar);
        return Build(name, op, outDType, new Alignment(x.Shape, x.Chunks, [x]), reads => scalarFirst ? [value, reads[0]] : [reads[0], value]);
    }

    /// <summary>
    /// The elementwise layer named <paramref name="name"/> over aligned operands: each output
    /// block's task calls <paramref name="op"/> with the arguments <paramref name="arguments"/>
    /// makes from the operands' reads (each operand's trailing letters; a one-block axis broadcasts).
    /// </summary>
    public static ArrayNode Build(string name, string op, string outDType, Alignment aligned, Func<BlockwiseArg[], BlockwiseArg[]> arguments)
    {
        var letters = ArrayBlockwise.Letters(aligned.Shape.Length);
        var reads = aligned.Inputs.Select(input => ArrayBlockwise.Blocks(input, letters[(letters.Length - input.Rank)..])).ToArray();
        return ArrayBlockwise.Build(name, letters, aligned.Chunks, outDType, new BlockwiseTask(op, arguments(reads)), aligned.Inputs, aligned.Shape);
    }

    /// <summary>
    /// The broadcast shape and chunks of <paramref name="inputs"/>, and the inputs re-cut to share
    /// block boundaries. An axis whose size is unknown in some operand is not re-cut: every
    /// operand that does not broadcast along it must have exactly the same blocks there.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast; the message names every shape and chunking.</exception>
    /// <exception cref="UnknownChunkSizesException">Operands differ in their blocks along an axis of unknown size.</exception>
    public static Alignment Align(IReadOnlyList<ArrayNode> inputs)
    {
        var rank = inputs.Max(i => i.Rank);
        var shape = new int[rank];
        var chunks = new int[rank][];
        for (var axis = 0; axis < rank; axis++)
        {
            var dims = inputs.Select(i => Dim(i, axis, rank)).ToArray();
            if (dims.Contains(ChunkGrid.Unknown))
            {
                (shape[axis], chunks[axis]) = AlignUnknown(inputs, axis, rank);
                continue;
            }

            var stretched = dims.Where(d => d != 1).Distinct().ToArray();
            if (stretched.Length > 1)
            {
                throw Mismatch(inputs, $"axis {axis} has sizes {string.Join(" and ", dims)}; aligned from the right, sizes must be equal or 1");
            }

            shape[axis] = stretched.Length == 1 ? stretched[0] : 1;
            var own = inputs.Where(i => axis >= rank - i.Rank && Dim(i, axis, rank) == shape[axis]).Select(i => i.Chunks[axis - (rank - i.Rank)]).ToList();
            chunks[axis] = UnifyChunks.Common(own);
        }

        var recut = inputs.Select(input =>
        {
            var skip = rank - input.Rank;
            var target = input.Chunks.Select((c, a) => input.Shape[a] == shape[a + skip] ? chunks[a + skip] : c).ToArray();
            return UnifyChunks.To(input, target);
        }).ToArray();
        return new Alignment(shape, chunks, recut);
    }

    /// <summary>
    /// An axis where some operand's size is unknown: operands of known size 1 broadcast, and every
    /// other operand must have the same blocks, which the output keeps.
    /// </summary>
    private static (int Size, int[] Chunks) AlignUnknown(IReadOnlyList<ArrayNode> inputs, int axis, int rank)
    {
        var along = inputs.Where(i => Dim(i, axis, rank) != 1).ToArray();
        var first = along.First(i => Dim(i, axis, rank) == ChunkGrid.Unknown);
        var firstChunks = first.Chunks[axis - (rank - first.Rank)];
        foreach (var other in along)
        {
            if (!other.Chunks[axis - (rank - other.Rank)].AsSpan().SequenceEqual(firstChunks))
            {
                var operation = $"Broadcasting {string.Join(" against ", inputs.Select(i => $"array {i.Name} of shape {ChunkGrid.FormatShape(i.Shape)} with chunks {ChunkGrid.Format(i.Chunks)}"))}, whose blocks differ along output axis {axis},";
                throw UnknownChunkSizesException.For(first.Name, first.Shape, first.Chunks, operation, [axis - (rank - first.Rank)]);
            }
        }

        return (ChunkGrid.Unknown, firstChunks);
    }

    private static int Dim(ArrayNode input, int axis, int rank)
    {
        var own = axis - (rank - input.Rank);
        return own < 0 ? 1 : input.Shape[own];
    }

    private static ArgumentException Mismatch(IReadOnlyList<ArrayNode> inputs, string reason) =>
        new($"Cannot broadcast {string.Join(" against ", inputs.Select(i => $"an array of shape {ChunkGrid.FormatShape(i.Shape)} with chunks {ChunkGrid.Format(i.Chunks)}"))}: {reason}.");

    /// <summary>Broadcast operands: the output's shape and chunks and the re-cut inputs.</summary>
    public sealed record Alignment(int[] Shape, int[][] Chunks, ArrayNode[] Inputs);
}
