using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

/// <summary>
/// NumPy's <c>/</c> (<c>TrueDivide</c>) and <c>//</c> (<c>FloorDivide</c>) against values NumPy
/// gives, including negative operands, zero divisors and the float cases where floor division
/// is not <c>floor(x / y)</c>.
/// </summary>
public class DivisionTests
{
    private static readonly int[] Dividends = [7, -7, 7, -7, 0, 5, int.MinValue, 9];
    private static readonly int[] Divisors = [2, 2, -2, -2, -3, 0, -1, 3];

    [Fact]
    public void FloorDivide_Int32Arrays_FloorsLikeNumPy()
    {
        var x = DArray.FromArray(Dividends, [8], [3]);
        var y = DArray.FromArray(Divisors, [8], [5]);

        var result = x.FloorDivide(y).ComputeSync().Data;

        Assert.Equal([3, -4, -4, 3, 0, 0, int.MinValue, 3], result);
    }

    [Fact]
    public void FloorDivide_Int64WithScalars_FloorsLikeNumPy()
    {
        var x = DArray.FromArray([7L, -7, 0, -1, 6], [5], [2]);

        Assert.Equal([-4L, 3, 0, 0, -3], x.FloorDivide(-2L).ComputeSync().Data);
        Assert.Equal([1L, -2, 0, -10, 1], DArray<long>.FloorDivide(10L, x).ComputeSync().Data);
    }

    [Fact]
    public void FloorDivide_FloatArrays_FollowNumPysDivmod()
    {
        var x = DArray.FromArray([1.0, -7.0, 7.0, 0.0, -0.0, 1.0, -1.0, 0.0, -1.0, 5.5], [10], [4]);
        var y = DArray.FromArray([0.1, 2.0, -2.0, -3.0, 3.0, 0.0, 0.0, 0.0, double.PositiveInfinity, 1.5], [10], [4]);

        var result = x.FloorDivide(y).ComputeSync().Data;

        double[] numpy = [9.0, -4.0, -4.0, -0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, -1.0, 3.0];
        for (var i = 0; i < numpy.Length; i++)
        {
            Assert.Equal(numpy[i], result[i]);
            if (!double.IsNaN(numpy[i]))
            {
                Assert.Equal(double.IsNegative(numpy[i]), double.IsNegative(result[i]));
            }
        }
    }

    [Fact]
    public void FloorDivide_FloatAndRemainder_RebuildTheDividend()
    {
        var x = DArray.FromArray(DenseReference.Values(40, seed: 3), [40], [7]);
        var y = DArray.FromArray(DenseReference.Values(40, seed: 4), [40], [9]);

        var rebuilt = (x.FloorDivide(y) * y) + (x % y);

        var expected = x.ComputeSync().Data;
        var actual = rebuilt.ComputeSync().Data;
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-9);
        }
    }

    [Fact]
    public void FloorDivide_Booleans_AreRefusedWhenBuilt()
    {
        var b = DArray.Ones<Bool>([3], [3]);

        Assert.Throws<NotSupportedException>(() => b.FloorDivide(b));
    }

    [Fact]
    public void TrueDivide_IntegerArrays_GiveFloat64LikeNumPy()
    {
        var x = DArray.FromArray(Dividends, [8], [3]);
        var y = DArray.FromArray(Divisors, [8], [5]);
        var longs = DArray.FromArray([7L, -7, 0], [3], [2]);

        DArray<double> quotient = x.TrueDivide(y);
        var byScalar = longs.TrueDivide(2L).ComputeSync().Data;
        var zeros = longs.TrueDivide(DArray.Zeros<long>([3], [3])).ComputeSync().Data;

        Assert.Equal(Dividends.Zip(Divisors, (a, b) => (double)a / b), quotient.ComputeSync().Data);
        Assert.Equal([3.5, -3.5, 0.0], byScalar);
        Assert.Equal(double.PositiveInfinity, zeros[0]);
        Assert.Equal(double.NegativeInfinity, zeros[1]);
        Assert.True(double.IsNaN(zeros[2]));
        Assert.Equal([3, -4, -4, 3, 0, 0, int.MinValue, 3], x.FloorDivide(y).ComputeSync().Data);
        Assert.Equal([3, -3, -3, 3, 0], (DArray.FromArray([7, -7, 7, -7, 0], [5], [5]) / DArray.FromArray([2, 2, -2, -2, -3], [5], [5])).ComputeSync().Data);
    }

    [Fact]
    public void TrueDivide_MixedTypes_PromoteLikeNumPy()
    {
        var ints = DArray.FromArray([1, 2, 3], [3], [2]);
        var floats = DArray.FromArray([2f, 4f, 8f], [3], [2]);
        var bools = DArray.Ones<Bool>([3], [3]);

        var intByFloat = DArray.TrueDivide(ints, floats);
        var floatByBool = DArray.TrueDivide(floats, bools);
        var boolByBool = DArray.TrueDivide(bools, bools);

        Assert.Equal("float64", intByFloat.DType);
        Assert.Equal([0.5, 0.5, 0.375], ((DArray<double>)intByFloat).ComputeSync().Data);
        Assert.Equal("float32", floatByBool.DType);
        Assert.Equal([2f, 4f, 8f], ((DArray<float>)floatByBool).ComputeSync().Data);
        Assert.Equal("float64", boolByBool.DType);
        Assert.Equal([1.0, 1.0, 1.0], ((DArray<double>)boolByBool).ComputeSync().Data);
        Assert.Equal([0.5f, 0.5f, 0.25f], floats.TrueDivide(DArray.FromArray([4f, 8f, 32f], [3], [3])).ComputeSync().Data);
    }

    [Fact]
    public void Divide_IntegersByZero_GiveZeroLikeNumPy()
    {
        var ints = DArray.FromArray([7, -7, 0, int.MinValue], [4], [3]);
        var longs = DArray.FromArray([7L, -7, 0, long.MinValue], [4], [3]);

        Assert.Equal([0, 0, 0, 0], (ints / 0).ComputeSync().Data);
        Assert.Equal([0, 0, 0, 0], (ints / DArray.Zeros<int>([4], [2])).ComputeSync().Data);
        Assert.Equal([0L, 0, 0, 0], (longs / 0L).ComputeSync().Data);
        Assert.Equal([1L, -1, 0, 0], (7L / DArray.FromArray([7L, -7, 0, 8], [4], [1])).ComputeSync().Data);
    }

    [Fact]
    public void Divide_MinValueByMinusOne_WrapsLikeNumPy()
    {
        var ints = DArray.FromArray([int.MinValue, 6, -6], [3], [2]);
        var longs = DArray.FromArray([long.MinValue, 6L], [2], [1]);

        Assert.Equal([int.MinValue, -6, 6], (ints / -1).ComputeSync().Data);
        Assert.Equal([int.MinValue, -6, 6], (ints / DArray.Full([3], [3], -1)).ComputeSync().Data);
        Assert.Equal([long.MinValue, -6L], (longs / -1L).ComputeSync().Data);
        Assert.Equal([0, 0, 0], (ints % -1).ComputeSync().Data);
        Assert.Equal([int.MinValue, -6, 6], ints.FloorDivide(-1).ComputeSync().Data);
    }

    [Fact]
    public void TrueDivide_IntegersByZeroScalar_GiveInfinityAndNaN()
    {
        var ints = DArray.FromArray([7, -7, 0], [3], [2]);

        var result = ints.TrueDivide(0).ComputeSync().Data;

        Assert.Equal(double.PositiveInfinity, result[0]);
        Assert.Equal(double.NegativeInfinity, result[1]);
        Assert.True(double.IsNaN(result[2]));
    }
}
