using MiniDask.Graph;

namespace MiniDask.Array;

/// <summary>
/// Removes and inserts size-1 axes block by block (the work of <c>squeeze</c> and
/// <c>expand_dims</c>). Each task names the source axis of every output axis rather than the
/// output block's shape, so it needs no block sizes and works on arrays whose sizes are unknown.
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
        var op = ArrayNode.Op("view-axes", x.DType);
        var tasks = new Dictionary<Key, DaskTask>();
        foreach (var index in ChunkGrid.Indices(ChunkGrid.BlockCounts(x.Chunks)))
        {
            var outIndex = sourceAxes.Select(a => a == NewAxis ? 0 : index[a]).ToArray();
            tasks[new Key(name, outIndex)] = new DaskTask(op, x.BlockKey(index), TaskArg.Literal(sourceAxes));
        }

        return new ArrayNode(name, shape, chunks, TaskGraph.FromLayer(new Layer(name, tasks), x.Graph), x.DType);
    }
}
