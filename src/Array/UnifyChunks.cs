using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Re-cuts an array to given chunks (Dask's <c>unify_chunks</c> step, not the public
/// memory-bounded rechunk): each new block is assembled from the pieces of the old blocks it
/// overlaps, by slicing and copying. Used where operands must share block boundaries, such as
/// elementwise ops over differently chunked arrays, and to join the blocks of an axis into one.
/// Axes of unknown size cannot be re-cut, but may stay as they are while other axes are: their
/// pieces are whole blocks, sized when the task runs.
/// </summary>
internal static class UnifyChunks
{
    /// <summary>The chunks whose boundaries are the union of the boundaries of every chunking in <paramref name="axisChunks"/> (all of one axis' size).</summary>
    public static int[] Common(IReadOnlyList<int[]> axisChunks)
    {
        var dim = axisChunks[0].Sum();
        if (dim == 0)
        {
            return [0];
        }

        var cuts = new SortedSet<int>();
        foreach (var chunks in axisChunks)
        {
            var at = 0;
            foreach (var c in chunks)
            {
                at += c;
                cuts.Add(at);
            }
        }

        var result = new int[cuts.Count];
        var previous = 0;
        var i = 0;
        foreach (var cut in cuts)
        {
            result[i++] = cut - previous;
            previous = cut;
        }

        return result;
    }

    /// <summary>
    /// <paramref name="x"/> cut into <paramref name="chunks"/> (which must cover the same shape),
    /// or <paramref name="x"/> itself where nothing changes.
    /// </summary>
    /// <exception cref="UnknownChunkSizesException">An axis whose blocks would change has a block of unknown size.</exception>
    public static ArrayNode To(ArrayNode x, int[][] chunks)
    {
        var same = x.Chunks.Select((c, axis) => c.AsSpan().SequenceEqual(chunks[axis])).ToArray();
        if (same.All(s => s))
        {
            return x;
        }

        var changed = Enumerable.Range(0, chunks.Length).Where(a => !same[a]).ToArray();
        x.RequireKnown($"Re-cutting the blocks of axis {string.Join(", ", changed)} to {ChunkGrid.Format(chunks)}", changed);
        var name = Tokenize.Name("unify-chunks", x.Name, chunks);
        var pieces = x.Chunks.Select((old, axis) => same[axis] && old.Contains(ChunkGrid.Unknown) ? WholePieces(old) : AxisPieces(old, chunks[axis])).ToArray();
        var assemble = ArrayNode.Op("assemble", x.DType);
        var tasks = new Dictionary<Key, DaskTask>();
        foreach (var index in ChunkGrid.Indices(ChunkGrid.BlockCounts(chunks)))
        {
            var axisPieces = index.Select((b, axis) => pieces[axis][b]).ToArray();
            var combos = Combinations(axisPieces);
            var key = new Key(name, index);
            var first = combos[0];
            if (combos.Count == 1 && first.All(p => p.Whole))
            {
                tasks[key] = new DaskTask(StructureOps.AliasOp, x.BlockKey([.. first.Select(p => p.Block)]));
                continue;
            }

            tasks[key] = new DaskTask(
                assemble,
                TaskArg.Literal(ChunkGrid.BlockShape(chunks, index)),
                TaskArg.Refs(combos.Select(c => x.BlockKey([.. c.Select(p => p.Block)]))),
                TaskArg.Literal(combos.Select(c => c.Select(p => p.Start).ToArray()).ToArray()),
                TaskArg.Literal(combos.Select(c => c.Select(p => p.Length).ToArray()).ToArray()),
                TaskArg.Literal(combos.Select(c => c.Select(p => p.Offset).ToArray()).ToArray()));
        }

        return new ArrayNode(name, x.Shape, [.. chunks.Select(c => (int[])c.Clone())], TaskGraph.FromLayer(new MaterializedLayer(name, tasks), x.Graph), x.DType);
    }

    /// <summary>
    /// <paramref name="x"/> with the blocks along <paramref name="axes"/> joined into one block
    /// per axis (what Dask's blockwise concatenation does for contracted and dropped axes).
    /// </summary>
    public static ArrayNode Single(ArrayNode x, IEnumerable<int> axes)
    {
        var chunks = x.Chunks.Select(c => (int[])c.Clone()).ToArray();
        foreach (var axis in axes)
        {
            chunks[axis] = [x.Shape[axis]];
        }

        return To(x, chunks);
    }

    /// <summary>Each block of an unchanged axis as its own whole piece, whatever its size.</summary>
    private static List<Piece>[] WholePieces(int[] axisChunks) =>
        [.. axisChunks.Select((size, b) => new List<Piece> { new(b, 0, size, 0, true) })];

    /// <summary>For each new block along one axis, the pieces of old blocks that make it up.</summary>
    private static List<Piece>[] AxisPieces(int[] old, int[] updated)
    {
        var oldOffsets = ChunkGrid.Offsets(old);
        var result = new List<Piece>[updated.Length];
        var start = 0;
        var ob = 0;
        for (var nb = 0; nb < updated.Length; nb++)
        {
            var end = start + updated[nb];
            var list = new List<Piece>();
            if (updated[nb] == 0)
            {
                list.Add(new Piece(0, 0, 0, 0, old[0] == 0));
            }

            while (ob < old.Length && oldOffsets[ob] + old[ob] <= start && old[ob] > 0)
            {
                ob++;
            }

            for (var b = ob; b < old.Length && oldOffsets[b] < end; b++)
            {
                var from = Math.Max(start, oldOffsets[b]);
                var to = Math.Min(end, oldOffsets[b] + old[b]);
                if (to > from)
                {
                    list.Add(new Piece(b, from - oldOffsets[b], to - from, from - start, from == oldOffsets[b] && to - from == old[b]));
                }
            }

            result[nb] = list;
            start = end;
        }

        return result;
    }

    /// <summary>Every combination of one piece per axis: the rectangular pieces of a new block.</summary>
    private static List<Piece[]> Combinations(List<Piece>[] axisPieces)
    {
        var result = new List<Piece[]> { System.Array.Empty<Piece>() };
        foreach (var options in axisPieces)
        {
            result = [.. result.SelectMany(prefix => options.Select(p => (Piece[])[.. prefix, p]))];
        }

        return result;
    }

    /// <summary>Part of old block <paramref name="Block"/> from <paramref name="Start"/>, placed at <paramref name="Offset"/> of the new block.</summary>
    private readonly record struct Piece(int Block, int Start, int Length, int Offset, bool Whole);
}
