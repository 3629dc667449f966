using System.Text;

namespace MiniDask.Kernels.Tests;

public class BoolAndComparisonTests
{
    [Fact]
    public void Bool_Arithmetic_FollowsNumPyBooleans()
    {
        Bool t = true, f = false;

        Assert.Equal(t, t + f);
        Assert.Equal(f, t * f);
        Assert.Equal(t, t ^ f);
        Assert.True(f < t);
        Assert.True(Create<Bool, int>(2));
        Assert.False(Create<Bool, int>(0));
        Assert.Equal(1.0, double.CreateTruncating(t));
        Assert.True(Create<Bool, double>(double.NaN));
        Assert.Throws<NotSupportedException>(() => t - f);
        Assert.Equal("True", t.ToString());
    }

    private static TTo Create<TTo, TFrom>(TFrom value)
        where TTo : System.Numerics.INumberBase<TTo>
        where TFrom : System.Numerics.INumberBase<TFrom> => TTo.CreateTruncating(value);

    [Fact]
    public void NDArrayOfBool_SaveNpy_WritesNumPyBoolDescrAndBytesAndReadsBack()
    {
        var mask = new NDArray<Bool>([true, false, true], [3]);
        using var stream = new MemoryStream();

        mask.SaveNpy(stream);
        var bytes = stream.ToArray();
        stream.Position = 0;
        var back = NDArray.LoadNpy(stream);

        Assert.Contains("'descr': '|b1'", Encoding.ASCII.GetString(bytes));
        Assert.Equal([1, 0, 1], bytes[^3..]);
        Assert.Equal("bool", back.DType);
        Assert.Equal(mask.Data, ((NDArray<Bool>)back).Data);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(37)]
    public void Compare_VectorBodyAndTail_MatchScalarComparisons(int n)
    {
        var x = new NDArray<double>([.. Naive.Sequence(n, start: -5, step: 0.5)], [n]);
        var y = new NDArray<double>([.. Naive.Sequence(n, start: 5, step: -0.25)], [n]);
        x.Data[n / 2] = double.NaN;

        var less = BlockMath.Compare<LessOperator<double>, double>(x, y);
        var ne = BlockMath.Compare<NotEqualOperator<double>, double>(x, 0.0);
        var geInts = BlockMath.Compare<GreaterEqualOperator<int>, int>(3, new NDArray<int>([.. Enumerable.Range(0, n)], [n]));

        Assert.Equal(x.Data.Zip(y.Data, (a, b) => a < b), less.Data.Select(b => (bool)b));
        Assert.Equal(x.Data.Select(a => a != 0), ne.Data.Select(b => (bool)b));
        Assert.Equal(Enumerable.Range(0, n).Select(v => 3 >= v), geInts.Data.Select(b => (bool)b));
    }

    [Fact]
    public void Compare_BroadcastShapes_ProducesBroadcastMask()
    {
        var column = new NDArray<long>([1, 2, 3], [3, 1]);
        var row = new NDArray<long>([2, 2, 2, 2], [1, 4]);

        var mask = BlockMath.Compare<EqualOperator<long>, long>(column, row);

        Assert.Equal([3, 4], mask.Shape.ToArray());
        Assert.Equal([false, false, false, false, true, true, true, true, false, false, false, false], mask.Data.Select(b => (bool)b));
    }

    [Fact]
    public void AnyAll_OverAxes_ReduceBooleanBytes()
    {
        var mask = new NDArray<Bool>([true, false, false, true, true, true], [2, 3]);

        Assert.Equal([true, true, true], BlockMath.Reduce<AnyOperator, Bool>(mask, [0]).Data.Select(b => (bool)b));
        Assert.Equal([false, true], BlockMath.Reduce<AllOperator, Bool>(mask, [1]).Data.Select(b => (bool)b));
        Assert.False(BlockMath.Reduce<AllOperator, Bool>(mask));
        Assert.True(BlockMath.Reduce<AllOperator, Bool>(new NDArray<Bool>([0])));
    }

    [Fact]
    public void Moments_CombinedAcrossSplits_EqualTwoPassVariance()
    {
        var data = Naive.Sequence(23, start: 1e6, step: 0.37);
        var whole = BlockMath.Moments(new NDArray<double>([.. data], [23]), [0]);
        var left = BlockMath.Moments(new NDArray<double>(data[..9], [9]), [0]);
        var right = BlockMath.Moments(new NDArray<double>(data[9..], [14]), [0]);

        var combined = BlockMath.CombineMoments(left, right);
        var mean = data.Average();

        Assert.Equal(23, combined.Data[0]);
        Assert.Equal(mean, combined.Data[1], 6);
        Assert.Equal(data.Sum(v => (v - mean) * (v - mean)), combined.Data[2], 6);
        Assert.Equal(whole.Data[2], combined.Data[2], 6);
    }

    [Fact]
    public void Cumulative_InnerAndLastAxis_RunningSums()
    {
        var x = new NDArray<int>([1, 2, 3, 4, 5, 6], [2, 3]);

        Assert.Equal([1, 3, 6, 4, 9, 15], BlockMath.Cumulative<SumOperator<int>, int>(x, 1).Data);
        Assert.Equal([1, 2, 3, 5, 7, 9], BlockMath.Cumulative<SumOperator<int>, int>(x, 0).Data);
        Assert.Equal([1, 2, 6, 4, 20, 120], BlockMath.Cumulative<ProductOperator<int>, int>(x, -1).Data);
    }

    [Fact]
    public void Normal_SameSeedAndIndex_SameBlockAndPlausibleMoments()
    {
        var a = BlockRandom.Normal(3, [1, 2], [100_001]);
        var b = BlockRandom.Normal(3, [1, 2], [100_001]);
        var c = BlockRandom.Normal(3, [2, 1], [100_001]);

        Assert.Equal(a.Data, b.Data);
        Assert.NotEqual(a.Data, c.Data);
        Assert.Equal(0, a.Data.Average(), 1);
        Assert.Equal(1, a.Data.Select(v => v * v).Average(), 1);
    }
}
