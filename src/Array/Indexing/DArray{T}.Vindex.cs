using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>
    /// Pointwise indexing along the leading axes (Dask's <c>x.vindex[i, j]</c>, NumPy's
    /// <c>x[i, j]</c> with integer arrays): point p is the element, or the sub-array over the
    /// remaining axes, at <c>(indices[0][p], indices[1][p], ...)</c>. The result has the points
    /// as axis 0, followed by the axes not indexed. Index lists of length 1 broadcast against the
    /// others; negative indices count from the end. Points are cut into blocks of as many as the
    /// first axis' largest block, each reading only the input blocks its points fall in.
    /// </summary>
    /// <exception cref="ArgumentException">No index lists, more lists than axes, or lists of different lengths; the message names the shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range; the message names the axis and shape.</exception>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown.</exception>
    public DArray<TElement> Vindex(params int[][] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        RequireKnownChunks("Vindex");
        var k = indices.Length;
        if (k == 0 || k > Rank)
        {
            throw new ArgumentException($"Vindex takes 1 to {Rank} index lists for an array of shape {Shapes.Format(shape)}; got {k}.", nameof(indices));
        }

        var points = indices.Max(i => i.Length);
        if (indices.Any(i => i.Length != points && i.Length != 1))
        {
            throw new ArgumentException(
                $"Vindex index lists must have one length (or length 1, broadcast); got lengths {string.Join(", ", indices.Select(i => i.Length))}.", nameof(indices));
        }

        var resolved = new int[points][];
        for (var p = 0; p < points; p++)
        {
            resolved[p] = new int[k];
            for (var a = 0; a < k; a++)
            {
                var raw = indices[a][indices[a].Length == 1 ? 0 : p];
                var v = raw < 0 ? raw + shape[a] : raw;
                if ((uint)v >= (uint)shape[a])
                {
                    throw new ArgumentOutOfRangeException(nameof(indices), raw, $"Vindex index {raw} is out of range for axis {a} of size {shape[a]} (shape {Shapes.Format(shape)}).");
                }

                resolved[p][a] = v;
            }
        }

        var rest = chunks[k..];
        var outShape = new[] { points }.Concat(shape[k..]).ToArray();
        if (Shapes.ElementCount(outShape) == 0)
        {
            return DArray.Full(outShape, [.. outShape.Select(d => Math.Max(1, d))], TElement.Zero);
        }

        var offsets = chunks[..k].Select(ChunkGrid.Offsets).ToArray();
        var pieces = resolved.Chunk(Math.Max(1, chunks[0].Max())).ToArray();
        var outChunks = new[] { pieces.Select(p => p.Length).ToArray() }.Concat(rest).ToArray();
        var name = Tokenize.Name("vindex", Name, resolved);
        var op = ArrayOps.Name<TElement>("vindex");
        var tasks = new Dictionary<Key, DaskTask>();
        foreach (var index in ChunkGrid.Indices(ChunkGrid.BlockCounts(outChunks)))
        {
            var piece = pieces[index[0]];
            var blockOfPoint = piece.Select(point => point.Select((v, a) => BlockOf(offsets[a], v)).ToArray()).ToArray();
            var distinct = blockOfPoint.Select(b => string.Join(",", b)).Distinct().ToList();
            var keys = distinct.Select(d => new Key(Name, [.. d.Split(',').Select(int.Parse), .. index[1..]]));
            var which = blockOfPoint.Select(b => distinct.IndexOf(string.Join(",", b))).ToArray();
            var local = piece.Select((point, p) => point.Select((v, a) => v - offsets[a][blockOfPoint[p][a]]).ToArray()).ToArray();
            var blockShape = ChunkGrid.BlockShape(outChunks, index);
            tasks[new Key(name, index)] = new DaskTask(op, TaskArg.Refs(keys), TaskArg.Literal(which), TaskArg.Literal(local), TaskArg.Literal(blockShape));
        }

        return FromLayer(name, outShape, outChunks, tasks, Graph);
    }
}
