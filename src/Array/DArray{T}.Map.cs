using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>
    /// <paramref name="function"/> applied to every element. Pass a static method or a lambda
    /// that captures nothing: it is registered by assembly, type and method (see
    /// <see cref="UserFunctions"/>). A capturing lambda runs here but is flagged by
    /// <see cref="UserFunctions.FindCapturing"/>.
    /// </summary>
    /// <typeparam name="TOut">The result's element type.</typeparam>
    public DArray<TOut> Map<TOut>(Func<TElement, TOut> function)
        where TOut : unmanaged, INumber<TOut>
    {
        ArgumentNullException.ThrowIfNull(function);
        var to = DTypes.NameOf<TOut>();
        var op = UserOps.Register("map", [typeof(TElement), typeof(TOut)], function);
        return DArray<TOut>.FromNode(ElementwiseLayer.Map("map", op, to, [Node]));
    }

    /// <summary>
    /// <paramref name="function"/> applied to every block (Dask's <c>map_blocks</c>). By default
    /// the output has the input's chunks. <paramref name="dropAxes"/> are axes the function
    /// removes (their blocks are joined first, so it sees the whole axis);
    /// <paramref name="newAxes"/> are positions in the output of axes it adds (size 1 unless
    /// <paramref name="chunks"/> says otherwise); <paramref name="chunks"/> gives the output's
    /// block sizes explicitly (one list per output axis, with the grid's block counts).
    /// Registration rules are those of <see cref="Map{TOut}"/>.
    /// </summary>
    /// <typeparam name="TOut">The output blocks' element type.</typeparam>
    /// <exception cref="ArgumentException">An axis is out of range or repeated, or the chunks do not fit the block grid.</exception>
    public DArray<TOut> MapBlocks<TOut>(Func<NDArray<TElement>, NDArray<TOut>> function, int[]? dropAxes = null, int[]? newAxes = null, int[][]? chunks = null)
        where TOut : unmanaged, INumber<TOut> =>
        MapEachBlock<TOut>("map-blocks", function, BlockArguments.None, dropAxes, newAxes, chunks);

    /// <summary>
    /// <paramref name="function"/> applied to every block with the output block's index (Dask's
    /// <c>map_blocks</c> with <c>block_id</c>); otherwise as
    /// <see cref="MapBlocks{TOut}(Func{NDArray{TElement}, NDArray{TOut}}, int[], int[], int[][])"/>.
    /// Where the function's body reads the index as an <c>int[]</c> the overload is chosen by it;
    /// otherwise give the parameter's type.
    /// </summary>
    /// <typeparam name="TOut">The output blocks' element type.</typeparam>
    /// <exception cref="ArgumentException">An axis is out of range or repeated, or the chunks do not fit the block grid.</exception>
    public DArray<TOut> MapBlocks<TOut>(Func<NDArray<TElement>, int[], NDArray<TOut>> function, int[]? dropAxes = null, int[]? newAxes = null, int[][]? chunks = null)
        where TOut : unmanaged, INumber<TOut> =>
        MapEachBlock<TOut>("map-blocks-id", function, BlockArguments.BlockId, dropAxes, newAxes, chunks);

    /// <summary>
    /// <paramref name="function"/> applied to every block with the output block's
    /// <see cref="BlockInfo"/> (Dask's <c>map_blocks</c> with <c>block_info</c>): its index, its
    /// element ranges, the array's shape and grid, and the same for the input block in
    /// <see cref="BlockInfo.Inputs"/>; otherwise as
    /// <see cref="MapBlocks{TOut}(Func{NDArray{TElement}, NDArray{TOut}}, int[], int[], int[][])"/>.
    /// </summary>
    /// <typeparam name="TOut">The output blocks' element type.</typeparam>
    /// <exception cref="ArgumentException">An axis is out of range or repeated, or the chunks do not fit the block grid.</exception>
    public DArray<TOut> MapBlocks<TOut>(Func<NDArray<TElement>, BlockInfo, NDArray<TOut>> function, int[]? dropAxes = null, int[]? newAxes = null, int[][]? chunks = null)
        where TOut : unmanaged, INumber<TOut> =>
        MapEachBlock<TOut>("map-blocks-info", function, BlockArguments.BlockInfo, dropAxes, newAxes, chunks);

    /// <summary>
    /// <paramref name="function"/> applied to the aligned blocks of this array and
    /// <paramref name="other"/>, which broadcast against each other like elementwise operands
    /// (differently chunked axes are re-cut to common boundaries). The output has the broadcast
    /// shape and chunks.
    /// </summary>
    /// <typeparam name="TOther">The other array's element type.</typeparam>
    /// <typeparam name="TOut">The output blocks' element type.</typeparam>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public DArray<TOut> MapBlocks<TOther, TOut>(DArray<TOther> other, Func<NDArray<TElement>, NDArray<TOther>, NDArray<TOut>> function)
        where TOther : unmanaged, INumber<TOther>
        where TOut : unmanaged, INumber<TOut>
    {
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(function);
        var to = DTypes.NameOf<TOut>();
        var op = UserOps.Register("map-blocks2", [typeof(TElement), typeof(TOther), typeof(TOut)], function);
        return DArray<TOut>.FromNode(ElementwiseLayer.Map("map-blocks", op, to, [Node, other.Node]));
    }

    private DArray<TOut> MapEachBlock<TOut>(string kind, Delegate function, BlockArguments extra, int[]? dropAxes, int[]? newAxes, int[][]? chunks)
        where TOut : unmanaged, INumber<TOut>
    {
        ArgumentNullException.ThrowIfNull(function);
        var letters = ArrayBlockwise.Letters(Rank);
        var dropped = dropAxes is null ? [] : NormalizeAxes(dropAxes);
        var outLetters = letters.Where((_, i) => !dropped.Contains(i)).ToList();
        var added = new Dictionary<char, int>();
        var outRank = outLetters.Count + (newAxes?.Length ?? 0);
        foreach (var position in (newAxes ?? []).Select(a => Shapes.NormalizeAxis(a, outRank)).Order())
        {
            var letter = (char)('A' + added.Count);
            added[letter] = chunks?[position].Sum() ?? 1;
            outLetters.Insert(position, letter);
        }

        var op = UserOps.Register(kind, [typeof(TElement), typeof(TOut)], function);
        var node = BlockwiseLayer.Build("map-blocks", op, DTypes.NameOf<TOut>(), new string([.. outLetters]), [(Node, letters)], added, chunks, extra);
        return DArray<TOut>.FromNode(node);
    }
}
