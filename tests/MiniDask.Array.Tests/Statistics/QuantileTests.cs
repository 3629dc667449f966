using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Statistics;

public sealed class QuantileTests
{
    // [[3, 1, 4, 1], [5, 9, 2, 6], [5, 3, 5, 8]]
    private static readonly double[] Values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8];

    [Fact]
    public void Median_AlongOneBlockAxis_MatchesNumPy()
    {
        var x = DArray.FromArray(new NDArray<double>(Values, [3, 4]), [[1, 2], [4]]);

        // np.median(x, axis=1): [2.0, 5.5, 5.0]
        Assert.Equal(new double[] { 2, 5.5, 5 }, x.Median(1).ComputeSync().Data);
        Assert.Equal(new[] { 3, 1 }, x.Median(1, keepDims: true).Shape);
    }

    [Fact]
    public void Quantile_SeveralQ_QAxisFirstWithLinearInterpolation()
    {
        var x = DArray.FromArray(new NDArray<double>(Values, [3, 4]), [[3], [1, 3]]);

        // np.quantile(x, [0, 0.25, 1], axis=0): [[3, 1, 2, 1], [4, 2, 3, 3.5], [5, 9, 5, 8]]
        var q = x.Quantile([0, 0.25, 1], axis: 0).ComputeSync();

        Assert.Equal(new[] { 3, 4 }, q.Shape.ToArray());
        Assert.Equal(new double[] { 3, 1, 2, 1, 4, 2, 3, 3.5, 5, 9, 5, 8 }, q.Data);
    }

    [Fact]
    public void Percentile_AlongAxis_IsQuantileOverHundred()
    {
        var x = DArray.FromArray(new NDArray<double>(Values, [3, 4]), [[2, 1], [4]]);

        // np.percentile([3, 1, 4, 1], 40) = 1 + (3 - 1) * 0.2 = 1.4
        Assert.Equal(1.4, x.Percentile(40, axis: 1).ComputeSync().Data[0], 12);
    }

    [Fact]
    public void Median_NaNInSlice_IsNaN()
    {
        var x = DArray.FromArray(new NDArray<double>([1, double.NaN, 3, 4, 5, 6], [2, 3]), [[1, 1], [3]]);

        var median = x.Median(1).ComputeSync().Data;

        Assert.True(double.IsNaN(median[0]));
        Assert.Equal(5.0, median[1]);
    }

    [Fact]
    public void Median_AxisInSeveralBlocks_ThrowsNamingTheRechunk()
    {
        var x = DArray.FromArray(new NDArray<double>(Values, [3, 4]), [[1, 2], [2, 2]]);

        var error = Assert.Throws<ArgumentException>(() => x.Median(1));

        Assert.Contains("Rechunk([1, -1])", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Percentile_OneDimensionalOneBlock_IsExact()
    {
        var x = DArray.FromArray(Values, [12], [12]);

        // np.percentile(Values, [10, 50, 90]) = [1.1, 4.5, 7.8]
        var p = x.Percentile([10, 50, 90]).ComputeSync().Data;

        Assert.Equal(1.1, p[0], 12);
        Assert.Equal(4.5, p[1], 12);
        Assert.Equal(7.8, p[2], 12);
    }

    [Fact]
    public void Percentile_OneDimensionalSeveralBlocks_ApproximatesTheExactValue()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 10_000).Select(_ => random.NextDouble()).ToArray();
        var x = DArray.FromArray(values, [10_000], [1000]);
        var sorted = values.Order().ToArray();

        var p = x.Percentile([5, 50, 95]).ComputeSync().Data;

        // Dask's merge of per-block percentiles at [0, 5, 50, 95, 100] is coarse: within 0.03 on uniform data.
        Assert.InRange(Math.Abs(p[0] - sorted[(int)(0.05 * 9999)]), 0, 0.03);
        Assert.InRange(Math.Abs(p[1] - sorted[(int)(0.5 * 9999)]), 0, 0.03);
        Assert.InRange(Math.Abs(p[2] - sorted[(int)(0.95 * 9999)]), 0, 0.03);
    }

    [Fact]
    public void Percentile_TwoBlocks_MergesAsDask()
    {
        var x = DArray.FromArray(Enumerable.Range(0, 10).Select(i => (double)i).ToArray(), [10], [5]);

        // Per block, the values at [0, 25, 60, 100] stand for 0, 25%, 35% and 40% of its 5 elements:
        // values 0, 1, 2.4, 4, 5, 6, 7.4, 9 with cumulative weights 0, 1.25, 3, 5, 5, 6.25, 8, 10.
        // 25% of 10 observations is 2.5, between (1.25, 1) and (3, 2.4); 60% is 6, between (5, 5) and (6.25, 6).
        var p = x.Percentile([25, 60]).ComputeSync().Data;

        Assert.Equal(1 + (1.4 * (2.5 - 1.25) / 1.75), p[0], 12);
        Assert.Equal(5 + (1.0 * (6 - 5) / 1.25), p[1], 12);
    }

    [Fact]
    public void Percentile_OutOfRange_Throws()
    {
        var x = DArray.FromArray(Values, [12], [5]);

        Assert.Throws<ArgumentOutOfRangeException>(() => x.Percentile([101]));
    }
}
