using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>
    /// A new array equal to this one except where <paramref name="mask"/> is true, which holds
    /// <paramref name="value"/>: Dask's <c>x[mask] = value</c>, lazy and without changing this
    /// array (arrays are immutable graphs, so assignment returns the updated array:
    /// <c>x = x.SetItem(x &lt; 0, 0)</c>). The mask broadcasts to this array's shape.
    /// </summary>
    /// <exception cref="ArgumentException">The mask does not broadcast to this array's shape; the message names both.</exception>
    public DArray<TElement> SetItem(DArray<Bool> mask, TElement value)
    {
        ArgumentNullException.ThrowIfNull(mask);
        RequireBroadcastsTo(mask.Node, "mask");
        return DArray.Where(mask, value, this);
    }

    /// <summary>
    /// A new array equal to this one except where <paramref name="mask"/> is true, which takes the
    /// matching element of <paramref name="value"/> (Dask's <c>x[mask] = value</c> with an array
    /// value; mask and value broadcast to this array's shape). See <see cref="SetItem(DArray{Bool}, TElement)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The mask or value does not broadcast to this array's shape.</exception>
    public DArray<TElement> SetItem(DArray<Bool> mask, DArray<TElement> value)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(value);
        RequireBroadcastsTo(mask.Node, "mask");
        RequireBroadcastsTo(value.Node, "value");
        return DArray.Where(mask, value, this);
    }

    /// <summary>
    /// A new array equal to this one except in the selection <paramref name="index"/> (basic
    /// indexing as in <see cref="this[Slice[]]"/>: positions, ranges, steps, an ellipsis), which
    /// holds <paramref name="value"/>: Dask's <c>x[index] = value</c>, lazy, leaving this array as
    /// it is. Each block learns from its own position which of its elements are selected.
    /// </summary>
    /// <exception cref="ArgumentException">The index has a new axis or too many entries; the message names the shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A position is outside its axis.</exception>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown.</exception>
    public DArray<TElement> SetItem(Slice[] index, TElement value)
    {
        var region = Region(index);
        return region.Counts.Contains(0) ? this : DArray.Where(RegionMask(region), value, this);
    }

    /// <summary>
    /// A new array equal to this one except in the selection <paramref name="index"/>, which takes
    /// <paramref name="value"/>'s elements (Dask's <c>x[index] = array</c>): the value broadcasts to
    /// the selection's shape (the shape <c>x[index]</c> has), and is spread to the selected
    /// positions (a gather along each axis) before one <c>Where</c> with the selection's mask.
    /// </summary>
    /// <exception cref="ArgumentException">The index has a new axis or too many entries, or the value does not broadcast to the selection's shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A position is outside its axis.</exception>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown.</exception>
    public DArray<TElement> SetItem(Slice[] index, DArray<TElement> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var region = Region(index);
        var selected = region.Counts.Where((_, a) => !region.Dropped[a]).ToArray();
        if (!DArray.BroadcastsTo(value.ShapeArray, selected))
        {
            throw new ArgumentException(
                $"SetItem: a value of shape {Shapes.Format(value.ShapeArray)} does not broadcast to the selection's shape {Shapes.Format(selected)} of array {Name} of shape {Shapes.Format(shape)}.",
                nameof(value));
        }

        if (region.Counts.Contains(0))
        {
            return this;
        }

        // The value with this array's rank (a size-1 axis where a position dropped one), stretched
        // to the selection, then each axis gathered so the selection's elements land in place.
        var spread = value;
        while (spread.Rank < selected.Length)
        {
            spread = spread[Slice.NewAxis, Slice.Ellipsis];
        }

        spread = spread[[.. Enumerable.Range(0, Rank).Select(a => region.Dropped[a] ? Slice.NewAxis : Slice.All)]];
        spread = spread.BroadcastTo(region.Counts);
        for (var a = 0; a < Rank; a++)
        {
            var (start, step, count) = (region.Starts[a], region.Steps[a], region.Counts[a]);
            if (start == 0 && step == 1 && count == shape[a])
            {
                continue;
            }

            var positions = Enumerable.Range(0, shape[a]).Select(p =>
            {
                var k = (p - start) / step;
                return (p - start) % step == 0 && k >= 0 && k < count ? k : 0;
            }).ToArray();
            spread = spread.Take(positions, a);
        }

        return DArray.Where(RegionMask(region), spread, this);
    }

    private void RequireBroadcastsTo(ArrayNode other, string what)
    {
        if (!DArray.BroadcastsTo(other.Shape, shape))
        {
            throw new ArgumentException(
                $"SetItem: a {what} of shape {Shapes.Format(other.Shape)} does not broadcast to array {Name} of shape {Shapes.Format(shape)}.", what);
        }
    }

    /// <summary>The selection of a basic index, per axis: first position, step, count, and whether a position dropped the axis.</summary>
    private SetRegion Region(Slice[] index)
    {
        ArgumentNullException.ThrowIfNull(index);
        RequireKnownChunks("SetItem");
        if (index.Any(s => s.IsNewAxis))
        {
            throw new ArgumentException($"SetItem index [{string.Join(", ", index)}] has a new axis, which selects nothing to assign to.", nameof(index));
        }

        var entries = ExpandEllipsis(index);
        var region = new SetRegion(new int[Rank], new int[Rank], new int[Rank], new bool[Rank]);
        for (var a = 0; a < Rank; a++)
        {
            (region.Starts[a], region.Steps[a], region.Counts[a]) = entries[a].Resolve(a, shape);
            region.Dropped[a] = entries[a].IsPosition;
        }

        return region;
    }

    /// <summary>Where the region's elements are, as a boolean array cut like this one, each block made from its own position.</summary>
    private DArray<Bool> RegionMask(SetRegion region)
    {
        var name = Tokenize.Name("setitem-mask", Name, region.Starts, region.Steps, region.Counts);
        var node = ArrayBlockwise.Create(
            name, shape, chunks, "bool", IndexingOps.RegionMaskOp,
            ArrayBlockwise.BlockShape(chunks), ArrayBlockwise.BlockStart(chunks), BlockwiseArg.Literal(region.Starts), BlockwiseArg.Literal(region.Steps), BlockwiseArg.Literal(region.Counts));
        return DArray<Bool>.FromNode(node);
    }

    private sealed record SetRegion(int[] Starts, int[] Steps, int[] Counts, bool[] Dropped);
}
