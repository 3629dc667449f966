using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>
    /// Boolean-mask indexing, NumPy's <c>x[mask]</c>. A mask of this array's shape selects the
    /// elements where it is true and gives them as a 1-D array, in row-major order; a 1-D mask as
    /// long as axis 0 keeps the slices along axis 0 where it is true (the same as
    /// <c>Compress(mask, 0)</c>). How many elements are kept is known only once computed, so the
    /// result's chunk sizes are unknown (<see cref="HasUnknownChunks"/>; Dask's NaN chunks):
    /// elementwise ops, reductions and <c>Compute()</c> work on it, while operations that place
    /// elements by position need <see cref="ComputeChunkSizes"/> first.
    /// </summary>
    /// <remarks>
    /// The mask's chunks are unified with the array's. A mask of the array's shape gives one output
    /// block per block along axis 0; where the other axes have several blocks, each row of blocks
    /// along axis 0 is joined into one block first (as Dask ravels the array), so that the
    /// elements come out in row-major order.
    /// </remarks>
    /// <exception cref="ArgumentException">The mask is neither of the array's rank nor 1-D, or a size differs from the array's; the message names both shapes.</exception>
    /// <exception cref="UnknownChunkSizesException">
    /// Along an axis of unknown size the mask's blocks differ from the array's, or (for a mask of
    /// the array's shape) an axis after the first has several blocks of unknown size.
    /// </exception>
    public DArray<TElement> this[DArray<Bool> mask]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(mask);
            if (mask.Rank == 1 && Rank > 1)
            {
                return Compress(mask, 0);
            }

            if (mask.Rank != Rank)
            {
                throw new ArgumentException(
                    $"A boolean index of shape {ChunkGrid.FormatShape(mask.shape)} cannot index array {Name} of shape {ChunkGrid.FormatShape(shape)}: " +
                    "it must have the array's shape, or be 1-D along axis 0 (Compress selects along another axis).",
                    nameof(mask));
            }

            return MaskElements(mask);
        }
    }

    /// <summary>
    /// The slices along <paramref name="axis"/> where the 1-D boolean <paramref name="condition"/> is
    /// true, other axes kept: NumPy's <c>compress(condition, x, axis)</c>, or <c>x[:, condition]</c>
    /// for axis 1. Unlike NumPy's <c>compress</c>, the condition must be as long as the axis. The
    /// condition's chunks are unified with the axis'; each block keeps its own selected slices, so
    /// the sizes along the axis are unknown until computed (<see cref="HasUnknownChunks"/>).
    /// </summary>
    /// <param name="condition">A 1-D boolean array with one element per position along the axis.</param>
    /// <param name="axis">The axis to select along; -1 is the last.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ArgumentException">The condition is not 1-D or not as long as the axis; the message names both shapes.</exception>
    /// <exception cref="UnknownChunkSizesException">The axis or the condition has unknown size and their blocks differ.</exception>
    public DArray<TElement> Compress(DArray<Bool> condition, int axis)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var a = NormalizeAxis(axis);
        if (condition.Rank != 1)
        {
            throw new ArgumentException(
                $"A condition of shape {ChunkGrid.FormatShape(condition.shape)} cannot select along axis {a} of array {Name} of shape {ChunkGrid.FormatShape(shape)}: it must be 1-D.",
                nameof(condition));
        }

        var axisChunks = MaskAxisChunks(condition, [(a, 0)])[0];
        if (shape[a] == 0)
        {
            return this;
        }

        var target = (int[][])chunks.Clone();
        target[a] = axisChunks;
        var x = UnifyChunks.To(Node, target);
        var c = UnifyChunks.To(condition.Node, [axisChunks]);
        var name = Tokenize.Name("compress", x.Name, c.Name, a);
        var letters = ArrayBlockwise.Letters(Rank);
        var task = new BlockwiseTask(
            ArrayOps.Name<TElement>("compress"), ArrayBlockwise.Blocks(x, letters), ArrayBlockwise.Blocks(c, letters[a..(a + 1)]), BlockwiseArg.Literal(a));
        var outChunks = (int[][])x.Chunks.Clone();
        outChunks[a] = [.. Enumerable.Repeat(ChunkGrid.Unknown, axisChunks.Length)];
        return FromNode(ArrayBlockwise.Build(name, letters, outChunks, DType, task, [x, c]));
    }

    /// <summary>
    /// The slices along <paramref name="axis"/> where <paramref name="condition"/> is true: with the
    /// condition known now, this is <see cref="Take"/> of its true positions, and the sizes stay known.
    /// </summary>
    /// <param name="condition">One value per position along the axis.</param>
    /// <param name="axis">The axis to select along; -1 is the last.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ArgumentException">The condition is not as long as the axis; the message names the shape.</exception>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown (<see cref="HasUnknownChunks"/>).</exception>
    public DArray<TElement> Compress(bool[] condition, int axis)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var a = NormalizeAxis(axis);
        RequireKnownChunks("Compress", a);
        if (condition.Length != shape[a])
        {
            throw new ArgumentException(
                $"A condition of {condition.Length} values cannot select along axis {a} of array {Name} of shape {ChunkGrid.FormatShape(shape)}, which has size {shape[a]}.",
                nameof(condition));
        }

        return Take([.. Enumerable.Range(0, condition.Length).Where(i => condition[i])], a);
    }

    private DArray<TElement> MaskElements(DArray<Bool> mask)
    {
        var grid = MaskAxisChunks(mask, [.. Enumerable.Range(0, Rank).Select(a => (a, a))]);

        // Row-major order across blocks: the axes after the first become single blocks.
        for (var a = 1; a < Rank; a++)
        {
            if (grid[a].Length > 1)
            {
                var operation = $"Boolean indexing with a mask of the array's shape, where axis {a} has several blocks,";
                Node.RequireKnown(operation, a);
                mask.Node.RequireKnown(operation, a);
                grid[a] = [ChunkGrid.AxisSize(grid[a])];
            }
        }

        if (!HasUnknownChunks && !mask.HasUnknownChunks && Size == 0)
        {
            return DArray.Full<TElement>([0], [1], TElement.Zero);
        }

        var x = UnifyChunks.To(Node, grid);
        var m = UnifyChunks.To(mask.Node, grid);
        var name = Tokenize.Name("getitem-mask", x.Name, m.Name);
        var bands = Rank == 0 ? 1 : grid[0].Length;

        // One output block per band of blocks along the first axis; the other axes are one block each.
        var letters = ArrayBlockwise.Letters(Math.Max(Rank, 1));
        var task = new BlockwiseTask(
            ArrayOps.Name<TElement>("boolean-mask"),
            ArrayBlockwise.Blocks(x, letters[..Rank], concatenate: true),
            ArrayBlockwise.Blocks(m, letters[..Rank], concatenate: true));
        return FromNode(ArrayBlockwise.Build(name, letters[..1], [[.. Enumerable.Repeat(ChunkGrid.Unknown, bands)]], DType, task, [x, m]));
    }

    /// <summary>
    /// For each (array axis, mask axis) pair, the chunks both are cut to: the union of their block
    /// boundaries where sizes are known; where a size is unknown, the blocks must already be the same.
    /// </summary>
    /// <exception cref="ArgumentException">A known size differs from the mask's; the message names both shapes.</exception>
    /// <exception cref="UnknownChunkSizesException">A pair involves an unknown size and the blocks differ.</exception>
    private int[][] MaskAxisChunks(DArray<Bool> mask, (int Axis, int MaskAxis)[] pairs)
    {
        foreach (var (axis, maskAxis) in pairs)
        {
            var (mine, theirs) = (shape[axis], mask.shape[maskAxis]);
            if (mine != ChunkGrid.Unknown && theirs != ChunkGrid.Unknown && mine != theirs)
            {
                throw new ArgumentException(
                    $"Boolean index {mask.Name} of shape {ChunkGrid.FormatShape(mask.shape)} does not match array {Name} of shape {ChunkGrid.FormatShape(shape)}: " +
                    $"axis {axis} has size {mine} but the mask's axis {maskAxis} has size {theirs}.",
                    nameof(mask));
            }
        }

        return [.. pairs.Select(pair =>
        {
            var (mine, theirs) = (chunks[pair.Axis], mask.chunks[pair.MaskAxis]);
            if (!mine.Contains(ChunkGrid.Unknown) && !theirs.Contains(ChunkGrid.Unknown))
            {
                return UnifyChunks.Common([mine, theirs]);
            }

            if (!mine.AsSpan().SequenceEqual(theirs))
            {
                var operation = $"Boolean indexing of array {Name} (chunks {ChunkGrid.Format(chunks)}) with mask {mask.Name} (chunks {ChunkGrid.Format(mask.chunks)}), whose blocks differ along axis {pair.Axis},";
                throw mine.Contains(ChunkGrid.Unknown)
                    ? UnknownChunkSizesException.For(Name, shape, chunks, operation, [pair.Axis])
                    : UnknownChunkSizesException.For(mask.Name, mask.shape, mask.chunks, operation, [pair.MaskAxis]);
            }

            return mine;
        })];
    }
}
