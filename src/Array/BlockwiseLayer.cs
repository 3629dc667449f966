using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Dask's <c>blockwise</c> in index notation: each input's axes are named by letters, the
/// output's letters say which blocks line up. Letters shared by inputs must have equal sizes
/// (their chunks are unified); letters missing from the output are contracted, so those axes
/// are joined into one block first; output letters missing from every input are new axes.
/// Each task runs the op on the output's expected block shape and the input blocks: a
/// <see cref="Blockwise"/> layer made by <see cref="ArrayBlockwise"/>, whose contracted letters
/// pass the one block they were joined into.
/// </summary>
internal static class BlockwiseLayer
{
    /// <summary>
    /// Builds the layer; the op takes <c>(int[] blockShape, blocks...)</c>, with the block's
    /// index or the literals of its <see cref="BlockInfo"/> after the shape as <paramref name="extra"/> asks.
    /// </summary>
    /// <exception cref="ArgumentException">Indices do not match the inputs' ranks, sizes of a letter differ, an output letter is unknown, or explicit chunks do not fit.</exception>
    public static ArrayNode Build(
        string prefix, string op, string outDType, string outIndex, IReadOnlyList<(ArrayNode Array, string Index)> inputs,
        IReadOnlyDictionary<char, int>? newAxes, int[][]? outChunks, BlockArguments extra = BlockArguments.None)
    {
        newAxes ??= new Dictionary<char, int>();
        var occurrences = new Dictionary<char, List<(ArrayNode Array, int Axis)>>();
        foreach (var (array, index) in inputs)
        {
            if (index.Length != array.Rank || index.Distinct().Count() != index.Length)
            {
                throw new ArgumentException(
                    $"Index '{index}' does not name the {array.Rank} axes of array {array.Name} of shape {Shapes.Format(array.Shape)} with distinct letters.");
            }

            for (var axis = 0; axis < index.Length; axis++)
            {
                if (!occurrences.TryGetValue(index[axis], out var list))
                {
                    occurrences[index[axis]] = list = [];
                }

                list.Add((array, axis));
            }
        }

        var letterChunks = new Dictionary<char, int[]>();
        foreach (var (letter, list) in occurrences)
        {
            var sizes = list.Select(o => o.Array.Shape[o.Axis]).Distinct().ToArray();
            if (sizes.Contains(ChunkGrid.Unknown))
            {
                var (first, axis) = list.First(o => o.Array.Shape[o.Axis] == ChunkGrid.Unknown);
                if (list.Any(o => !o.Array.Chunks[o.Axis].AsSpan().SequenceEqual(first.Chunks[axis])))
                {
                    throw UnknownChunkSizesException.For(
                        first.Name, first.Shape, first.Chunks, $"Index '{letter}', shared by arrays whose blocks differ along it,", [axis]);
                }

                letterChunks[letter] = outIndex.Contains(letter) ? first.Chunks[axis] : [ChunkGrid.Unknown];
                continue;
            }

            if (sizes.Length > 1)
            {
                throw new ArgumentException(
                    $"Index '{letter}' has sizes {string.Join(" and ", list.Select(o => $"{o.Array.Shape[o.Axis]} (axis {o.Axis} of shape {Shapes.Format(o.Array.Shape)})"))}; arrays sharing an index letter must have equal sizes.");
            }

            letterChunks[letter] = outIndex.Contains(letter)
                ? UnifyChunks.Common([.. list.Select(o => o.Array.Chunks[o.Axis])])
                : [sizes[0]];
        }

        var chunks = new int[outIndex.Length][];
        for (var i = 0; i < outIndex.Length; i++)
        {
            var letter = outIndex[i];
            chunks[i] = letterChunks.TryGetValue(letter, out var c) ? c
                : newAxes.TryGetValue(letter, out var size) ? [size]
                : throw new ArgumentException($"Output index '{outIndex}' has letter '{letter}', which no input has and no new axis sizes.");
        }

        if (outChunks is not null)
        {
            if (outChunks.Length != chunks.Length || outChunks.Select((c, a) => c.Length != chunks[a].Length).Any(bad => bad))
            {
                throw new ArgumentException(
                    $"Output chunks {ChunkGrid.Format(outChunks)} must have the block counts {Shapes.Format(ChunkGrid.BlockCounts(chunks))} of the blockwise grid {ChunkGrid.Format(chunks)}.");
            }

            chunks = [.. outChunks.Select(c => (int[])c.Clone())];
        }

        var aligned = inputs.Select(input => (
            Array: UnifyChunks.To(input.Array, [.. input.Index.Select(letter => letterChunks[letter])]),
            input.Index)).ToArray();
        var name = Tokenize.Name(prefix, op, outIndex, aligned.Select(a => new object[] { a.Array.Name, a.Index }), newAxes.OrderBy(p => p.Key).Select(p => $"{p.Key}{p.Value}"), chunks);
        var reads = aligned.Select(a => ArrayBlockwise.Blocks(a.Array, a.Index, concatenate: true)).ToArray();
        var inputAxes = aligned.Select(a => a.Index.Select(letter => outIndex.IndexOf(letter)).ToArray()).ToArray();
        var task = new BlockwiseTask(op, [.. Arguments(outIndex, chunks, extra, inputAxes, [.. aligned.Select(a => a.Array.Chunks)]), .. reads]);
        return ArrayBlockwise.Build(name, outIndex, chunks, outDType, task, aligned.Select(a => a.Array));
    }

    /// <summary>
    /// The arguments before the input blocks: the block's shape over <paramref name="outIndex"/>,
    /// then, as <paramref name="extra"/> asks, its index, or its index, the output's chunks and,
    /// per input, which output axis each of its axes is (-1 for one joined into one block) and its chunks.
    /// </summary>
    public static BlockwiseArg[] Arguments(string outIndex, int[][] chunks, BlockArguments extra, int[][] inputAxes, int[][][] inputChunks)
    {
        var shape = BlockwiseArg.PerBlock(new BlockShapes(chunks), outIndex);
        var id = BlockwiseArg.PerBlock(new BlockIndices(ChunkGrid.BlockCounts(chunks)), outIndex);
        return extra switch
        {
            BlockArguments.BlockId => [shape, id],
            BlockArguments.BlockInfo => [shape, id, BlockwiseArg.Literal(chunks), BlockwiseArg.Literal(inputAxes), BlockwiseArg.Literal(inputChunks)],
            _ => [shape],
        };
    }

    /// <summary>Checks a user function's block against the shape the grid expects (any size where that is unknown), naming both.</summary>
    /// <exception cref="InvalidOperationException">The block is null or of another shape.</exception>
    public static NDArray<T> CheckShape<T>(NDArray<T>? block, int[] expected, string function)
        where T : unmanaged, System.Numerics.INumber<T> =>
        block is not null && block.Shape.SequenceEqual(ChunkGrid.Resolve(expected, block.Rank == expected.Length ? block.Shape : expected))
            ? block
            : throw new InvalidOperationException(
                $"{function} returned {(block is null ? "null" : $"a block of shape {Shapes.Format(block.Shape)}")} where the output chunks expect shape {Shapes.Format(expected)}; pass the output chunks explicitly.");
}

/// <summary>What a blockwise user function receives besides the blocks (Dask's <c>block_id</c> and <c>block_info</c>).</summary>
internal enum BlockArguments
{
    /// <summary>The blocks only.</summary>
    None,

    /// <summary>The output block's index.</summary>
    BlockId,

    /// <summary>The output block's <see cref="Array.BlockInfo"/>, with its inputs'.</summary>
    BlockInfo,
}
