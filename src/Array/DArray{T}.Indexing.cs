using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>
    /// The selection <paramref name="index"/>, one entry per axis, as NumPy's basic indexing:
    /// <c>x[10..200, ^5..]</c>, <c>x[3]</c> (removes axis 0), <c>x[Slice.Of(null, null, -2)]</c>,
    /// <c>x[Slice.Ellipsis, Slice.NewAxis]</c>. Missing trailing entries select whole axes. Each
    /// output block reads one input block, so blocks follow the input's block edges. An axis of
    /// unknown size (<see cref="HasUnknownChunks"/>) can only be kept whole (<c>..</c> or
    /// <see cref="Slice.All"/>).
    /// </summary>
    /// <exception cref="ArgumentException">More entries than axes, or more than one ellipsis; the message names the shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A position or C# range lies outside its axis; the message names the axis and shape.</exception>
    /// <exception cref="UnknownChunkSizesException">An entry other than a whole axis falls on an axis of unknown size.</exception>
    public DArray<TElement> this[params Slice[] index] => Select(index);

    /// <summary>Block-level indexing: <c>x.Blocks[i, j]</c> is the array made of block <c>(i, j)</c> (Dask's <c>x.blocks</c>).</summary>
    public DArrayBlocks<TElement> Blocks => new(this);

    /// <summary>
    /// The elements at <paramref name="indices"/> along <paramref name="axis"/>, in that order
    /// (NumPy's <c>take</c>; negative indices count from the end, repeats allowed). Output blocks
    /// along the axis hold as many indices as the input's largest block there, and each reads
    /// only the input blocks its indices fall in.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis or an index is out of range; the message names the shape.</exception>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown (<see cref="HasUnknownChunks"/>).</exception>
    public DArray<TElement> Take(int[] indices, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var a = Shapes.NormalizeAxis(axis, Rank);
        RequireKnownChunks("Take");
        var dim = shape[a];
        var resolved = new int[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            var v = indices[i] < 0 ? indices[i] + dim : indices[i];
            if ((uint)v >= (uint)dim)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(indices), indices[i], $"Index {indices[i]} is out of range for axis {a} of size {dim} (shape {Shapes.Format(shape)}).");
            }

            resolved[i] = v;
        }

        var outShape = (int[])shape.Clone();
        outShape[a] = indices.Length;
        if (Shapes.ElementCount(outShape) == 0)
        {
            return DArray.Full(outShape, outShape.Select(d => Math.Max(1, d)).ToArray(), TElement.Zero);
        }

        var offsets = ChunkGrid.Offsets(chunks[a]);
        var pieces = resolved.Chunk(Math.Max(1, chunks[a].Max())).ToArray();
        var outChunks = (int[][])chunks.Clone();
        outChunks[a] = [.. pieces.Select(p => p.Length)];
        var name = Tokenize.Name("take", Name, a, resolved);
        var op = ArrayOps.Name<TElement>("take");
        var tasks = new Dictionary<Key, DaskTask>();
        foreach (var index in ChunkGrid.Indices(ChunkGrid.BlockCounts(outChunks)))
        {
            var piece = pieces[index[a]];
            var blocks = piece.Select(v => BlockOf(offsets, v)).Distinct().Order().ToArray();
            var starts = new Dictionary<int, int>();
            var at = 0;
            foreach (var b in blocks)
            {
                starts[b] = at;
                at += chunks[a][b];
            }

            var local = piece.Select(v =>
            {
                var b = BlockOf(offsets, v);
                return starts[b] + v - offsets[b];
            }).ToArray();
            var keys = blocks.Select(b =>
            {
                var source = (int[])index.Clone();
                source[a] = b;
                return new Key(Name, source);
            });
            tasks[new Key(name, index)] = new DaskTask(op, TaskArg.Refs(keys), TaskArg.Literal(a), TaskArg.Literal(local));
        }

        return FromLayer(name, outShape, outChunks, tasks, Graph);
    }

    private DArray<TElement> Select(Slice[] index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var entries = ExpandEllipsis(index);
        var selections = new List<(int Start, int Step, int Count)>();
        var outShape = new List<int>();
        var layout = new List<(int Axis, bool Drop, bool New)>();
        var axis = 0;
        foreach (var entry in entries)
        {
            if (entry.IsNewAxis)
            {
                layout.Add((-1, false, true));
                outShape.Add(1);
                continue;
            }

            if (chunks[axis].Contains(ChunkGrid.Unknown))
            {
                if (!entry.IsWhole)
                {
                    RequireKnownChunks($"Indexing with {entry} on axis {axis}", axis);
                }

                selections.Add((0, 1, ChunkGrid.Unknown));
                layout.Add((axis, false, false));
                outShape.Add(ChunkGrid.Unknown);
                axis++;
                continue;
            }

            var sel = entry.Resolve(axis, shape);
            selections.Add(sel);
            layout.Add((axis, entry.IsPosition, false));
            if (!entry.IsPosition)
            {
                outShape.Add(sel.Count);
            }

            axis++;
        }

        var whole = layout.All(l => !l.Drop && !l.New) && selections.Select((s, a) => s.Start == 0 && s.Step == 1 && s.Count == shape[a]).All(b => b);
        if (whole)
        {
            return this;
        }

        var result = outShape.ToArray();
        if (!result.Contains(ChunkGrid.Unknown) && Shapes.ElementCount(result) == 0)
        {
            return DArray.Full(result, result.Select(d => Math.Max(1, d)).ToArray(), TElement.Zero);
        }

        // Per input axis, the output chunks: (input block, first local position, count); an
        // axis of unknown size keeps its blocks whole, and an empty selection is one empty piece.
        var perAxis = selections.Select((s, a) => s.Count == ChunkGrid.Unknown
            ? [.. chunks[a].Select((size, b) => (b, 0, size))]
            : AxisPieces(chunks[a], s) is { Count: > 0 } pieces ? pieces : [(0, 0, 0)]).ToArray();
        var outChunks = new List<int[]>();
        foreach (var (a, drop, isNew) in layout)
        {
            if (isNew)
            {
                outChunks.Add([1]);
            }
            else if (!drop)
            {
                outChunks.Add([.. perAxis[a].Select(p => p.Count)]);
            }
        }

        var name = Tokenize.Name("getitem", Name, selections.Select(s => new[] { s.Start, s.Step, s.Count }), layout.Select(l => new[] { l.Axis, l.Drop ? 1 : 0 }));
        var op = ArrayOps.Name<TElement>("getitem");
        var steps = selections.Select(s => s.Step).ToArray();
        var grid = outChunks.ToArray();
        var tasks = new Dictionary<Key, DaskTask>();
        foreach (var outIndex in ChunkGrid.Indices(ChunkGrid.BlockCounts(grid)))
        {
            var source = new int[Rank];
            var starts = new int[Rank];
            var counts = new int[Rank];
            var o = 0;
            foreach (var (a, drop, isNew) in layout)
            {
                if (isNew)
                {
                    o++;
                    continue;
                }

                var piece = perAxis[a][drop ? 0 : outIndex[o++]];
                (source[a], starts[a], counts[a]) = piece;
            }

            tasks[new Key(name, outIndex)] = new DaskTask(
                op, new Key(Name, source), TaskArg.Literal(starts), TaskArg.Literal(steps), TaskArg.Literal(counts), TaskArg.Literal(ChunkGrid.BlockShape(grid, outIndex)));
        }

        return FromLayer(name, result, grid, tasks, Graph);
    }

    private List<Slice> ExpandEllipsis(Slice[] index)
    {
        var ellipses = index.Count(s => s.IsEllipsis);
        var consumed = index.Count(s => !s.IsEllipsis && !s.IsNewAxis);
        if (ellipses > 1 || consumed > Rank)
        {
            throw new ArgumentException(
                $"Index [{string.Join(", ", index)}] has {(ellipses > 1 ? "more than one ellipsis" : $"{consumed} entries")} for an array of shape {Shapes.Format(shape)} with {Rank} axes.",
                nameof(index));
        }

        var entries = new List<Slice>();
        foreach (var s in index)
        {
            if (s.IsEllipsis)
            {
                entries.AddRange(Enumerable.Repeat(Slice.All, Rank - consumed));
            }
            else
            {
                entries.Add(s);
            }
        }

        if (ellipses == 0)
        {
            entries.AddRange(Enumerable.Repeat(Slice.All, Rank - consumed));
        }

        return entries;
    }

    /// <summary>The pieces of a strided selection along one axis, one per input block it touches, in selection order.</summary>
    private static List<(int Block, int Start, int Count)> AxisPieces(int[] axisChunks, (int Start, int Step, int Count) sel)
    {
        var pieces = new List<(int Block, int Start, int Count, long First)>();
        var lo = 0;
        for (var b = 0; b < axisChunks.Length; b++)
        {
            var hi = lo + axisChunks[b];
            long first, last;
            if (sel.Step > 0)
            {
                first = Math.Max(0, CeilDiv(lo - sel.Start, sel.Step));
                last = Math.Min(sel.Count - 1, FloorDiv(hi - 1 - sel.Start, sel.Step));
            }
            else
            {
                first = Math.Max(0, CeilDiv(sel.Start - (hi - 1), -sel.Step));
                last = Math.Min(sel.Count - 1, FloorDiv(sel.Start - lo, -sel.Step));
            }

            if (first <= last)
            {
                pieces.Add((b, (int)(sel.Start + (first * sel.Step) - lo), (int)(last - first + 1), first));
            }

            lo = hi;
        }

        return [.. pieces.OrderBy(p => p.First).Select(p => (p.Block, p.Start, p.Count))];
    }

    /// <summary>The block that holds <paramref name="position"/>: the last one starting at or before it (so never an empty block).</summary>
    private static int BlockOf(int[] offsets, int position)
    {
        var b = System.Array.BinarySearch(offsets, position);
        if (b < 0)
        {
            return ~b - 1;
        }

        while (b + 1 < offsets.Length && offsets[b + 1] == position)
        {
            b++;
        }

        return b;
    }

    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}
