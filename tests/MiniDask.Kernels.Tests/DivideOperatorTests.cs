namespace MiniDask.Kernels.Tests;

/// <summary>Integer division never throws: NumPy's results for a zero divisor and for MinValue / -1, in every form the driver calls.</summary>
public class DivideOperatorTests
{
    [Theory]
    [InlineData(7, 2, 3)]
    [InlineData(-7, 2, -3)]
    [InlineData(7, 0, 0)]
    [InlineData(0, 0, 0)]
    [InlineData(int.MinValue, -1, int.MinValue)]
    [InlineData(int.MaxValue, -1, -int.MaxValue)]
    public void Invoke_Int32_TruncatesAndNeverThrows(int x, int y, int expected)
    {
        Span<int> spans = stackalloc int[1];
        Span<int> byScalar = stackalloc int[1];
        Span<int> scalarFirst = stackalloc int[1];

        DivideOperator<int>.Invoke([x], [y], spans);
        DivideOperator<int>.Invoke([x], y, byScalar);
        DivideOperator<int>.Invoke(x, [y], scalarFirst);

        Assert.Equal(expected, DivideOperator<int>.Invoke(x, y));
        Assert.Equal(expected, spans[0]);
        Assert.Equal(expected, byScalar[0]);
        Assert.Equal(expected, scalarFirst[0]);
    }

    [Fact]
    public void Invoke_Int64Spans_ZeroAndMinusOneDivisorsAmongOthers()
    {
        long[] x = [long.MinValue, 9, -9, 5, 100];
        long[] y = [-1, 0, 2, -1, 7];
        var result = new long[5];

        DivideOperator<long>.Invoke(x, y, result);

        Assert.Equal([long.MinValue, 0, -4, -5, 14], result);
    }

    [Fact]
    public void Invoke_Doubles_FollowIeee()
    {
        var result = new double[3];

        DivideOperator<double>.Invoke([1.0, -1.0, 0.0], 0.0, result);

        Assert.Equal([double.PositiveInfinity, double.NegativeInfinity], result[..2]);
        Assert.True(double.IsNaN(result[2]));
    }
}
