using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// NumPy broadcasting at the level of blocks, for any number of operands: shapes align from the
/// right, missing leading axes and size-1 axes stretch, and where operands chunk an aligned axis
/// differently both are re-cut to the union of their block boundaries (Dask's
/// <c>unify_chunks</c>). Builds the layer of an elementwise op over the aligned blocks.
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
        var aligned = Align(inputs);
        var name = Tokenize.Name(prefix, [.. inputs.Select(i => i.Name), .. literals]);
        var tasks = new Dictionary<Key, DaskTask>();
        foreach (var index in ChunkGrid.Indices(ChunkGrid.BlockCounts(aligned.Chunks)))
        {
            var args = new List<TaskArg>(inputs.Count + literals.Length);
            foreach (var input in aligned.Inputs)
            {
                args.Add(input.BlockKey(OperandBlock(index, input)));
            }

            args.AddRange(literals.Select(TaskArg.Literal));
            tasks[new Key(name, index)] = new DaskTask(op, [.. args]);
        }

        var graph = TaskGraph.FromLayer(new Layer(name, tasks), aligned.Inputs.Select(i => i.Graph));
        return new ArrayNode(name, aligned.Shape, aligned.Chunks, graph, outDType);
    }

    /// <summary>A layer applying <paramref name="op"/> to each block of <paramref name="x"/> with a scalar before or after it.</summary>
    public static ArrayNode WithScalar(string prefix, string op, string outDType, ArrayNode x, object scalar, bool scalarFirst)
    {
        var name = Tokenize.Name(prefix, scalarFirst ? "scalar-array" : "array-scalar", x.Name, scalar);
        var tasks = new Dictionary<Key, DaskTask>();
        foreach (var index in ChunkGrid.Indices(ChunkGrid.BlockCounts(x.Chunks)))
        {
            var block = TaskArg.Ref(x.BlockKey(index));
            var value = TaskArg.Literal(scalar);
            tasks[new Key(name, index)] = scalarFirst ? new DaskTask(op, value, block) : new DaskTask(op, block, value);
        }

        return new ArrayNode(name, x.Shape, x.Chunks, TaskGraph.FromLayer(new Layer(name, tasks), x.Graph), outDType);
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

    /// <summary>The block of <paramref name="input"/> that output block <paramref name="index"/> reads: broadcast axes read block 0.</summary>
    public static int[] OperandBlock(int[] index, ArrayNode input)
    {
        var block = new int[input.Rank];
        var skip = index.Length - input.Rank;
        for (var axis = 0; axis < block.Length; axis++)
        {
            block[axis] = input.Chunks[axis].Length == 1 ? 0 : index[axis + skip];
        }

        return block;
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
