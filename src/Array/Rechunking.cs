using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Rechunk planning (Dask's <c>plan_rechunk</c>, simplified): a direct rechunk whose tasks read
/// only the pieces where old and new blocks intersect (each piece cut by a task of its own),
/// split into two stages when the direct graph would have more than 10,000 pieces and be much
/// larger than the two chunkings (such as turning many row blocks into column blocks). The first stage merges old blocks along the axes that grow, as far as a block-size
/// limit allows, so no intermediate block exceeds the limit; the second reaches the target.
/// </summary>
internal static class Rechunking
{
    /// <summary>The default limit on intermediate block bytes: 128 MiB, Dask's <c>array.chunk-size</c>.</summary>
    public const long DefaultBlockSizeLimit = 128L << 20;

    /// <summary>A direct rechunk is used while its pieces number at most this many times the blocks before and after...</summary>
    private const int GraphSizeFactor = 4;

    /// <summary>
    /// ...or at most this many: each piece is cut by a small task of its own, so a direct rechunk
    /// holds no more than about two blocks per task, while an intermediate stage merges blocks up
    /// to the block-size limit (128 MiB by default), more than a small worker holds.
    /// </summary>
    private const int MaxDirectPieces = 10_000;

    /// <summary>
    /// The chunkings to pass through, ending with <paramref name="target"/>; empty when the
    /// chunks already match. No intermediate block holds more than
    /// <c>max(limit, largest old block, largest new block)</c> bytes.
    /// </summary>
    public static List<int[][]> Plan(int[][] old, int[][] target, int itemSize, long blockSizeLimit)
    {
        if (Same(old, target))
        {
            return [];
        }

        var pieces = GraphSize(old, target);
        if (pieces <= MaxDirectPieces || pieces <= GraphSizeFactor * (BlockCount(old) + BlockCount(target)))
        {
            return [target];
        }

        var limit = Math.Max(blockSizeLimit / itemSize, Math.Max(LargestBlock(old), LargestBlock(target)));
        var mid = MergeToward(old, target, limit);
        return Same(mid, old) || Same(mid, target) ? [target] : [mid, target];
    }

    /// <summary>
    /// For each new block along one axis, the pieces of old blocks it is made of:
    /// <c>(old block, start within it, length, start within the new block)</c>.
    /// </summary>
    public static List<(int Old, int Start, int Length, int At)>[] Intersect(int[] oldChunks, int[] newChunks)
    {
        var result = new List<(int, int, int, int)>[newChunks.Length];
        int o = 0, oStart = 0, pos = 0;
        for (var j = 0; j < newChunks.Length; j++)
        {
            result[j] = [];
            var end = pos + newChunks[j];
            if (newChunks[j] == 0)
            {
                result[j].Add((0, 0, 0, 0));
                continue;
            }

            while (pos < end)
            {
                while (oStart + oldChunks[o] <= pos)
                {
                    oStart += oldChunks[o++];
                }

                var take = Math.Min(end, oStart + oldChunks[o]) - pos;
                result[j].Add((o, pos - oStart, take, pos - (end - newChunks[j])));
                pos += take;
            }
        }

        return result;
    }

    /// <summary>For each new block along one axis, the index along that axis of its first piece among all the axis's pieces.</summary>
    public static int[] FirstPieceIndices(List<(int Old, int Start, int Length, int At)>[] pieces)
    {
        var first = new int[pieces.Length];
        for (var j = 1; j < pieces.Length; j++)
        {
            first[j] = first[j - 1] + pieces[j - 1].Count;
        }

        return first;
    }

    /// <summary>The number of pieces a direct rechunk reads: the product over axes of the intersections.</summary>
    public static long GraphSize(int[][] old, int[][] target)
    {
        long size = 1;
        for (var axis = 0; axis < old.Length; axis++)
        {
            var bounds = new HashSet<int>(ChunkGrid.Offsets(old[axis]));
            bounds.UnionWith(ChunkGrid.Offsets(target[axis]));
            size *= bounds.Count;
        }

        return size;
    }

    /// <summary>Whether two chunkings are equal.</summary>
    public static bool Same(int[][] a, int[][] b) =>
        a.Length == b.Length && a.Zip(b).All(p => p.First.AsSpan().SequenceEqual(p.Second));

    private static long BlockCount(int[][] chunks) => chunks.Aggregate(1L, (n, c) => n * c.Length);

    private static long LargestBlock(int[][] chunks) => chunks.Aggregate(1L, (n, c) => n * c.Max());

    /// <summary>
    /// Old chunks merged (whole blocks only) along the axes whose target blocks are larger,
    /// largest growth first, each as far as the limit allows given the other axes.
    /// </summary>
    private static int[][] MergeToward(int[][] old, int[][] target, long limit)
    {
        var mid = old.Select(c => (int[])c.Clone()).ToArray();
        var growing = Enumerable.Range(0, old.Length)
            .Where(a => target[a].Max() > old[a].Max())
            .OrderByDescending(a => (double)target[a].Max() / old[a].Max())
            .ToList();
        foreach (var axis in growing)
        {
            long others = 1;
            for (var a = 0; a < mid.Length; a++)
            {
                others *= a == axis ? 1 : mid[a].Max();
            }

            var allowed = Math.Max(1, limit / Math.Max(1, others));
            var size = (int)Math.Min(target[axis].Max(), Math.Max(allowed, old[axis].Max()));
            mid[axis] = MergeChunks(old[axis], size);
        }

        return mid;
    }

    private static int[] MergeChunks(int[] chunks, int size)
    {
        var merged = new List<int>();
        var current = 0;
        foreach (var c in chunks)
        {
            if (current > 0 && current + c > size)
            {
                merged.Add(current);
                current = 0;
            }

            current += c;
        }

        merged.Add(current);
        return [.. merged];
    }

    /// <summary>Normalizes a block size per axis (-1 for the whole axis) into explicit chunks.</summary>
    /// <exception cref="ArgumentException">The sizes do not match the rank, or one is 0 or below -1.</exception>
    public static int[][] FromBlockSize(int[] shape, int[] blockSize)
    {
        if (blockSize.Length != shape.Length)
        {
            throw new ArgumentException(
                $"Chunks {Shapes.Format(blockSize)} give a block size for {blockSize.Length} axes, but shape {Shapes.Format(shape)} has {shape.Length}.");
        }

        var sizes = blockSize.Select((b, axis) => b == -1 ? Math.Max(1, shape[axis]) : b).ToArray();
        return ChunkGrid.FromBlockSize(shape, sizes);
    }
}
