using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

/// <summary>
/// Sums, products, cumulative sums and means in a chosen result type: NumPy's int64
/// accumulation of int32 and boolean arrays, and its float64 mean of integers.
/// </summary>
public class TypedReductionTests
{
    private static readonly int[] Big = [2_000_000_000, 2_000_000_000, -5, 2_000_000_000, 7];

    [Fact]
    public void SumOfLong_Int32ValuesPastInt32_AccumulatesLikeNumPy()
    {
        var x = DArray.FromArray(Big, [5], [2]);

        Assert.Equal(Big.Sum(v => (long)v), x.Sum<long>().ComputeSync());
        Assert.NotEqual(Big.Sum(v => (long)v), (long)x.Sum().ComputeSync());
    }

    [Fact]
    public void SumOfLong_AlongAxes_AccumulatesInInt64()
    {
        int[] data = [int.MaxValue, 1, int.MaxValue, 2, 3, 4];
        var x = DArray.FromArray(data, [3, 2], [2, 1]);

        Assert.Equal([(long)int.MaxValue * 2 + 3, 7L], x.Sum<long>(axis: 0).ComputeSync().Data);
        Assert.Equal([(long)int.MaxValue * 2 + 3, 7L], x.Sum<long>([0], keepDims: true).ComputeSync().Data);
        Assert.Equal([1, 2], x.Sum<long>(axis: 0, keepDims: true).ComputeSync().Shape.ToArray());
    }

    [Fact]
    public void ProdAndCumProdOfLong_Int32Values_DoNotWrap()
    {
        var x = DArray.FromArray([100_000, 100_000, 3], [3], [2]);

        Assert.Equal(30_000_000_000L, x.Prod<long>().ComputeSync());
        Assert.Equal([30_000_000_000L], x.Prod<long>(axis: 0, keepDims: true).ComputeSync().Data);
        Assert.Equal([100_000L, 10_000_000_000L, 30_000_000_000L], x.CumProd<long>(axis: 0).ComputeSync().Data);
    }

    [Fact]
    public void CumSumOfLong_Int32ValuesPastInt32_AccumulatesLikeNumPy()
    {
        var x = DArray.FromArray(Big, [5], [2]);

        var running = 0L;
        Assert.Equal(Big.Select(v => running += v), x.CumSum<long>(axis: -1).ComputeSync().Data);
    }

    [Fact]
    public void SumOfLong_Booleans_CountsTheTrueValues()
    {
        var values = DArray.FromArray([3.0, -1, 4, 1, -5, 9, 2, 6], [2, 4], [1, 3]);
        var positive = values > 0.0;

        Assert.Equal(6L, positive.Sum<long>().ComputeSync());
        Assert.Equal([3L, 3L], positive.Sum<long>(axis: 1).ComputeSync().Data);
        Assert.Equal([1L, 1, 2, 3, 0, 1, 2, 3], positive.CumSum<long>(axis: 1).ComputeSync().Data);
    }

    [Fact]
    public void MeanOfDouble_Integers_IsNumPysFloatMean()
    {
        var x = DArray.FromArray([1, 2, 4, 7], [2, 2], [1, 2]);

        Assert.Equal(3.5, x.Mean<double>().ComputeSync());
        Assert.Equal(3, x.Mean().ComputeSync());
        Assert.Equal([2.5, 4.5], x.Mean<double>(axis: 0).ComputeSync().Data);
        Assert.Equal([1.5, 5.5], x.Mean<double>(axis: 1).ComputeSync().Data);
    }

    [Fact]
    public void TypedReductions_BadAxisOrBooleanResult_ThrowNamingTheArray()
    {
        var x = DArray.FromArray([1, 2, 3], [3], [2]);

        var axis = Assert.Throws<ArgumentOutOfRangeException>(() => x.Sum<long>(axis: 1));
        Assert.Contains(x.Name, axis.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => x.Sum<Bool>());
    }
}
