using MiniDask.Graph;

namespace MiniDask.Array;

/// <summary>The layers of quantiles: exact along a one-block axis (Blockwise), and Dask's merged per-block percentiles.</summary>
internal static class QuantileLayers
{
    /// <summary>The quantiles <paramref name="q"/> along <paramref name="axis"/> (one block there), the q axis first unless <paramref name="scalar"/>.</summary>
    public static ArrayNode AlongAxis(ArrayNode x, double[] q, int axis, bool scalar)
    {
        var letters = ArrayBlockwise.Letters(x.Rank);
        var kept = Enumerable.Range(0, x.Rank).Where(a => a != axis).ToArray();
        var outIndex = (scalar ? "" : "A") + new string([.. kept.Select(a => letters[a])]);
        int[][] chunks = [.. (scalar ? [] : new[] { new[] { q.Length } }), .. kept.Select(a => (int[])x.Chunks[a].Clone())];
        var name = Tokenize.Name("quantile", x.Name, q, axis, scalar);
        var task = new BlockwiseTask(ArrayNode.Op("quantile", x.DType), [ArrayBlockwise.Blocks(x, letters, concatenate: true), .. ArrayBlockwise.Literals(axis, q, scalar)]);
        return ArrayBlockwise.Build(name, outIndex, chunks, "float64", task, [x]);
    }

    /// <summary>
    /// The percentiles <paramref name="q"/> (fractions) of the one-dimensional <paramref name="x"/>
    /// over several blocks: per block, its quantiles at <c>[0, q..., 1]</c> followed by its length
    /// (a Blockwise step), then one task merging them all (Dask's <c>merge_percentiles</c>).
    /// </summary>
    public static ArrayNode MergedPercentiles(ArrayNode x, double[] q)
    {
        double[] at = [0, .. q.Order(), 1];
        var partialName = Tokenize.Name("percentile-chunk", x.Name, at);
        var partials = ArrayBlockwise.Build(
            partialName,
            "a",
            [[.. x.Chunks[0].Select(_ => at.Length + 1)]],
            "float64",
            new BlockwiseTask(ArrayNode.Op("percentile-chunk", x.DType), [ArrayBlockwise.Blocks(x, "a"), BlockwiseArg.Literal(at)]),
            [x]);
        var name = Tokenize.Name("percentile", x.Name, q);
        var tasks = new Dictionary<Key, DaskTask>
        {
            [new Key(name, [0])] = new DaskTask(
                QuantileOps.MergeOp,
                TaskArg.Refs(Enumerable.Range(0, x.Chunks[0].Length).Select(b => new Key(partialName, [b]))),
                TaskArg.Literal(at),
                TaskArg.Literal(q)),
        };
        return new ArrayNode(name, [q.Length], [[q.Length]], TaskGraph.FromLayer(new MaterializedLayer(name, tasks), partials.Graph), "float64");
    }
}
