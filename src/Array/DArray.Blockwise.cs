using System.Numerics;
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
}
