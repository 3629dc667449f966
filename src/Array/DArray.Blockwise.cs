using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public static partial class DArray
{
    /// <summary>
    /// Dask's <c>blockwise</c>: <paramref name="function"/> runs once per output block on the
    /// input blocks that line up with it, where letters name axes. <c>Blockwise(f, "ij", (x, "ij"), (y, "j"))</c>
    /// pairs block (i, j) of x with block j of y; a letter absent from
    /// <paramref name="outIndex"/> is contracted (its blocks are joined, so the function sees the
    /// whole axis), and an output letter absent from the inputs is a new axis whose size
    /// <paramref name="newAxes"/> gives. Inputs may have different element types; the function
    /// receives them as <see cref="INDArray"/>s in input order. Registration rules are those of
    /// <see cref="DArray{TElement}.Map{TOut}"/>.
    /// </summary>
    /// <typeparam name="TOut">The output blocks' element type.</typeparam>
    /// <param name="function">Computes an output block from the input blocks.</param>
    /// <param name="outIndex">One letter per output axis.</param>
    /// <param name="inputs">Each input with one letter per axis.</param>
    /// <param name="newAxes">Sizes of output letters that no input has.</param>
    /// <param name="chunks">Explicit output block sizes, one list per output axis, with the grid's block counts.</param>
    /// <exception cref="ArgumentException">Indices do not fit the inputs, a letter's sizes differ, or the chunks do not fit.</exception>
    public static DArray<TOut> Blockwise<TOut>(
        Func<INDArray[], NDArray<TOut>> function,
        string outIndex,
        IReadOnlyList<(IDArray Array, string Index)> inputs,
        IReadOnlyDictionary<char, int>? newAxes = null,
        int[][]? chunks = null)
        where TOut : unmanaged, INumber<TOut>
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(outIndex);
        ArgumentNullException.ThrowIfNull(inputs);
        var to = DTypes.NameOf<TOut>();
        var op = UserOps.Register("blockwise", [typeof(TOut)], function);
        var nodes = inputs.Select(i => (ArrayNode.Of(i.Array), i.Index)).ToArray();
        return DArray<TOut>.FromNode(BlockwiseLayer.Build("blockwise", op, to, outIndex, nodes, newAxes, chunks));
    }

    /// <summary>
    /// <paramref name="function"/> applied to the aligned blocks of any number of
    /// <paramref name="arrays"/> (Dask's <c>map_blocks(func, *arrays)</c>): the arrays broadcast
    /// against each other as elementwise operands do (differently chunked axes are re-cut to common
    /// boundaries; an array with one block along an axis lends it to every output block), and the
    /// function receives one block of each, in order. The output has the broadcast shape and
    /// chunks, or <paramref name="chunks"/> (with the same block counts). Registration rules are
    /// those of <see cref="DArray{TElement}.Map{TOut}"/>.
    /// </summary>
    /// <typeparam name="TOut">The output blocks' element type.</typeparam>
    /// <exception cref="ArgumentException">No array is given, the shapes do not broadcast, or the chunks do not fit the block grid.</exception>
    public static DArray<TOut> MapBlocks<TOut>(Func<INDArray[], NDArray<TOut>> function, IReadOnlyList<IDArray> arrays, int[][]? chunks = null)
        where TOut : unmanaged, INumber<TOut> =>
        MapAlignedBlocks<TOut>("map-blocks-n", function, arrays, chunks, BlockArguments.None);

    /// <summary>
    /// <paramref name="function"/> applied to the aligned blocks of <paramref name="arrays"/> with
    /// the output block's <see cref="BlockInfo"/> (Dask's <c>block_info</c>; its <see cref="BlockInfo.Inputs"/>
    /// describe each array's block); otherwise as <see cref="MapBlocks{TOut}(Func{INDArray[], NDArray{TOut}}, IReadOnlyList{IDArray}, int[][])"/>.
    /// </summary>
    /// <typeparam name="TOut">The output blocks' element type.</typeparam>
    /// <exception cref="ArgumentException">No array is given, the shapes do not broadcast, or the chunks do not fit the block grid.</exception>
    public static DArray<TOut> MapBlocks<TOut>(Func<INDArray[], BlockInfo, NDArray<TOut>> function, IReadOnlyList<IDArray> arrays, int[][]? chunks = null)
        where TOut : unmanaged, INumber<TOut> =>
        MapAlignedBlocks<TOut>("map-blocks-n-info", function, arrays, chunks, BlockArguments.BlockInfo);

    private static DArray<TOut> MapAlignedBlocks<TOut>(string kind, Delegate function, IReadOnlyList<IDArray> arrays, int[][]? chunks, BlockArguments extra)
        where TOut : unmanaged, INumber<TOut>
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(arrays);
        if (arrays.Count == 0)
        {
            throw new ArgumentException("MapBlocks needs at least one array.", nameof(arrays));
        }

        var nodes = arrays.Select(ArrayNode.Of).ToArray();
        var op = UserOps.Register(kind, [typeof(TOut)], function);
        var aligned = ElementwiseLayer.Align(nodes);
        var outChunks = aligned.Chunks;
        if (chunks is not null)
        {
            if (chunks.Length != outChunks.Length || chunks.Select((c, a) => c.Length != outChunks[a].Length).Any(bad => bad))
            {
                throw new ArgumentException(
                    $"Output chunks {ChunkGrid.Format(chunks)} must have the block counts {Shapes.Format(ChunkGrid.BlockCounts(outChunks))} of the aligned blocks {ChunkGrid.Format(outChunks)}.",
                    nameof(chunks));
            }

            outChunks = [.. chunks.Select(c => (int[])c.Clone())];
        }

        var rank = outChunks.Length;
        var letters = ArrayBlockwise.Letters(rank);
        var inputAxes = aligned.Inputs.Select(i => Enumerable.Range(rank - i.Rank, i.Rank).ToArray()).ToArray();
        var before = BlockwiseLayer.Arguments(letters, outChunks, extra, inputAxes, [.. aligned.Inputs.Select(i => i.Chunks)]);
        var name = Tokenize.Name("map-blocks", op, nodes.Select(n => n.Name), outChunks);
        var output = aligned with { Shape = ChunkGrid.ShapeOf(outChunks), Chunks = outChunks };
        return DArray<TOut>.FromNode(ElementwiseLayer.Build(name, op, DTypes.NameOf<TOut>(), output, reads => [.. before, .. reads]));
    }
}
