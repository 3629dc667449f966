namespace MiniDask.Kernels.Tests;

public class BlockMathReductionTests
{
    private static readonly int[] Shape = [3, 4, 5];

    [Fact]
    public void Sum_AllElements_MatchesNaiveSum()
    {
        var x = new NDArray<double>(Naive.Sequence(60, -3, 0.5), Shape);

        Assert.Equal(x.Data.Sum(), BlockMath.Sum(x), 9);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(-1)]
    public void Sum_AlongAxis_MatchesNaiveLoops(int axis)
    {
        var x = new NDArray<double>(Naive.Sequence(60), Shape);
        var a = axis < 0 ? axis + 3 : axis;
        var outShape = Shape.Where((_, i) => i != a).ToArray();
        var expected = new double[60 / Shape[a]];
        for (var flat = 0; flat < 60; flat++)
        {
            var index = ArrayIndex.Unravel(flat, Shape);
            var outIndex = index.Where((_, i) => i != a).ToArray();
            expected[(outIndex[0] * outShape[1]) + outIndex[1]] += x.Data[flat];
        }

        var sum = BlockMath.Sum(x, axis);
        var kept = BlockMath.Sum(x, axis, keepDims: true);

        Assert.Equal(outShape, sum.Shape.ToArray());
        Assert.Equal(expected, sum.Data);
        Assert.Equal(1, kept.Shape[a]);
        Assert.Equal(expected, kept.Data);
    }

    [Fact]
    public void Reduce_MaxAndMinOverTwoAxes_MatchNaive()
    {
        var values = Naive.Sequence(60).Select(v => Math.Sin(v) * 100).ToArray();
        var x = new NDArray<double>(values, Shape);

        var max = BlockMath.Reduce<MaxOperator<double>, double>(x, [0, 2]);
        var min = BlockMath.Reduce<MinOperator<double>, double>(x, [2, 0], keepDims: true);

        Assert.Equal([4], max.Shape.ToArray());
        Assert.Equal([1, 4, 1], min.Shape.ToArray());
        for (var j = 0; j < 4; j++)
        {
            var column = Enumerable.Range(0, 60).Where(f => ArrayIndex.Unravel(f, Shape)[1] == j).Select(f => values[f]).ToArray();
            Assert.Equal(column.Max(), max.Data[j]);
            Assert.Equal(column.Min(), min.Data[j]);
        }
    }

    [Fact]
    public void Reduce_EmptyArray_SumIsZeroAndMaxThrows()
    {
        var x = new NDArray<int>([0, 3]);

        Assert.Equal(0, BlockMath.Sum(x));
        Assert.Equal([0, 0, 0], BlockMath.Sum(x, 0).Data);
        var e = Assert.Throws<InvalidOperationException>(() => BlockMath.Reduce<MaxOperator<int>, int>(x));
        Assert.Contains("max", e.Message);
    }

    [Fact]
    public void Sum_AxisOutOfRange_ThrowsNamingAxisAndRank()
    {
        var x = new NDArray<double>([2, 2]);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => BlockMath.Sum(x, 2));

        Assert.Contains("Axis 2", e.Message);
        Assert.Contains("rank 2", e.Message);
        Assert.Throws<ArgumentException>(() => BlockMath.Reduce<SumOperator<double>, double>(x, [1, -1]));
    }
}
