namespace MiniDask.Graph.Tests.TestSupport;

/// <summary>Blockwise layers over <see cref="TestOps"/>: blocks are ints, made from their position.</summary>
internal static class BlockwiseGraphs
{
    /// <summary>A 2-D layer named <paramref name="name"/> whose block (i, j) is <c>10 * i + j</c>, made by <see cref="TestOps.Const"/>.</summary>
    public static Blockwise Source(string name, int rows, int columns, Positions? positions = null) =>
        new(name, "ij", new BlockwiseTask(TestOps.Const, BlockwiseArg.PerBlock(positions ?? new Positions(rows, columns), "ij")));

    /// <summary>A layer applying <see cref="TestOps.Inc"/> to each block of <paramref name="input"/>, read through <paramref name="index"/>.</summary>
    public static Blockwise Inc(string name, Blockwise input, string index = "ij", string outIndex = "ij") =>
        new(name, outIndex, new BlockwiseTask(TestOps.Inc, Read(input, index)));

    /// <summary>The blocks of <paramref name="layer"/> read through <paramref name="index"/>.</summary>
    public static BlockwiseArg Read(Blockwise layer, string index) =>
        BlockwiseArg.Blocks(layer.Name, index, layer.OutputCounts());

    /// <summary>A graph of <paramref name="layers"/>, the last one on top.</summary>
    public static TaskGraph GraphOfLayers(params Layer[] layers) =>
        layers.Aggregate(TaskGraph.Empty, (graph, layer) => TaskGraph.FromLayer(layer, graph));

    /// <summary>Gives block (i, j) the value <c>10 * i + j</c> and counts how often it was asked.</summary>
    public sealed class Positions(params int[] numBlocks) : BlockwiseDep(numBlocks)
    {
        public int Calls { get; private set; }

        public override TaskArg ArgumentFor(ReadOnlySpan<int> blockIndex)
        {
            Calls++;
            var value = 0;
            foreach (var i in blockIndex)
            {
                value = (value * 10) + i;
            }

            return TaskArg.Literal(value);
        }
    }
}
