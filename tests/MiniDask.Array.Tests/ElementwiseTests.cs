namespace MiniDask.Array.Tests;

public class ElementwiseTests
{
    private static readonly double[] A = TestData.Matrix(7, 5);
    private static readonly double[] B = TestData.Matrix(7, 5, offset: 3.25);

    [Fact]
    public void Operators_ArraysWithUnevenChunks_MatchNaiveLoops()
    {
        var x = DArray.FromArray(A, [7, 5], [3, 2]);
        var y = DArray.FromArray(B, [7, 5], [3, 2]);

        Tolerance.Close([.. A.Zip(B, (a, b) => a + b)], (x + y).ComputeSync().Data);
        Tolerance.Close([.. A.Zip(B, (a, b) => a - b)], (x - y).ComputeSync().Data);
        Tolerance.Close([.. A.Zip(B, (a, b) => a * b)], (x * y).ComputeSync().Data);
        Tolerance.Close([.. A.Zip(B, (a, b) => a / b)], (x / y).ComputeSync().Data);
    }

    [Fact]
    public void Operators_ScalarOnEitherSide_KeepOperandOrder()
    {
        var x = DArray.FromArray(A, [7, 5], [3, 2]);

        Tolerance.Close([.. A.Select(a => a + 1)], (x + 1).ComputeSync().Data);
        Tolerance.Close([.. A.Select(a => 1 - a)], (1 - x).ComputeSync().Data);
        Tolerance.Close([.. A.Select(a => a - 1)], (x - 1).ComputeSync().Data);
        Tolerance.Close([.. A.Select(a => 2 / a)], (2 / x).ComputeSync().Data);
        Tolerance.Close([.. A.Select(a => a / 2)], (x / 2).ComputeSync().Data);
        Tolerance.Close([.. A.Select(a => 3 * a)], (3 * x).ComputeSync().Data);
        Tolerance.Close([.. A.Select(a => -a)], (-x).ComputeSync().Data);
    }

    [Fact]
    public void Subtract_TrailingVector_BroadcastsAcrossRows()
    {
        var x = DArray.FromArray(A, [7, 5], [3, 2]);
        var v = DArray.FromArray(new double[] { 1, 2, 3, 4, 5 }, [5], [2]);

        var y = (x - v).ComputeSync();

        Assert.Equal([7, 5], y.Shape.ToArray());
        Tolerance.Close([.. A.Select((a, i) => a - (i % 5) - 1)], y.Data);
    }

    [Fact]
    public void Add_ColumnOfOneChunk_BroadcastsAcrossColumns()
    {
        var x = DArray.FromArray(A, [7, 5], [3, 2]);
        var column = DArray.FromArray(new double[] { 10, 20, 30, 40, 50, 60, 70 }, [7, 1], [3, 1]);

        var y = (column + x).ComputeSync();

        Tolerance.Close([.. A.Select((a, i) => a + (10 * ((i / 5) + 1)))], y.Data);
    }

    [Fact]
    public void Multiply_OuterProductShapes_BroadcastBothOperands()
    {
        var column = DArray.FromArray(new double[] { 1, 2, 3 }, [3, 1], [2, 1]);
        var row = DArray.FromArray(new double[] { 1, 10, 100, 1000 }, [1, 4], [1, 3]);

        var y = column * row;

        Assert.Equal([3, 4], y.Shape);
        Assert.Equal([2, 1], y.Chunks[0]);
        Assert.Equal([3, 1], y.Chunks[1]);
        Assert.Equal([1.0, 10, 100, 1000, 2, 20, 200, 2000, 3, 30, 300, 3000], y.ComputeSync().Data);
    }

    [Fact]
    public void Subtract_LazyScalarOperand_BroadcastsAsZeroDimensionalArray()
    {
        var x = DArray.FromArray(A, [7, 5], [3, 2]);
        var mean = A.Average();

        var centered = (x - x.Mean()).ComputeSync();

        Tolerance.Close([.. A.Select(a => a - mean)], centered.Data);
        Assert.Equal(0.0, centered.Data.Sum(), 9);
    }

    [Fact]
    public void Add_AlignedAxesChunkedDifferently_UnifiesToCommonBoundaries()
    {
        var x = DArray.FromArray(A, [7, 5], [3, 2]);
        var v = DArray.FromArray(new double[] { 1, 2, 3, 4, 5 }, [5], [3]);

        var y = x + v;

        Assert.Equal([2, 1, 1, 1], y.Chunks[1]);
        Assert.Equal([3, 3, 1], y.Chunks[0]);
        Tolerance.Close([.. A.Select((a, i) => a + (i % 5) + 1)], y.ComputeSync().Data);
    }

    [Fact]
    public void Add_IncompatibleShapes_ThrowsNamingBothShapes()
    {
        var x = DArray.Ones([7, 5], [3, 2]);
        var y = DArray.Ones([4], [2]);

        var e = Assert.Throws<ArgumentException>(() => x + y);

        Assert.Contains("(7, 5)", e.Message);
        Assert.Contains("(4,)", e.Message);
        Assert.Contains("sizes 5 and 4", e.Message);
    }

    [Fact]
    public void Operators_OtherElementTypes_ComputeInThatType()
    {
        var ints = DArray.FromArray(new[] { 7, -7, 9, 10 }, [4], [3]);
        var longs = DArray.Full([2, 2], [1, 2], 5L);
        var floats = DArray.Ones<float>([3], [2]);

        Assert.Equal([3, -3, 4, 5], (ints / 2).ComputeSync().Data);
        Assert.Equal([-4L, -4, -4, -4], (1 - longs).ComputeSync().Data);
        Assert.Equal([0.5f, 0.5f, 0.5f], (floats / 2f).ComputeSync().Data);
    }
}
