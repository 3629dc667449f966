using MiniDask.Graph;

namespace MiniDask.Array;

/// <summary>
/// The shape of each block of a chunk grid, as an <c>int[]</c> literal (Dask's
/// <c>ArrayChunkShapeDep</c>); unknown sizes are <see cref="ChunkGrid.Unknown"/>. Blocks of the
/// same shape share one literal, so a regular grid of a million blocks holds a handful.
/// </summary>
internal sealed class BlockShapes : BlockwiseDep
{
    private const int MaxShared = 4096;

    private readonly int[][] chunks;
    private readonly int[][] sizeClass;
    private readonly int[][] classSizes;
    private readonly TaskArg?[]? shared;

    public BlockShapes(int[][] chunks)
        : base(ChunkGrid.BlockCounts(chunks))
    {
        this.chunks = chunks;
        sizeClass = new int[chunks.Length][];
        classSizes = new int[chunks.Length][];
        var combinations = 1L;
        for (var axis = 0; axis < chunks.Length; axis++)
        {
            var distinct = chunks[axis].Distinct().ToArray();
            classSizes[axis] = distinct;
            sizeClass[axis] = [.. chunks[axis].Select(size => System.Array.IndexOf(distinct, size))];
            combinations *= Math.Max(1, distinct.Length);
        }

        shared = combinations <= MaxShared ? new TaskArg?[combinations] : null;
    }

    /// <inheritdoc />
    public override TaskArg ArgumentFor(ReadOnlySpan<int> blockIndex)
    {
        if (shared is null)
        {
            return TaskArg.Literal(ChunkGrid.BlockShape(chunks, blockIndex));
        }

        var slot = 0;
        for (var axis = 0; axis < chunks.Length; axis++)
        {
            slot = (slot * classSizes[axis].Length) + sizeClass[axis][blockIndex[axis]];
        }

        return shared[slot] ??= TaskArg.Literal(ChunkGrid.BlockShape(chunks, blockIndex));
    }
}

/// <summary>Where each block of a chunk grid starts, as an <c>int[]</c> of element offsets per axis.</summary>
internal sealed class BlockStarts(int[][] chunks) : BlockwiseDep(ChunkGrid.BlockCounts(chunks))
{
    private readonly int[][] offsets = [.. chunks.Select(ChunkGrid.Offsets)];

    /// <inheritdoc />
    public override TaskArg ArgumentFor(ReadOnlySpan<int> blockIndex)
    {
        var start = new int[offsets.Length];
        for (var axis = 0; axis < start.Length; axis++)
        {
            start[axis] = offsets[axis][blockIndex[axis]];
        }

        return TaskArg.Literal(start);
    }
}

/// <summary>Each block's index, as an <c>int[]</c> (Dask's <c>BlockIndex</c>, what <c>block_id</c> passes).</summary>
internal sealed class BlockIndices(int[] counts) : BlockwiseDep(counts)
{
    /// <inheritdoc />
    public override TaskArg ArgumentFor(ReadOnlySpan<int> blockIndex) => TaskArg.Literal(blockIndex.ToArray());
}

/// <summary>Along one axis, where each block starts (<see cref="Offsets"/>) or how long it is (<see cref="Sizes"/>).</summary>
internal sealed class AxisBlocks : BlockwiseDep
{
    private readonly TaskArg[] values;

    private AxisBlocks(int[] axisChunks, Func<int, int, object> value)
        : base([axisChunks.Length])
    {
        var offsets = ChunkGrid.Offsets(axisChunks);
        values = [.. Enumerable.Range(0, axisChunks.Length).Select(b => TaskArg.Literal(value(offsets[b], axisChunks[b])))];
    }

    /// <summary>Each block's first element along the axis.</summary>
    public static AxisBlocks Offsets(int[] axisChunks, bool asLong = false) =>
        new(axisChunks, (offset, _) => asLong ? (long)offset : (object)offset);

    /// <summary>Each block's length along the axis.</summary>
    public static AxisBlocks Sizes(int[] axisChunks) => new(axisChunks, (_, size) => size);

    /// <inheritdoc />
    public override TaskArg ArgumentFor(ReadOnlySpan<int> blockIndex) => values[blockIndex[0]];
}

/// <summary>A value given for each block, in row-major block order (Dask's <c>BlockwiseDepDict</c>).</summary>
internal sealed class BlockValues : BlockwiseDep
{
    private readonly object?[] values;
    private readonly int[] counts;

    public BlockValues(int[] counts, object?[] values)
        : base(counts)
    {
        if (values.Length != counts.Aggregate(1, (n, c) => n * c))
        {
            throw new ArgumentException($"{values.Length} values for a grid of {Kernels.Shapes.Format(counts)} blocks.", nameof(values));
        }

        this.counts = counts;
        this.values = values;
    }

    /// <inheritdoc />
    public override TaskArg ArgumentFor(ReadOnlySpan<int> blockIndex)
    {
        var flat = 0;
        for (var axis = 0; axis < counts.Length; axis++)
        {
            flat = (flat * counts[axis]) + blockIndex[axis];
        }

        return TaskArg.Literal(values[flat]);
    }
}
