using MiniDask.Graph;

namespace MiniDask.Array;

/// <summary>
/// Removes and inserts size-1 axes block by block (the work of <c>squeeze</c> and
/// <c>expand_dims</c>). Each task names the source axis of every output axis rather than the
/// output block's shape, so it needs no block sizes and works on arrays whose sizes are unknown.
/// A <see cref="Blockwise"/> layer: the source's letters, without the removed axes (contracted,
/// one block each) and with a new letter for each added one.
/// </summary>
internal static class ViewAxesLayer
{
    /// <summary>The source axis entry that stands for a new axis of size 1.</summary>
    public const int NewAxis = -1;

    /// <summary>
    /// The array whose axis <c>i</c> is axis <c>sourceAxes[i]</c> of <paramref name="x"/>, or a new
    /// size-1 axis where that is <see cref="NewAxis"/>. Source axes left out must be single blocks
    /// of size 1, and the source axes must keep their order.
    /// </summary>
    public static ArrayNode Build(string prefix, ArrayNode x, int[] sourceAxes)
    {
        var name = Tokenize.Name(prefix, x.Name, sourceAxes);
        var shape = sourceAxes.Select(a => a == NewAxis ? 1 : x.Shape[a]).ToArray();
        var chunks = sourceAxes.Select(a => a == NewAxis ? [1] : x.Chunks[a]).ToArray();

        // The source's letters, then one more per new axis; source axes left out are contracted
        // (each is one block, passed as it is).
        var letters = ArrayBlockwise.Letters(x.Rank + sourceAxes.Length);
        var added = x.Rank;
        var outIndex = new string([.. sourceAxes.Select(a => a == NewAxis ? letters[added++] : letters[a])]);
        var task = new BlockwiseTask(
            ArrayNode.Op("view-axes", x.DType), ArrayBlockwise.Blocks(x, letters[..x.Rank], concatenate: true), BlockwiseArg.Literal(sourceAxes));
        return ArrayBlockwise.Build(name, outIndex, chunks, x.DType, task, [x], shape);
    }
}
