using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Statistics;

public sealed class NanReductionTests
{
    // [[1, nan, 3], [nan, nan, nan], [4, 5, nan], [2, 0, 6]] in uneven blocks.
    private static readonly double[] Values = [1, double.NaN, 3, double.NaN, double.NaN, double.NaN, 4, 5, double.NaN, 2, 0, 6];

    private static DArray<double> X() => DArray.FromArray(new NDArray<double>(Values, [4, 3]), [[1, 3], [2, 1]]);

    [Fact]
    public void NanSum_AllAndAlongAxes_SkipNaN()
    {
        Assert.Equal(21.0, X().NanSum().ComputeSync());
        Assert.Equal(new double[] { 4, 0, 9, 8 }, X().NanSum(1).ComputeSync().Data);
        Assert.Equal(new double[] { 7, 5, 9 }, X().NanSum(0).ComputeSync().Data);
    }

    [Fact]
    public void NanProd_AllNaNRow_IsOne()
    {
        Assert.Equal(new double[] { 3, 1, 20, 0 }, X().NanProd(1).ComputeSync().Data);
        Assert.Equal(0.0, X().NanProd().ComputeSync());
    }

    [Fact]
    public void NanMinNanMax_AllNaNRow_IsNaN()
    {
        Assert.Equal(new double[] { 1, double.NaN, 4, 0 }, X().NanMin(1).ComputeSync().Data);
        Assert.Equal(new double[] { 3, double.NaN, 5, 6 }, X().NanMax(1).ComputeSync().Data);
        Assert.Equal(0.0, X().NanMin().ComputeSync());
        Assert.Equal(6.0, X().NanMax().ComputeSync());
    }

    [Fact]
    public void NanMean_AlongRows_MeanOfTheNonNaN()
    {
        Assert.Equal(new double[] { 2, double.NaN, 4.5, 8.0 / 3 }, X().NanMean(1).ComputeSync().Data);
        Assert.Equal(21.0 / 7, X().NanMean().ComputeSync(), 12);
    }

    [Fact]
    public void NanVarNanStd_MatchTheDefinition()
    {
        // Non-NaN values 1, 3, 4, 5, 2, 0, 6: mean 3, squared deviations 4+0+1+4+1+9+9 = 28.
        Assert.Equal(4.0, X().NanVar().ComputeSync(), 12);
        Assert.Equal(28.0 / 6, X().NanVar(ddof: 1).ComputeSync(), 12);
        Assert.Equal(2.0, X().NanStd().ComputeSync(), 12);
        var rows = X().NanVar(1, ddof: 1).ComputeSync().Data;
        Assert.Equal(2.0, rows[0], 12);
        Assert.True(double.IsNaN(rows[1]));
        Assert.Equal(0.5, rows[2], 12);
        Assert.Equal(9.0 + (1.0 / 3), rows[3], 12);
    }

    [Fact]
    public void NanArgMinNanArgMax_SkipNaN()
    {
        var x = DArray.FromArray(new NDArray<double>([double.NaN, 3, -1, double.NaN, 7, 2], [6]), [[2, 3, 1]]);

        Assert.Equal(2L, x.NanArgMin().ComputeSync());
        Assert.Equal(4L, x.NanArgMax().ComputeSync());
    }

    [Fact]
    public void NanArgMin_AllNaNSlice_FailsAsNumPy()
    {
        var error = Assert.ThrowsAny<Exception>(() => X().NanArgMin(1).ComputeSync());

        Assert.Contains("All-NaN slice encountered", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NanCumSumNanCumProd_CountNaNAsIdentity()
    {
        var x = DArray.FromArray(new NDArray<double>([1, double.NaN, 3, double.NaN, 2], [5]), [[2, 3]]);

        Assert.Equal(new double[] { 1, 1, 4, 4, 6 }, x.NanCumSum(0).ComputeSync().Data);
        Assert.Equal(new double[] { 1, 1, 3, 3, 6 }, x.NanCumProd(0).ComputeSync().Data);
    }

    [Fact]
    public void NanSum_IntegersAndEmpty_EqualPlainSums()
    {
        var ints = DArray.FromArray(new[] { 1, 2, 3, 4, 5 }, [5], [2]);
        var empty = DArray.FromArray(new NDArray<double>([], [0]), [[0]]);

        Assert.Equal(15, ints.NanSum().ComputeSync());
        Assert.Equal(5, ints.NanMax().ComputeSync());
        Assert.Equal(0.0, empty.NanSum().ComputeSync());
        Assert.True(double.IsNaN(empty.NanMean().ComputeSync()));
    }

    [Fact]
    public void NanMean_SingleElement_IsThatElement()
    {
        var one = DArray.FromArray(new[] { 2.5 }, [1], [1]);

        Assert.Equal(2.5, one.NanMean().ComputeSync());
        Assert.Equal(0.0, one.NanVar().ComputeSync());
    }
}
