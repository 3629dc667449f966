using System.Runtime.CompilerServices;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>
    /// The same array cut into blocks of <paramref name="blockSize"/> along each axis (-1 keeps an
    /// axis whole; the last block of an axis holds the remainder), as Dask's <c>rechunk</c>.
    /// </summary>
    /// <param name="blockSize">The block size per axis.</param>
    /// <param name="blockSizeLimit">The most bytes an intermediate block may hold; null for 128 MiB.</param>
    /// <exception cref="ArgumentException">The sizes do not match the rank, or a size is 0 or below -1.</exception>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown (<see cref="HasUnknownChunks"/>): call <see cref="ComputeChunkSizes"/> first.</exception>
    public DArray<TElement> Rechunk(int[] blockSize, long? blockSizeLimit = null)
    {
        ArgumentNullException.ThrowIfNull(blockSize);
        RequireKnownChunks("Rechunk");
        return Rechunk(Rechunking.FromBlockSize(shape, blockSize), blockSizeLimit);
    }

    /// <summary>
    /// The same array cut into the explicit <paramref name="chunks"/> per axis. Each new block
    /// reads only the pieces of old blocks it overlaps, each cut by a task of its own; when that
    /// would make more than 10,000 pieces and a much larger graph than the blocks before and after
    /// (many rows to columns, say), the rechunk runs in two stages
    /// whose intermediate blocks hold at most <paramref name="blockSizeLimit"/> bytes (or the
    /// largest old or new block, if larger).
    /// </summary>
    /// <param name="chunks">The block sizes of each axis, adding up to its size; blocks may be empty (as masking leaves them).</param>
    /// <param name="blockSizeLimit">The most bytes an intermediate block may hold; null for 128 MiB.</param>
    /// <exception cref="ArgumentException">The chunks do not match the shape; the message names both.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blockSizeLimit"/> is not positive.</exception>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown (<see cref="HasUnknownChunks"/>): call <see cref="ComputeChunkSizes"/> first.</exception>
    public DArray<TElement> Rechunk(int[][] chunks, long? blockSizeLimit = null)
    {
        RequireKnownChunks("Rechunk");
        var target = ChunkGrid.FromExplicit(shape, chunks, allowEmptyBlocks: true);
        var limit = blockSizeLimit ?? Rechunking.DefaultBlockSizeLimit;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, nameof(blockSizeLimit));
        if (Size == 0)
        {
            return Rechunking.Same(this.chunks, target) ? this : DArray.Full(shape, target, TElement.Zero);
        }

        var result = this;
        var plan = Rechunking.Plan(this.chunks, target, Unsafe.SizeOf<TElement>(), limit);
        for (var step = 0; step < plan.Count; step++)
        {
            result = result.RechunkStep(plan[step], step < plan.Count - 1 ? "rechunk-merge" : "rechunk");
        }

        return result;
    }

    /// <summary>
    /// One direct rechunk: each new block copies its pieces out of the old blocks it overlaps. A
    /// piece that is only part of an old block is cut out by a task of its own first (as Dask's
    /// rechunk does), so a new block's task holds its pieces, never the whole old blocks they come
    /// from: no task needs more memory than about its own block twice, whatever the chunkings.
    /// </summary>
    private DArray<TElement> RechunkStep(int[][] target, string prefix)
    {
        var name = Tokenize.Name(prefix, Name, target);
        var splitName = Tokenize.Name(prefix + "-split", Name, target);
        var pieces = target.Select((c, axis) => Rechunking.Intersect(chunks[axis], c)).ToArray();
        var firstPiece = pieces.Select(Rechunking.FirstPieceIndices).ToArray();
        var op = ArrayOps.Name<TElement>("rechunk");
        var getItem = ArrayOps.Name<TElement>("getitem");
        var tasks = new Dictionary<Key, DaskTask>();
        var splits = new Dictionary<Key, DaskTask>();
        foreach (var index in ChunkGrid.Indices(ChunkGrid.BlockCounts(target)))
        {
            var perAxis = index.Select((j, axis) => pieces[axis][j]).ToArray();
            var counts = perAxis.Select(p => p.Count).ToArray();
            var keys = new List<Key>();
            var meta = new List<int>();
            foreach (var combo in ChunkGrid.Indices(counts))
            {
                var old = new int[Rank];
                var start = new int[Rank];
                var length = new int[Rank];
                var at = new int[Rank];
                for (var axis = 0; axis < Rank; axis++)
                {
                    var p = perAxis[axis][combo[axis]];
                    (old[axis], start[axis], length[axis], at[axis]) = (p.Old, p.Start, p.Length, p.At);
                }

                var oldKey = new Key(Name, old);
                if (length.AsSpan().SequenceEqual(ChunkGrid.BlockShape(chunks, old)))
                {
                    keys.Add(oldKey);
                }
                else
                {
                    var pieceKey = new Key(splitName, [.. combo.Select((c, axis) => firstPiece[axis][index[axis]] + c)]);
                    splits[pieceKey] = new DaskTask(
                        getItem, TaskArg.Ref(oldKey), TaskArg.Literal(start), TaskArg.Literal(Enumerable.Repeat(1, Rank).ToArray()),
                        TaskArg.Literal(length), TaskArg.Literal(length));
                    keys.Add(pieceKey);
                    start = new int[Rank];
                }

                meta.AddRange(start);
                meta.AddRange(length);
                meta.AddRange(at);
            }

            var blockShape = ChunkGrid.BlockShape(target, index);
            var whole = keys.Count == 1 && keys[0].Name == Name && ChunkGrid.BlockShape(chunks, keys[0].Index).AsSpan().SequenceEqual(blockShape);
            tasks[new Key(name, index)] = whole
                ? new DaskTask(StructureOps.AliasOp, keys[0])
                : new DaskTask(op, TaskArg.Refs(keys), TaskArg.Literal(meta.ToArray()), TaskArg.Literal(blockShape));
        }

        var input = splits.Count == 0 ? Graph : TaskGraph.FromLayer(new MaterializedLayer(splitName, splits), Graph);
        return FromLayer(name, shape, target, tasks, input);
    }
}
