using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

public class PromotionAndValidationTests
{
    [Theory]
    [InlineData("bool", "bool", "bool")]
    [InlineData("bool", "int32", "int32")]
    [InlineData("bool", "float32", "float32")]
    [InlineData("int32", "int32", "int32")]
    [InlineData("int32", "int64", "int64")]
    [InlineData("int32", "float32", "float64")]
    [InlineData("int64", "float32", "float64")]
    [InlineData("int32", "float64", "float64")]
    [InlineData("int64", "float64", "float64")]
    [InlineData("float32", "float32", "float32")]
    [InlineData("float32", "float64", "float64")]
    [InlineData("float64", "bool", "float64")]
    public void ResultType_EveryPair_MatchesNumPyInBothOrders(string x, string y, string expected)
    {
        Assert.Equal(expected, DArray.ResultType(x, y));
        Assert.Equal(expected, DArray.ResultType(y, x));
    }

    [Fact]
    public void MixedOperators_DifferentElementTypes_ReturnPromotedArrays()
    {
        var ints = DArray.FromArray(new[] { 1, 2, 3 }, [3], [2]);
        var doubles = DArray.FromArray(new[] { 0.5, 0.25, 0.125 }, [3], [1]);
        var floats = DArray.FromArray(new[] { 0.5f, 1.5f, 2.5f }, [3], [3]);
        var longs = DArray.FromArray(new[] { 10L, 20L, 30L }, [3], [2]);
        var mask = ints > 1;

        DArray<double> sum = ints + doubles;
        DArray<double> product = floats * ints;
        DArray<long> difference = longs - ints;
        DArray<int> counted = mask + ints;

        Assert.Equal([1.5, 2.25, 3.125], sum.ComputeSync().Data);
        Assert.Equal([0.5, 3.0, 7.5], product.ComputeSync().Data);
        Assert.Equal([9L, 18, 27], difference.ComputeSync().Data);
        Assert.Equal([1, 3, 4], counted.ComputeSync().Data);
        Assert.Equal("float64", DArray.Add(floats, longs).DType);
        Assert.Equal(typeof(double), DArray.ResultType<int, float>());
    }

    [Fact]
    public void Broadcast_ThreeIncompatibleOperands_ThrowsNamingEveryShapeAndChunks()
    {
        var mask = DArray.Ones<int>([7, 5], [3, 2]) > 0;
        var x = DArray.Ones<double>([4], [2]);

        var e = Assert.Throws<ArgumentException>(() => DArray.Where(mask, x, 1.0));

        Assert.Contains("(7, 5)", e.Message);
        Assert.Contains("((3, 3, 1), (2, 2, 1))", e.Message);
        Assert.Contains("(4,)", e.Message);
        Assert.Contains("((2, 2),)", e.Message);
        Assert.Contains("axis 1 has sizes 5 and 4 and 1", e.Message);
    }

    [Fact]
    public void Reduction_AxisOutOfRange_ThrowsNamingAxisAndShape()
    {
        var x = DArray.Ones<double>([7, 5], [3, 2]);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => x.Prod(axis: 2));
        var several = Assert.Throws<ArgumentOutOfRangeException>(() => x.Sum([0, -3]));

        Assert.Contains("Axis 2", e.Message);
        Assert.Contains("(7, 5)", e.Message);
        Assert.Contains("Axis -3", several.Message);
    }

    [Fact]
    public void Reduction_RepeatedAxis_ThrowsNamingTheAxes()
    {
        var e = Assert.Throws<ArgumentException>(() => DArray.Ones<double>([7, 5], [3, 2]).Mean([1, -1]));

        Assert.Contains("[1, -1]", e.Message);
    }

    [Theory]
    [InlineData(5, null)]
    [InlineData(7, 0)]
    public void Var_DdofAtLeastCount_ThrowsNamingDdofAndCount(int ddof, int? axis)
    {
        var x = DArray.Ones<double>([7, 5], [3, 2]);

        var e = Assert.Throws<ArgumentException>(() => axis is { } a ? x.Var([a], ddof: ddof) : x.Std([1], ddof: ddof));

        Assert.Contains($"ddof {ddof}", e.Message);
        Assert.Contains(axis is null ? "5 elements" : "7 elements", e.Message);
        Assert.Contains("(7, 5)", e.Message);
    }

    [Fact]
    public void ArgMax_EmptyArray_ThrowsLikeNumPy()
    {
        var e = Assert.Throws<ArgumentException>(() => DArray.Zeros<double>([0, 3], [1, 3]).ArgMax());

        Assert.Contains("empty sequence", e.Message);
        Assert.Contains("(0, 3)", e.Message);
    }

    [Fact]
    public void BoolArrays_OpsNumPyRefuses_ThrowNotSupportedWhenBuilt()
    {
        var mask = DArray.Ones<int>([3], [2]) > 0;

        Assert.Throws<NotSupportedException>(() => mask - mask);
        Assert.Throws<NotSupportedException>(() => -mask);
        Assert.Throws<NotSupportedException>(() => mask.Sum());
        Assert.Throws<NotSupportedException>(() => mask.CumSum(0));
        Assert.Contains("AsType", Assert.Throws<NotSupportedException>(() => mask / mask).Message);
    }

    [Fact]
    public void Abs_BoolArray_ReturnsTheBooleansAsNumPy()
    {
        var values = DArray.FromArray([3, -1, 0, 7, 0], [5], [2]);
        var mask = values.Ne(0);

        var result = mask.Abs();

        Assert.Equal("bool", result.DType);
        Assert.Equal([true, true, false, true, false], DenseReference.Bools(result.ComputeSync()));
        Assert.Equal([3, 1, 0, 7, 0], values.Abs().ComputeSync().Data);
    }

    [Fact]
    public void Power_NegativeIntegerExponent_ThrowsLikeNumPy()
    {
        var x = DArray.Ones<int>([3], [2]);

        Assert.Contains("negative integer powers", Assert.Throws<ArgumentException>(() => x.Power(-1)).Message);
        var e = Assert.Throws<MiniDask.Graph.TaskFailedException>(() => x.Power(DArray.Full([3], [3], -2)).ComputeSync());
        Assert.Contains("negative integer powers", e.Message);
    }

    [Fact]
    public void Linspace_NegativeNum_Throws()
    {
        Assert.Contains("-1", Assert.Throws<ArgumentException>(() => DArray.Linspace(0, 1, -1)).Message);
        Assert.Throws<ArgumentException>(() => DArray.Arange(0, 5, 0));
    }
}
