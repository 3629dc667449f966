namespace MiniDask.Kernels.Tests;

public class NDArrayTests
{
    [Fact]
    public void Constructor_Shape_CreatesZerosOfThatShape()
    {
        var a = new NDArray<double>([2, 3]);

        Assert.Equal([2, 3], a.Shape.ToArray());
        Assert.Equal(2, a.Rank);
        Assert.Equal(6, a.Length);
        Assert.All(a.Data, v => Assert.Equal(0.0, v));
        Assert.Equal("float64", a.DType);
    }

    [Fact]
    public void Constructor_DataOfWrongLength_ThrowsNamingShapeAndLength()
    {
        var e = Assert.Throws<ArgumentException>(() => new NDArray<double>(new double[5], [2, 3]));

        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("5", e.Message);
        Assert.Contains("6 elements", e.Message);
    }

    [Fact]
    public void Constructor_NegativeDimension_ThrowsNamingShape()
    {
        var e = Assert.Throws<ArgumentException>(() => new NDArray<int>([3, -1]));

        Assert.Contains("(3, -1)", e.Message);
    }

    [Fact]
    public void Indexer_RowMajor_ReadsAndWritesTheRightElement()
    {
        var a = new NDArray<int>([1, 2, 3, 4, 5, 6], [2, 3]);

        a[1, 0] = 40;

        Assert.Equal(6, a[1, 2]);
        Assert.Equal(2, a[0, 1]);
        Assert.Equal(40, a.Data[3]);
    }

    [Fact]
    public void Indexer_OutOfRange_ThrowsNamingAxis()
    {
        var a = new NDArray<long>([2, 3]);

        var e = Assert.Throws<IndexOutOfRangeException>(() => a[0, 3]);
        Assert.Contains("axis 1", e.Message);
        Assert.Throws<ArgumentException>(() => a[1]);
    }

    [Fact]
    public void ToScalar_ZeroDimensional_ReturnsTheElement()
    {
        var a = NDArray<float>.Scalar(2.5f);

        Assert.Equal(0, a.Rank);
        Assert.Equal(1, a.Length);
        Assert.Equal(2.5f, a.ToScalar());
        Assert.Equal(2.5f, a[Array.Empty<int>()]);
    }

    [Fact]
    public void ToScalar_SeveralElements_ThrowsNamingShape()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new NDArray<double>([2, 2]).ToScalar());

        Assert.Contains("(2, 2)", e.Message);
    }

    [Fact]
    public void Reshape_SameCount_SharesTheBuffer()
    {
        var a = new NDArray<double>(Naive.Sequence(6), [2, 3]);

        var b = a.Reshape(3, 2);
        b[2, 1] = 60;

        Assert.Equal([3, 2], b.Shape.ToArray());
        Assert.Equal(60, a[1, 2]);
        Assert.Throws<ArgumentException>(() => a.Reshape(4, 2));
    }

    [Fact]
    public void Constructor_UnsupportedElementType_Throws()
    {
        var e = Assert.Throws<NotSupportedException>(() => new NDArray<decimal>([2]));

        Assert.Contains("System.Decimal", e.Message);
        Assert.Contains("uint8", e.Message);
    }
}
