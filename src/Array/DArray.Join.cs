using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public static partial class DArray
{
    /// <summary>
    /// Joins arrays along an existing axis (NumPy's <c>concatenate</c>). The result's blocks are
    /// the inputs' blocks; along the other axes every input is rechunked to the first's chunks
    /// where they differ. Sizes along <paramref name="axis"/> may be unknown (as after a boolean
    /// mask), as in Dask: the blocks are only placed one after another.
    /// </summary>
    /// <exception cref="ArgumentException">No arrays, or ranks or the other axes' sizes differ; the message names the shapes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="UnknownChunkSizesException">An axis other than <paramref name="axis"/> has unknown size.</exception>
    public static DArray<T> Concatenate<T>(IReadOnlyList<DArray<T>> arrays, int axis = 0)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(arrays);
        if (arrays.Count == 0)
        {
            throw new ArgumentException("Concatenate needs at least one array.", nameof(arrays));
        }

        var first = arrays[0];
        if (first.Rank == 0)
        {
            throw new ArgumentException("0-d arrays cannot be concatenated; use Stack.", nameof(arrays));
        }

        var a = Shapes.NormalizeAxis(axis, first.Rank);
        var shape = first.ShapeArray.ToArray();
        shape[a] = 0;
        var otherAxes = Enumerable.Range(0, first.Rank).Where(i => i != a).ToArray();
        foreach (var x in arrays)
        {
            x.RequireKnownChunks($"Concatenate along axis {a}", [.. otherAxes.Where(i => i < x.Rank)]);
            var fits = x.Rank == first.Rank && Enumerable.Range(0, shape.Length).All(i => i == a || x.ShapeArray[i] == shape[i]);
            if (!fits)
            {
                throw new ArgumentException(
                    $"Cannot concatenate arrays of shapes {string.Join(", ", arrays.Select(y => ChunkGrid.FormatShape(y.ShapeArray)))} along axis {a}: ranks and all other axes must match.",
                    nameof(arrays));
            }

            shape[a] = shape[a] == ChunkGrid.Unknown || x.ShapeArray[a] == ChunkGrid.Unknown ? ChunkGrid.Unknown : shape[a] + x.ShapeArray[a];
        }

        var parts = arrays.Where(x => x.ShapeArray[a] != 0).Select(x => AlignOtherAxes(x, first, a)).ToList();
        if (parts.Count == 0)
        {
            return first;
        }

        var chunks = (int[][])parts[0].ChunkArrays.Clone();
        chunks[a] = [.. parts.SelectMany(p => p.ChunkArrays[a])];
        var name = Tokenize.Name("concatenate", parts.Select(p => p.Name), a);
        var tasks = new Dictionary<Key, DaskTask>();
        var offset = 0;
        foreach (var part in parts)
        {
            foreach (var key in part.OutputKeys)
            {
                var index = key.Index.ToArray();
                index[a] += offset;
                tasks[new Key(name, index)] = new DaskTask(StructureOps.AliasOp, key);
            }

            offset += part.NumBlocks[a];
        }

        return DArray<T>.FromLayer(name, shape, chunks, tasks, parts.Select(p => p.Graph));
    }

    /// <summary>
    /// Joins arrays of equal shape along a new axis (NumPy's <c>stack</c>): each gets a size-1 axis
    /// at <paramref name="axis"/>, then they are concatenated along it.
    /// </summary>
    /// <exception cref="ArgumentException">No arrays, or their shapes differ; the message names them.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank-1, rank]</c>.</exception>
    public static DArray<T> Stack<T>(IReadOnlyList<DArray<T>> arrays, int axis = 0)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(arrays);
        if (arrays.Count == 0)
        {
            throw new ArgumentException("Stack needs at least one array.", nameof(arrays));
        }

        if (arrays.Any(x => !x.ShapeArray.AsSpan().SequenceEqual(arrays[0].ShapeArray)))
        {
            throw new ArgumentException(
                $"Cannot stack arrays of shapes {string.Join(", ", arrays.Select(y => Shapes.Format(y.ShapeArray)))}: all shapes must be equal.", nameof(arrays));
        }

        return Concatenate([.. arrays.Select(x => x.ExpandDims(axis))], Shapes.NormalizeAxis(axis, arrays[0].Rank + 1));
    }

    private static DArray<T> AlignOtherAxes<T>(DArray<T> x, DArray<T> like, int axis)
        where T : unmanaged, INumber<T>
    {
        var target = like.ChunkArrays.Select((c, i) => i == axis ? x.ChunkArrays[i] : c).ToArray();
        if (Rechunking.Same(target, x.ChunkArrays))
        {
            return x;
        }

        // Rechunk needs every size; re-cutting the other axes keeps an unknown axis as it is.
        return x.HasUnknownChunks ? DArray<T>.FromNode(UnifyChunks.To(x.Node, target)) : x.Rechunk(target);
    }
}
