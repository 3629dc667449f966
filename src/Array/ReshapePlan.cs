using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// How a reshape maps onto blocks (after Dask's <c>reshape_rechunk</c>, generalized). Axes of
/// the old and new shapes are matched from the right into groups of equal element count. In a
/// group of several axes, every axis but the leading one is made whole, so each block covers a
/// contiguous run of the group's elements; the leading axis' block edges are moved to
/// multiples that also fall on whole rows of the new shape. Then every old block reshapes, on
/// its own, into exactly one new block.
/// </summary>
internal sealed class ReshapePlan
{
    private readonly List<(int[] In, int[] Out)> groups;

    private ReshapePlan(int[][] inChunks, int[][] outChunks, List<(int[] In, int[] Out)> groups)
    {
        InChunks = inChunks;
        OutChunks = outChunks;
        this.groups = groups;
    }

    /// <summary>The chunks the input is rechunked to first.</summary>
    public int[][] InChunks { get; }

    /// <summary>The chunks of the result.</summary>
    public int[][] OutChunks { get; }

    /// <summary>Plans a reshape of an array of <paramref name="inShape"/> (no axis of size 0) and <paramref name="chunks"/> to <paramref name="outShape"/>.</summary>
    public static ReshapePlan Create(int[] inShape, int[][] chunks, int[] outShape)
    {
        var inChunks = chunks.Select(c => (int[])c.Clone()).ToArray();
        var outChunks = new int[outShape.Length][];
        var groups = new List<(int[] In, int[] Out)>();
        int ii = inShape.Length - 1, oi = outShape.Length - 1;
        while (ii >= 0 || oi >= 0)
        {
            var ins = new List<int>();
            var outs = new List<int>();
            long pi = 1, po = 1;
            if (ii >= 0)
            {
                ins.Insert(0, ii);
                pi = inShape[ii--];
            }

            if (oi >= 0)
            {
                outs.Insert(0, oi);
                po = outShape[oi--];
            }

            while (pi != po)
            {
                if (pi < po)
                {
                    ins.Insert(0, ii);
                    pi *= inShape[ii--];
                }
                else
                {
                    outs.Insert(0, oi);
                    po *= outShape[oi--];
                }
            }

            groups.Insert(0, ([.. ins], [.. outs]));
            PlanGroup(inShape, chunks, outShape, [.. ins], [.. outs], inChunks, outChunks);
        }

        return new ReshapePlan(inChunks, outChunks, groups);
    }

    /// <summary>The new block that old block <paramref name="inIndex"/> (in <see cref="InChunks"/>) becomes.</summary>
    public int[] OutIndex(int[] inIndex)
    {
        var result = new int[OutChunks.Length];
        foreach (var (ins, outs) in groups)
        {
            if (ins.Length > 0 && outs.Length > 0)
            {
                result[outs[0]] = inIndex[ins[0]];
            }
        }

        return result;
    }

    private static void PlanGroup(int[] inShape, int[][] chunks, int[] outShape, int[] ins, int[] outs, int[][] inChunks, int[][] outChunks)
    {
        if (outs.Length == 0)
        {
            // Size-1 axes that disappear: one block each (an empty block left by a mask must not become a second one).
            foreach (var a in ins)
            {
                inChunks[a] = [inShape[a]];
            }

            return;
        }

        if (ins.Length == 0)
        {
            foreach (var o in outs)
            {
                outChunks[o] = [1];
            }

            return;
        }

        if (ins.Length == 1 && outs.Length == 1)
        {
            outChunks[outs[0]] = (int[])chunks[ins[0]].Clone();
            return;
        }

        var lead = ins[0];
        var rowIn = ins.Skip(1).Aggregate(1L, (n, a) => n * inShape[a]);
        var rowOut = outs.Skip(1).Aggregate(1L, (n, a) => n * outShape[a]);
        var step = rowOut / (long)BigInteger.GreatestCommonDivisor(rowIn, rowOut);
        var dim = inShape[lead];
        IEnumerable<long> edges;
        if (ins.Skip(1).All(a => chunks[a].Length == 1))
        {
            edges = ChunkGrid.Offsets(chunks[lead]).Skip(1).Select(b => (long)Math.Round((double)b / step) * step);
        }
        else
        {
            // The trailing axes become whole, so shrink the leading blocks to keep blocks near their old size.
            var largest = ins.Aggregate(1L, (n, a) => n * chunks[a].Max());
            var size = Math.Max(step, largest / rowIn / step * step);
            edges = Enumerable.Range(1, (int)((dim - 1) / size)).Select(i => i * size);
        }

        var bounds = edges.Where(b => b > 0 && b < dim).Distinct().Order().Append(dim).ToList();
        var leadChunks = bounds.Select((b, i) => (int)(b - (i == 0 ? 0 : bounds[i - 1]))).ToArray();
        inChunks[lead] = leadChunks;
        foreach (var a in ins.Skip(1))
        {
            inChunks[a] = [inShape[a]];
        }

        outChunks[outs[0]] = [.. leadChunks.Select(c => (int)(c * rowIn / rowOut))];
        foreach (var o in outs.Skip(1))
        {
            outChunks[o] = [outShape[o]];
        }
    }

    /// <summary>Resolves one -1 entry and checks the element counts match.</summary>
    /// <exception cref="ArgumentException">More than one -1, another negative size, or a different element count; the message names both shapes.</exception>
    public static int[] ResolveShape(int[] shape, int[] newShape, long size)
    {
        var unknown = System.Array.IndexOf(newShape, -1);
        var known = newShape.Where(d => d != -1).Aggregate(1L, (n, d) => n * d);
        if (newShape.Count(d => d == -1) > 1 || newShape.Any(d => d < -1) || (unknown >= 0 && (known == 0 || size % known != 0)) || (unknown < 0 && known != size))
        {
            throw new ArgumentException(
                $"Cannot reshape an array of shape {Shapes.Format(shape)} ({size} elements) to {Shapes.Format(newShape)}: the element counts must match, with at most one -1 for an inferred size.");
        }

        var result = (int[])newShape.Clone();
        if (unknown >= 0)
        {
            result[unknown] = (int)(size / known);
        }

        return result;
    }
}
