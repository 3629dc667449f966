namespace MiniDask.Kernels.Tests;

public class BlockMathElementwiseTests
{
    public static TheoryData<int[], int[]> BroadcastShapes => new()
    {
        { [3, 4], [3, 4] },
        { [3, 4], [4] },
        { [4], [3, 4] },
        { [3, 1], [1, 4] },
        { [3, 4], [3, 1] },
        { [2, 1, 4], [3, 1] },
        { [2, 3, 4], [] },
        { [], [2, 3] },
        { [1, 1], [5, 1, 3] },
        { [2, 3, 4], [2, 1, 4] },
    };

    [Theory]
    [MemberData(nameof(BroadcastShapes))]
    public void Binary_BroadcastShapes_MatchesNaiveBroadcastForEveryOp(int[] xShape, int[] yShape)
    {
        var x = new NDArray<double>(Naive.Sequence(Count(xShape), 1, 0.5), xShape);
        var y = new NDArray<double>(Naive.Sequence(Count(yShape), 2, 0.25), yShape);
        var outShape = Shapes.Broadcast(xShape, yShape);

        var sum = x + y;
        var difference = x - y;
        var product = x * y;
        var quotient = x / y;

        Assert.Equal(outShape, sum.Shape.ToArray());
        Assert.Equal(Naive.Broadcast(x.Data, xShape, y.Data, yShape, outShape, (a, b) => a + b), sum.Data);
        Assert.Equal(Naive.Broadcast(x.Data, xShape, y.Data, yShape, outShape, (a, b) => a - b), difference.Data);
        Assert.Equal(Naive.Broadcast(x.Data, xShape, y.Data, yShape, outShape, (a, b) => a * b), product.Data);
        Assert.Equal(Naive.Broadcast(x.Data, xShape, y.Data, yShape, outShape, (a, b) => a / b), quotient.Data);
    }

    [Fact]
    public void Binary_ScalarOnEitherSide_KeepsOperandOrder()
    {
        var x = new NDArray<double>([1, 2, 4], [3]);

        Assert.Equal([9, 8, 6], (10.0 - x).Data);
        Assert.Equal([-9, -8, -6], (x - 10.0).Data);
        Assert.Equal([8, 4, 2], (8.0 / x).Data);
        Assert.Equal([0.5, 1, 2], (x / 2.0).Data);
        Assert.Equal([3, 4, 6], (2.0 + x).Data);
        Assert.Equal([3, 6, 12], (x * 3.0).Data);
    }

    [Fact]
    public void Binary_IntegerDivision_Truncates()
    {
        var x = new NDArray<int>([7, -7, 9], [3]);
        var y = new NDArray<int>([2, 2, 3], [3]);

        Assert.Equal([3, -3, 3], (x / y).Data);
    }

    [Fact]
    public void Binary_IncompatibleShapes_ThrowsNamingBothShapes()
    {
        var x = new NDArray<float>([3, 4]);
        var y = new NDArray<float>([3]);

        var e = Assert.Throws<ArgumentException>(() => x + y);

        Assert.Contains("(3, 4)", e.Message);
        Assert.Contains("(3,)", e.Message);
    }

    [Fact]
    public void Binary_Inputs_AreNotModified()
    {
        var x = new NDArray<long>([1, 2, 3, 4], [2, 2]);
        var y = new NDArray<long>([10, 20], [2]);

        var r = x * y;

        Assert.Equal([1L, 2, 3, 4], x.Data);
        Assert.Equal([10L, 20], y.Data);
        Assert.Equal([10L, 40, 30, 80], r.Data);
    }

    private static int Count(int[] shape) => shape.Aggregate(1, (a, b) => a * b);
}
