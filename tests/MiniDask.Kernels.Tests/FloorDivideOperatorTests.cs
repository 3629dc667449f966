namespace MiniDask.Kernels.Tests;

public class FloorDivideOperatorTests
{
    [Theory]
    [InlineData(7, 2, 3)]
    [InlineData(-7, 2, -4)]
    [InlineData(7, -2, -4)]
    [InlineData(-7, -2, 3)]
    [InlineData(6, -3, -2)]
    [InlineData(5, 0, 0)]
    [InlineData(int.MinValue, -1, int.MinValue)]
    public void Invoke_Integers_FloorsTowardNegativeInfinity(int x, int y, int expected) =>
        Assert.Equal(expected, FloorDivideOperator<int>.Invoke(x, y));

    [Theory]
    [InlineData(1.0, 0.1, 9.0)]
    [InlineData(-7.0, 2.0, -4.0)]
    [InlineData(7.5, -2.0, -4.0)]
    [InlineData(-1.0, double.PositiveInfinity, -1.0)]
    [InlineData(1.0, 0.0, double.PositiveInfinity)]
    [InlineData(double.PositiveInfinity, 2.0, double.NaN)]
    public void Invoke_Doubles_MatchNumPy(double x, double y, double expected) =>
        Assert.Equal(expected, FloorDivideOperator<double>.Invoke(x, y));

    [Fact]
    public void Invoke_ZeroQuotient_HasTheSignOfTheTrueQuotient()
    {
        Assert.True(double.IsNegative(FloorDivideOperator<double>.Invoke(0.0, -3.0)));
        Assert.False(double.IsNegative(FloorDivideOperator<double>.Invoke(0.0, 3.0)));
        Assert.Equal(-4f, FloorDivideOperator<float>.Invoke(-7f, 2f));
    }

    [Fact]
    public void Binary_ArrayAndScalar_AppliesElementwise()
    {
        var x = new NDArray<long>([7, -7, 0, -1], [2, 2]);

        Assert.Equal([-4L, 3, 0, 0], BlockMath.Binary<FloorDivideOperator<long>, long>(x, -2L).Data);
        Assert.Equal([1L, -2, 0, -10], BlockMath.Binary<FloorDivideOperator<long>, long>(10L, x).Data);
    }
}
