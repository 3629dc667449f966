using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public static partial class DArray
{
    /// <summary>
    /// The histogram of <paramref name="x"/> in <paramref name="bins"/> equal bins over
    /// <paramref name="range"/> (NumPy's <c>histogram</c>; Dask needs the range given, since the
    /// edges must be known before any block is read). Bins are half open except the last, which
    /// holds its right edge; elements outside the range and NaN are left out. The counts are
    /// float64 (the weights' sums with <paramref name="weights"/>, a density integrating to one
    /// with <paramref name="density"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The bin count is not positive, the range is empty or not finite, or the weights' shape differs.</exception>
    public static (DArray<double> Counts, double[] Edges) Histogram<T>(DArray<T> x, int bins, (double Min, double Max) range, DArray<double>? weights = null, bool density = false)
        where T : unmanaged, INumber<T>
    {
        var edges = EvenEdges(bins, range, "Histogram");
        return (HistogramDd([x], [edges], weights, density), edges);
    }

    /// <summary>The histogram of <paramref name="x"/> over the explicit, increasing bin <paramref name="edges"/>; otherwise as <see cref="Histogram{T}(DArray{T}, int, ValueTuple{double, double}, DArray{double}, bool)"/>.</summary>
    /// <exception cref="ArgumentException">The edges are fewer than two or do not increase, or the weights' shape differs.</exception>
    public static DArray<double> Histogram<T>(DArray<T> x, double[] edges, DArray<double>? weights = null, bool density = false)
        where T : unmanaged, INumber<T> => HistogramDd([x], [edges], weights, density);

    /// <summary>The two-dimensional histogram of the pairs <c>(x[i], y[i])</c> in <paramref name="bins"/> equal bins per dimension over the ranges (NumPy's <c>histogram2d</c>); the first axis runs over x's bins.</summary>
    /// <exception cref="ArgumentException">The arrays' shapes differ, or a bin count or range is invalid.</exception>
    public static (DArray<double> Counts, double[] XEdges, double[] YEdges) Histogram2d<T>(
        DArray<T> x, DArray<T> y, int bins, (double Min, double Max) xRange, (double Min, double Max) yRange, DArray<double>? weights = null, bool density = false)
        where T : unmanaged, INumber<T>
    {
        var (xEdges, yEdges) = (EvenEdges(bins, xRange, "Histogram2d"), EvenEdges(bins, yRange, "Histogram2d"));
        return (HistogramDd([x, y], [xEdges, yEdges], weights, density), xEdges, yEdges);
    }

    /// <summary>
    /// The D-dimensional histogram of the points whose coordinates are the aligned elements of
    /// <paramref name="samples"/> (one array per dimension, all of one shape), over explicit
    /// increasing <paramref name="edges"/> per dimension (NumPy's <c>histogramdd</c> with the
    /// sample given as D arrays). Each block counts its points; one task sums the counts.
    /// </summary>
    /// <exception cref="ArgumentException">No sample is given, the samples' shapes differ, the edges are not one increasing list per sample, or the weights' shape differs.</exception>
    public static DArray<double> HistogramDd<T>(IReadOnlyList<DArray<T>> samples, double[][] edges, DArray<double>? weights = null, bool density = false)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(edges);
        if (samples.Count == 0 || edges.Length != samples.Count)
        {
            throw new ArgumentException($"HistogramDd takes one array and one list of edges per dimension; got {samples.Count} arrays and {edges.Length} edge lists.");
        }

        var first = samples[0];
        foreach (var (sample, d) in samples.Select((s, d) => (s, d)))
        {
            if (!sample.ShapeArray.SequenceEqual(first.ShapeArray))
            {
                throw new ArgumentException($"HistogramDd takes samples of one shape: sample {d} has {Shapes.Format(sample.ShapeArray)}, sample 0 {Shapes.Format(first.ShapeArray)}.");
            }

            var e = edges[d];
            if (e is null || e.Length < 2 || e.Zip(e.Skip(1)).Any(p => !(p.First < p.Second)))
            {
                throw new ArgumentException($"The bin edges of dimension {d} must be at least two increasing values; got [{string.Join(", ", e ?? [])}].");
            }
        }

        if (weights is not null && !weights.ShapeArray.SequenceEqual(first.ShapeArray))
        {
            throw new ArgumentException($"Histogram weights must have the sample's shape {Shapes.Format(first.ShapeArray)}; got {Shapes.Format(weights.ShapeArray)}.", nameof(weights));
        }

        first.RequireKnownChunks("Histogram");
        var grid = first.ChunkArrays;
        var letters = ArrayBlockwise.Letters(first.Rank);
        var others = samples.Skip(1).Select(s => UnifyChunks.To(s.Node, grid)).ToList();
        var aligned = weights is null ? null : UnifyChunks.To(weights.Node, grid);
        var partials = SetLayers.Partials(
            "histogramdd-chunk",
            first.Node,
            [.. others, .. aligned is null ? [] : new[] { aligned }],
            "float64",
            ArrayNode.Op("histogramdd", first.DType),
            [edges.Select(e => string.Join(",", e)).ToArray()],
            [BlockwiseArg.Literal(edges), aligned is null ? BlockwiseArg.Literal(null) : ArrayBlockwise.Blocks(aligned, letters), .. others.Select(o => ArrayBlockwise.Blocks(o, letters))]);
        int[] shape = [.. edges.Select(e => e.Length - 1)];
        var counts = SetLayers.Merge("histogramdd", SetOps.SumPartialsOp, "float64", shape, [[partials]], "float64", 0, false);
        return DArray<double>.FromNode(density ? SetLayers.Then("histogram-density", counts, SetOps.DensityOp, "float64", [edges]) : counts);
    }

    /// <summary>NumPy's equal-width edges: <c>linspace(min, max, bins + 1)</c>.</summary>
    private static double[] EvenEdges(int bins, (double Min, double Max) range, string operation)
    {
        if (bins < 1 || !double.IsFinite(range.Min) || !double.IsFinite(range.Max) || range.Max < range.Min)
        {
            throw new ArgumentException($"{operation} takes a positive bin count and a finite range with min <= max; got {bins} bins over ({range.Min}, {range.Max}).");
        }

        // An empty range widens by 0.5 on each side, as NumPy's.
        var (low, high) = range.Min == range.Max ? (range.Min - 0.5, range.Max + 0.5) : range;
        var step = (high - low) / bins;
        return [.. Enumerable.Range(0, bins + 1).Select(i => i == bins ? high : low + (i * step))];
    }
}
