using MiniDask.Graph;

namespace MiniDask.Array;

/// <summary>
/// The layers of ordering, sets and counting. Per-block steps are Blockwise; where every block's
/// partial result meets in one task (unique values, counts, histograms), that last step is one
/// materialized task, as Dask's aggregate of <c>unique</c>, <c>bincount</c> and <c>histogram</c>.
/// </summary>
internal static class SetLayers
{
    /// <summary>A per-block step over the blocks of <paramref name="x"/> (at their own positions), with partial results of sizes known only once computed.</summary>
    /// <remarks>The partials are read only by a merge step, never as an array, so their blocks may have another rank than the grid.</remarks>
    public static ArrayNode Partials(string kind, ArrayNode x, string dtype, string op, object?[] token, params BlockwiseArg[] extra) =>
        Partials(kind, x, [], dtype, op, token, extra);

    /// <summary>A per-block step as <see cref="Partials(string, ArrayNode, string, string, object?[], BlockwiseArg[])"/> that also reads <paramref name="others"/>' aligned blocks.</summary>
    public static ArrayNode Partials(string kind, ArrayNode x, ArrayNode[] others, string dtype, string op, object?[] token, params BlockwiseArg[] extra)
    {
        var letters = ArrayBlockwise.Letters(x.Rank);
        var chunks = x.Chunks.Select(c => c.Select(_ => ChunkGrid.Unknown).ToArray()).ToArray();
        var task = new BlockwiseTask(op, [ArrayBlockwise.Blocks(x, letters), .. extra]);
        return ArrayBlockwise.Build(Tokenize.Name(kind, x.Name, op, others.Select(o => o.Name).ToArray(), token), letters, chunks, dtype, task, [x, .. others]);
    }

    /// <summary>
    /// One task of <paramref name="op"/> over <paramref name="groups"/>, each group one list
    /// argument of the blocks of its arrays in order (or null), then <paramref name="literals"/>:
    /// a one-block array of <paramref name="shape"/>.
    /// </summary>
    public static ArrayNode Merge(string kind, string op, string dtype, int[] shape, IReadOnlyList<ArrayNode[]?> groups, params object?[] literals)
    {
        var name = Tokenize.Name(kind, op, groups.Select(g => g is null ? "-" : string.Join("+", g.Select(p => p.Name))).ToArray(), literals);
        TaskArg[] args =
        [
            .. groups.Select(g => g is null ? TaskArg.Literal(null) : TaskArg.Refs(g.SelectMany(p => ChunkGrid.Indices(ChunkGrid.BlockCounts(p.Chunks)).Select(p.BlockKey)))),
            .. literals.Select(TaskArg.Literal),
        ];
        var tasks = new Dictionary<Key, DaskTask> { [new Key(name, new int[shape.Length])] = new DaskTask(op, args) };
        var graphs = groups.Where(g => g is not null).SelectMany(g => g!).Select(p => p.Graph);
        return new ArrayNode(name, shape, [.. shape.Select(s => new[] { s })], TaskGraph.FromLayer(new MaterializedLayer(name, tasks), graphs), dtype);
    }

    /// <summary>A one-block array of <paramref name="x"/>'s single block passed to <paramref name="op"/> with <paramref name="literals"/>.</summary>
    public static ArrayNode Then(string kind, ArrayNode x, string op, string dtype, params object?[] literals)
    {
        var name = Tokenize.Name(kind, op, x.Name, literals);
        var key = new Key(name, new int[x.Rank]);
        var tasks = new Dictionary<Key, DaskTask> { [key] = new DaskTask(op, [TaskArg.Ref(x.BlockKey(new int[x.Rank])), .. literals.Select(TaskArg.Literal)]) };
        return new ArrayNode(name, x.Shape, x.Chunks, TaskGraph.FromLayer(new MaterializedLayer(name, tasks), x.Graph), dtype);
    }
}
