using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>
    /// The same elements, in row-major order, with a new shape (NumPy's <c>reshape</c>; one entry
    /// may be -1 to infer it). Blocks reshape on their own where the chunks allow; otherwise the
    /// array is rechunked first so that every block maps onto exactly one new block (the trailing
    /// axes of each merged or split group become whole), as Dask does.
    /// </summary>
    /// <exception cref="ArgumentException">The element counts differ; the message names both shapes.</exception>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown (<see cref="HasUnknownChunks"/>).</exception>
    public DArray<TElement> Reshape(params int[] newShape)
    {
        ArgumentNullException.ThrowIfNull(newShape);
        RequireKnownChunks("Reshape");
        var target = ReshapePlan.ResolveShape(shape, newShape, Size);
        if (target.AsSpan().SequenceEqual(shape))
        {
            return this;
        }

        if (Size == 0)
        {
            return DArray.Full(target, target.Select(d => Math.Max(1, d)).ToArray(), TElement.Zero);
        }

        var plan = ReshapePlan.Create(shape, chunks, target);
        var source = Rechunk(plan.InChunks);
        return source.ReshapeBlocks(Tokenize.Name("reshape", source.Name, target), target, plan.OutChunks, plan.OutIndex);
    }

    /// <summary>The array without its size-1 axes, or without the given ones (NumPy's <c>squeeze</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    /// <remarks>Without axes, only axes known to have size 1 are removed; an axis of unknown size is kept.</remarks>
    /// <exception cref="ArgumentException">A given axis does not have size 1, or is given twice; the message names the shape.</exception>
    /// <exception cref="UnknownChunkSizesException">A given axis has unknown size.</exception>
    public DArray<TElement> Squeeze(params int[] axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.Length > 0)
        {
            RequireKnownChunks("Squeeze", [.. axes.Select(a => Shapes.NormalizeAxis(a, Rank))]);
        }
        var drop = new bool[Rank];
        if (axes.Length == 0)
        {
            for (var a = 0; a < Rank; a++)
            {
                drop[a] = shape[a] == 1;
            }
        }

        foreach (var given in axes)
        {
            var a = Shapes.NormalizeAxis(given, Rank);
            if (shape[a] != 1 || drop[a])
            {
                throw new ArgumentException(
                    $"Cannot squeeze axis {given} of an array of shape {Shapes.Format(shape)}: {(drop[a] ? "it is given twice" : $"it has size {shape[a]}, not 1")}.", nameof(axes));
            }

            drop[a] = true;
        }

        if (!drop.Any(d => d))
        {
            return this;
        }

        return FromNode(ViewAxesLayer.Build("squeeze", Node, [.. Enumerable.Range(0, Rank).Where(a => !drop[a])]));
    }

    /// <summary>The array with a new axis of size 1 at <paramref name="axis"/> (NumPy's <c>expand_dims</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank-1, rank]</c>.</exception>
    public DArray<TElement> ExpandDims(int axis)
    {
        var at = Shapes.NormalizeAxis(axis, Rank + 1);
        int[] sourceAxes = [.. Enumerable.Range(0, at), ViewAxesLayer.NewAxis, .. Enumerable.Range(at, Rank - at)];
        return FromNode(ViewAxesLayer.Build("expand-dims", Node, sourceAxes));
    }

    private DArray<TElement> ReshapeBlocks(string name, int[] newShape, int[][] newChunks, Func<int[], int[]> outIndex)
    {
        var op = ArrayOps.Name<TElement>("reshape");
        var tasks = new Dictionary<Key, DaskTask>();
        foreach (var key in OutputKeys)
        {
            var index = outIndex(key.Index.ToArray());
            tasks[new Key(name, index)] = new DaskTask(op, key, TaskArg.Literal(ChunkGrid.BlockShape(newChunks, index)));
        }

        return FromLayer(name, newShape, newChunks, tasks, Graph);
    }
}
