using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Statistics;

public sealed class MomentTests
{
    // [[1, 2, 3], [4, 6, 8]]
    private static DArray<double> X() => DArray.FromArray(new NDArray<double>([1, 2, 3, 4, 6, 8], [2, 3]), [[1, 1], [2, 1]]);

    [Fact]
    public void Average_WeightsOfTheSameShape_WeightedMean()
    {
        var w = DArray.FromArray(new NDArray<double>([1, 0, 1, 0, 0, 2], [2, 3]), [[2], [1, 2]]);

        // (1 + 3 + 16) / 4
        Assert.Equal(5.0, X().Average(w).ComputeSync());
    }

    [Fact]
    public void Average_OneDimensionalWeightsAlongAxis_MatchesNumPy()
    {
        var w = DArray.FromArray(new double[] { 3, 1, 0 }, [3], [2]);

        // np.average(x, axis=1, weights=[3, 1, 0]) = [(3 + 2) / 4, (12 + 6) / 4]
        Assert.Equal(new double[] { 1.25, 4.5 }, X().Average(1, w).ComputeSync().Data);
        Assert.Equal(new double[] { 2.5, 4, 5.5 }, X().Average(0).ComputeSync().Data);
    }

    [Fact]
    public void Ptp_AllAndAlongAxis_MaxMinusMin()
    {
        Assert.Equal(7.0, X().Ptp().ComputeSync());
        Assert.Equal(new double[] { 2, 4 }, X().Ptp(1).ComputeSync().Data);
    }

    [Fact]
    public void CountNonzero_CountsNaNAndSkipsZeros()
    {
        var x = DArray.FromArray(new NDArray<double>([0, 1, double.NaN, 0, 0, -2], [2, 3]), [[1, 1], [1, 2]]);

        Assert.Equal(3L, x.CountNonzero().ComputeSync());
        Assert.Equal(new long[] { 0, 1, 2 }, x.CountNonzero(0).ComputeSync().Data);
    }

    [Fact]
    public void Moment_SecondAndThird_MatchTheDefinition()
    {
        var x = DArray.FromArray(new double[] { 1, 2, 3, 4, 10 }, [5], [2]);

        // mean 4; deviations -3, -2, -1, 0, 6: squares sum 50, cubes sum -27 - 8 - 1 + 216 = 180.
        Assert.Equal(10.0, x.Moment(2).ComputeSync(), 12);
        Assert.Equal(36.0, x.Moment(3).ComputeSync(), 12);
        Assert.Equal(12.5, x.Moment(2, ddof: 1).ComputeSync(), 12);
        var rows = X().Moment(2, axis: 1).ComputeSync().Data;
        Assert.Equal(2.0 / 3, rows[0], 12);
        Assert.Equal(8.0 / 3, rows[1], 12);
    }

    [Fact]
    public void Trace_Offsets_SumTheDiagonals()
    {
        Assert.Equal(7.0, X().Trace().ComputeSync());
        Assert.Equal(10.0, X().Trace(1).ComputeSync());
        Assert.Equal(4.0, X().Trace(-1).ComputeSync());
        Assert.Throws<ArgumentException>(() => DArray.FromArray(new double[] { 1 }, [1], [1]).Trace());
    }

    [Fact]
    public void Cov_Rows_MatchesNumPy()
    {
        // np.cov([[1, 2, 3], [4, 6, 8]]) = [[1, 2], [2, 4]]
        Assert.Equal(new double[] { 1, 2, 2, 4 }, X().Cov().ComputeSync().Data);

        // np.cov(x, rowvar=False, ddof=0): columns (1, 4), (2, 6), (3, 8) deviate by ±1.5, ±2, ±2.5.
        Assert.Equal(new double[] { 2.25, 3, 3.75, 3, 4, 5, 3.75, 5, 6.25 }, X().Cov(rowVar: false, ddof: 0).ComputeSync().Data);
    }

    [Fact]
    public void Cov_OneDimensional_IsTheSampleVariance()
    {
        var x = DArray.FromArray(new double[] { 1, 2, 3, 4, 10 }, [5], [3]);

        var cov = x.Cov().ComputeSync();

        Assert.Equal(0, cov.Rank);
        Assert.Equal(12.5, cov.ToScalar(), 12);
    }

    [Fact]
    public void Corrcoef_PerfectlyCorrelatedRows_AreOne()
    {
        var x = DArray.FromArray(new NDArray<double>([1, 2, 3, 4, 6, 8, 3, 2, 1], [3, 3]), [[2, 1], [1, 2]]);

        var corr = x.Corrcoef().ComputeSync().Data.Select(v => Math.Round(v, 12)).ToArray();

        Assert.Equal(new double[] { 1, 1, -1, 1, 1, -1, -1, -1, 1 }, corr);
    }
}
