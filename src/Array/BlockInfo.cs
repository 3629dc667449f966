namespace MiniDask.Array;

/// <summary>
/// Where a block lies in its array (Dask's <c>block_info</c> entry, as <c>map_blocks</c> passes
/// it): its index in the block grid, the grid's size, the array's shape, the block's element
/// range along each axis and its shape. The output block's info lists its inputs' in
/// <see cref="Inputs"/>, in argument order. Sizes not known until the array is computed are
/// <c>-1</c>, as are the ranges that depend on them.
/// </summary>
public sealed class BlockInfo
{
    private BlockInfo(int[] blockId, int[][] chunks, IReadOnlyList<BlockInfo> inputs)
    {
        BlockId = blockId;
        NumChunks = ChunkGrid.BlockCounts(chunks);
        Shape = ChunkGrid.ShapeOf(chunks);
        ChunkShape = ChunkGrid.BlockShape(chunks, blockId);
        var location = new (int Start, int Stop)[blockId.Length];
        for (var axis = 0; axis < blockId.Length; axis++)
        {
            var before = chunks[axis].Take(blockId[axis]).ToArray();
            var start = before.Contains(ChunkGrid.Unknown) ? ChunkGrid.Unknown : before.Sum();
            var size = chunks[axis][blockId[axis]];
            location[axis] = (start, start == ChunkGrid.Unknown || size == ChunkGrid.Unknown ? ChunkGrid.Unknown : start + size);
        }

        ArrayLocation = location;
        Inputs = inputs;
    }

    /// <summary>The block's index in the grid (Dask's <c>chunk-location</c>, and what <c>block_id</c> passes).</summary>
    public IReadOnlyList<int> BlockId { get; }

    /// <summary>The number of blocks along each axis (Dask's <c>num-chunks</c>).</summary>
    public IReadOnlyList<int> NumChunks { get; }

    /// <summary>The whole array's shape.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The block's shape (Dask's <c>chunk-shape</c>).</summary>
    public IReadOnlyList<int> ChunkShape { get; }

    /// <summary>The block's elements along each axis, from <c>Start</c> up to but not including <c>Stop</c> (Dask's <c>array-location</c>).</summary>
    public IReadOnlyList<(int Start, int Stop)> ArrayLocation { get; }

    /// <summary>For an output block, the blocks of the inputs it is computed from, in argument order; empty for an input block.</summary>
    public IReadOnlyList<BlockInfo> Inputs { get; }

    /// <summary>One line: the block index, the grid and the element ranges.</summary>
    public override string ToString() =>
        $"BlockInfo(block={Kernels.Shapes.Format([.. BlockId])} of {Kernels.Shapes.Format([.. NumChunks])}, location=[{string.Join(", ", ArrayLocation.Select(l => $"{l.Start}:{l.Stop}"))}], shape={Kernels.Shapes.Format([.. Shape])})";

    /// <summary>
    /// The info of output block <paramref name="blockId"/> of a grid of <paramref name="chunks"/>,
    /// with the infos of its inputs: input <c>k</c> has chunks <c>inputChunks[k]</c>, and its axis
    /// <c>a</c> is output axis <c>inputAxes[k][a]</c> (the block there is the output's, unless the
    /// input has one block there and is broadcast) or, where that is -1, an axis joined into one block.
    /// </summary>
    internal static BlockInfo Of(int[] blockId, int[][] chunks, int[][] inputAxes, int[][][] inputChunks)
    {
        var inputs = new BlockInfo[inputAxes.Length];
        for (var k = 0; k < inputs.Length; k++)
        {
            var id = inputAxes[k].Select((a, axis) => a < 0 || inputChunks[k][axis].Length == 1 ? 0 : blockId[a]).ToArray();
            inputs[k] = new BlockInfo(id, inputChunks[k], []);
        }

        return new BlockInfo(blockId, chunks, inputs);
    }
}
