using MiniDask.Graph;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>
    /// The cumulative sum along <paramref name="axis"/> (NumPy's <c>cumsum(axis)</c>), shape and
    /// chunks kept: each block is summed cumulatively on its own, then the running totals of
    /// the blocks before it along the axis are added.
    /// </summary>
    /// <param name="axis">The axis to accumulate along; -1 is the last.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="NotSupportedException">The elements are booleans.</exception>
    public DArray<TElement> CumSum(int axis) => Cumulative("cumsum", "add", TElement.Zero, NormalizeAxis(axis));

    /// <summary>The cumulative product along <paramref name="axis"/> (NumPy's <c>cumprod(axis)</c>), built like <see cref="CumSum"/>.</summary>
    /// <param name="axis">The axis to accumulate along; -1 is the last.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="NotSupportedException">The elements are booleans.</exception>
    public DArray<TElement> CumProd(int axis) => Cumulative("cumprod", "multiply", TElement.One, NormalizeAxis(axis));

    private DArray<TElement> Cumulative(string kind, string combine, TElement identity, int axis)
    {
        RequireNumeric(kind);
        var token = Tokenize.Token(kind, Name, axis);
        var blockName = $"{kind}-block-{token}";
        var lastName = $"{kind}-last-{token}";
        var carryName = $"{kind}-carry-{token}";
        var name = $"{kind}-{token}";
        var blockOp = ArrayOps.Name<TElement>(kind);
        var combineOp = ArrayOps.Name<TElement>(combine);
        var lastOp = ArrayOps.Name<TElement>("take-last");
        var letters = ArrayBlockwise.Letters(Rank);
        var blocks = ArrayBlockwise.Build(blockName, letters, chunks, DType, new BlockwiseTask(blockOp, ArrayBlockwise.Blocks(Node, letters), BlockwiseArg.Literal(axis)), [Node], shape);
        var lasts = new Dictionary<Key, DaskTask>();
        var carries = new Dictionary<Key, DaskTask>();
        var outputs = new Dictionary<Key, DaskTask>();
        foreach (var index in ChunkGrid.Indices(ChunkGrid.BlockCounts(chunks)))
        {
            var blockKey = new Key(blockName, index);
            var b = index[axis];
            if (b < chunks[axis].Length - 1)
            {
                lasts[new Key(lastName, index)] = new DaskTask(lastOp, blockKey, TaskArg.Literal(axis), TaskArg.Literal(identity));
            }

            if (b == 0)
            {
                outputs[new Key(name, index)] = new DaskTask(StructureOps.AliasOp, blockKey);
                continue;
            }

            // carry(b) = total of blocks 0..b-1 along the axis = carry(b-1) (+) last(b-1).
            var previous = (int[])index.Clone();
            previous[axis] = b - 1;
            var previousLast = new Key(lastName, previous);
            var carryKey = new Key(carryName, index);
            carries[carryKey] = b == 1
                ? new DaskTask(StructureOps.AliasOp, previousLast)
                : new DaskTask(combineOp, new Key(carryName, previous), previousLast);
            outputs[new Key(name, index)] = new DaskTask(combineOp, blockKey, carryKey);
        }

        var graph = TaskGraph.FromLayer(new MaterializedLayer(lastName, lasts), blocks.Graph);
        graph = TaskGraph.FromLayer(new MaterializedLayer(carryName, carries), graph);
        return new DArray<TElement>(name, shape, chunks, TaskGraph.FromLayer(new MaterializedLayer(name, outputs), graph));
    }
}
