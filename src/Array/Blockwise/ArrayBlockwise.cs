using MiniDask.Graph;

namespace MiniDask.Array;

/// <summary>
/// The one builder of per-block array layers: every elementwise op, map, creation, astype,
/// comparison, where, transpose and per-block reduction step is a <see cref="Blockwise"/> spec
/// made here, so all of them are culled and fused with their neighbours before any task exists.
/// Axes are named by letters: an array of rank <c>r</c> is read through <see cref="Letters"/>
/// of <c>r</c>, and a builder renames, drops or adds letters to say how blocks line up.
/// </summary>
internal static class ArrayBlockwise
{
    /// <summary>The letters naming <paramref name="rank"/> axes: <c>a</c>, <c>b</c>, ... (past <c>z</c>, the characters after it).</summary>
    public static string Letters(int rank) => new([.. Enumerable.Range(0, rank).Select(i => (char)('a' + i))]);

    /// <summary>
    /// Reads the blocks of <paramref name="x"/> through <paramref name="index"/>, one letter per
    /// axis; with <paramref name="concatenate"/> a contracted axis passes its one block itself.
    /// </summary>
    public static BlockwiseArg Blocks(ArrayNode x, string index, bool concatenate = false) =>
        BlockwiseArg.Blocks(x.Name, index, ChunkGrid.BlockCounts(x.Chunks), concatenate);

    /// <summary>
    /// The array whose blocks are the tasks of one <see cref="Blockwise"/> layer named
    /// <paramref name="name"/> over <paramref name="inputs"/>, cut as <paramref name="chunks"/>.
    /// </summary>
    /// <param name="name">The key name of the output blocks.</param>
    /// <param name="outIndex">One letter per output axis.</param>
    /// <param name="chunks">The output's block sizes per axis.</param>
    /// <param name="dtype">The output blocks' dtype.</param>
    /// <param name="task">The task of every block.</param>
    /// <param name="inputs">The arrays the task reads (their graphs join the output's).</param>
    /// <param name="shape">The output's shape; by default the sums of <paramref name="chunks"/>.</param>
    public static ArrayNode Build(
        string name, string outIndex, int[][] chunks, string dtype, BlockwiseTask task, IEnumerable<ArrayNode> inputs, int[]? shape = null)
    {
        var counts = ChunkGrid.BlockCounts(chunks);
        var argLetters = new HashSet<char>(task.AllArgs().SelectMany(a => a switch
        {
            BlockwiseInput i => i.Index,
            BlockwisePerBlock p => p.Index,
            _ => "",
        }));
        var newAxes = new Dictionary<char, int>();
        for (var axis = 0; axis < outIndex.Length; axis++)
        {
            if (!argLetters.Contains(outIndex[axis]))
            {
                newAxes[outIndex[axis]] = counts[axis];
            }
        }

        var layer = new Blockwise(name, outIndex, task, newAxes);
        return new ArrayNode(name, shape ?? ChunkGrid.ShapeOf(chunks), chunks, TaskGraph.FromLayer(layer, inputs.Select(i => i.Graph)), dtype);
    }

    /// <summary>
    /// A new array of <paramref name="shape"/> cut as <paramref name="grid"/>, each block made by
    /// <paramref name="op"/> from <paramref name="args"/> alone (literals and per-block values over
    /// the grid's letters, <see cref="Letters"/>).
    /// </summary>
    public static ArrayNode Create(string name, int[] shape, int[][] grid, string dtype, string op, params BlockwiseArg[] args) =>
        Build(name, Letters(grid.Length), grid, dtype, new BlockwiseTask(op, args), [], (int[])shape.Clone());

    /// <summary>
    /// Per-block arguments over the output grid of <paramref name="chunks"/>: the block's shape
    /// (what most creation and map ops take first).
    /// </summary>
    public static BlockwiseArg BlockShape(int[][] chunks) => BlockwiseArg.PerBlock(new BlockShapes(chunks), Letters(chunks.Length));

    /// <summary>Where each block of <paramref name="chunks"/> starts, per axis.</summary>
    public static BlockwiseArg BlockStart(int[][] chunks) => BlockwiseArg.PerBlock(new BlockStarts(chunks), Letters(chunks.Length));

    /// <summary>Each block's index in the grid of <paramref name="chunks"/>.</summary>
    public static BlockwiseArg BlockIndex(int[][] chunks) => BlockwiseArg.PerBlock(new BlockIndices(ChunkGrid.BlockCounts(chunks)), Letters(chunks.Length));

    /// <summary>A value of <paramref name="dep"/> along axis <paramref name="axis"/> of the output grid.</summary>
    public static BlockwiseArg AlongAxis(AxisBlocks dep, int axis) => BlockwiseArg.PerBlock(dep, Letters(axis + 1)[axis..]);

    /// <summary>Literal arguments.</summary>
    public static BlockwiseArg[] Literals(params object?[] values) => [.. values.Select(BlockwiseArg.Literal)];
}
