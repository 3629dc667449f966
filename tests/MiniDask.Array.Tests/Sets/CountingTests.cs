using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Sets;

public sealed class CountingTests
{
    [Fact]
    public void Bincount_UnevenBlocks_CountsEachValue()
    {
        var x = DArray.FromArray(new[] { 0, 1, 1, 3, 2, 1, 7 }, [7], [3]);

        var counts = DArray.Bincount(x);

        Assert.True(counts.HasUnknownChunks);
        Assert.Equal(new long[] { 1, 3, 1, 1, 0, 0, 0, 1 }, counts.ComputeSync().Data);
    }

    [Fact]
    public void Bincount_WeightsAndMinlength_SumsTheWeights()
    {
        var x = DArray.FromArray(new[] { 0L, 1L, 1L, 2L }, [4], [3]);
        var w = DArray.FromArray(new[] { 0.5, 1.0, 2.0, 0.25 }, [4], [2]);

        var sums = DArray.Bincount(x, w, minlength: 5);

        Assert.Equal(new[] { 5 }, sums.Shape);
        Assert.Equal(new[] { 0.5, 3.0, 0.25, 0, 0 }, sums.ComputeSync().Data);
    }

    [Fact]
    public void Bincount_ValueBeyondTheDeclaredMinlength_FailsOnCompute()
    {
        var x = DArray.FromArray(new[] { 0, 4 }, [2], [1]);

        var error = Assert.ThrowsAny<Exception>(() => DArray.Bincount(x, minlength: 2).ComputeSync());

        Assert.Contains("minlength 2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bincount_Negative_FailsNamingTheValue()
    {
        var x = DArray.FromArray(new[] { 0, -3 }, [2], [1]);

        var error = Assert.ThrowsAny<Exception>(() => DArray.Bincount(x).ComputeSync());

        Assert.Contains("-3", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Digitize_IncreasingAndDecreasingBins_MatchNumPy()
    {
        var x = DArray.FromArray(new[] { 0.2, 6.4, 3.0, 1.6, 1.0 }, [5], [2]);

        // np.digitize(x, [0, 1, 2.5, 4, 10]) = [1, 4, 3, 2, 2]; right=True gives [1, 4, 3, 2, 1].
        Assert.Equal(new long[] { 1, 4, 3, 2, 2 }, x.Digitize([0, 1, 2.5, 4, 10]).ComputeSync().Data);
        Assert.Equal(new long[] { 1, 4, 3, 2, 1 }, x.Digitize([0, 1, 2.5, 4, 10], right: true).ComputeSync().Data);

        // np.digitize(x, [10, 4, 2.5, 1, 0]) = [4, 1, 2, 3, 3]
        Assert.Equal(new long[] { 4, 1, 2, 3, 3 }, x.Digitize([10, 4, 2.5, 1, 0]).ComputeSync().Data);
        Assert.Throws<ArgumentException>(() => x.Digitize([0, 2, 1]));
    }

    [Fact]
    public void Histogram_EvenBins_LastBinClosedAndOutsideLeftOut()
    {
        var x = DArray.FromArray(new[] { 0.0, 0.5, 1.0, 2.5, 3.0, 4.0, double.NaN, -1.0 }, [8], [3]);

        var (counts, edges) = DArray.Histogram(x, 3, (0, 3));

        Assert.Equal(new[] { 0.0, 1, 2, 3 }, edges);
        Assert.Equal(new double[] { 2, 1, 2 }, counts.ComputeSync().Data);
    }

    [Fact]
    public void Histogram_ExplicitEdgesWeightsAndDensity_MatchNumPy()
    {
        var x = DArray.FromArray(new[] { 1.0, 2.0, 2.0, 5.0 }, [4], [3]);
        var w = DArray.FromArray(new[] { 1.0, 2.0, 3.0, 4.0 }, [4], [2]);

        // np.histogram(x, [0, 2, 6], weights=w) = [1, 9]; density: counts [1, 3] / 4 / widths [2, 4].
        Assert.Equal(new double[] { 1, 9 }, DArray.Histogram(x, [0, 2, 6], w).ComputeSync().Data);
        Assert.Equal(new double[] { 0.125, 0.1875 }, DArray.Histogram(x, [0, 2, 6], density: true).ComputeSync().Data);
    }

    [Fact]
    public void Histogram2d_Pairs_CountsPerCell()
    {
        var x = DArray.FromArray(new[] { 0.1, 0.9, 0.6, 0.2, 0.7 }, [5], [2]);
        var y = DArray.FromArray(new[] { 0.1, 0.9, 0.2, 0.8, 0.9 }, [5], [3]);

        var (counts, xEdges, _) = DArray.Histogram2d(x, y, 2, (0, 1), (0, 1));

        Assert.Equal(new[] { 0, 0.5, 1 }, xEdges);
        // Cells (x bin, y bin): (0,0), (1,1), (1,0), (0,1), (1,1).
        Assert.Equal(new double[] { 1, 1, 1, 2 }, counts.ComputeSync().Data);
    }

    [Fact]
    public void HistogramDd_ThreeDimensions_SumsToTheInsidePoints()
    {
        var random = new Random(3);
        double[] Sample() => [.. Enumerable.Range(0, 200).Select(_ => random.NextDouble() * 4)];
        var samples = new[] { Sample(), Sample(), Sample() };
        var arrays = samples.Select(s => DArray.FromArray(new NDArray<double>(s, [20, 10]), [[7, 13], [4, 6]])).ToArray();
        double[][] edges = [[0, 1, 2, 3], [0, 2, 3], [1, 4]];

        var counts = DArray.HistogramDd(arrays, edges).ComputeSync();

        Assert.Equal(new[] { 3, 2, 1 }, counts.Shape.ToArray());
        var expected = new double[6];
        for (var i = 0; i < 200; i++)
        {
            var (a, b, c) = (samples[0][i], samples[1][i], samples[2][i]);
            if (a <= 3 && b <= 3 && c >= 1)
            {
                expected[(Math.Min((int)a, 2) * 2) + (b < 2 ? 0 : 1)]++;
            }
        }

        Assert.Equal(expected, counts.Data);
    }

    [Fact]
    public void Histogram_BadRange_Throws()
    {
        var x = DArray.FromArray(new[] { 1.0 }, [1], [1]);

        Assert.Throws<ArgumentException>(() => DArray.Histogram(x, 0, (0, 1)));
        Assert.Throws<ArgumentException>(() => DArray.Histogram(x, 2, (1, 0)));
    }
}
