namespace MiniDask.Array.Tests;

public class ValidationTests
{
    [Fact]
    public void Random_NegativeDimension_ThrowsNamingTheShape()
    {
        var e = Assert.Throws<ArgumentException>(() => DArray.Random([4, -2], [2, 2]));

        Assert.Contains("(4, -2)", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Ones_NonPositiveChunkSize_ThrowsNamingShapeAndChunks(int size)
    {
        var e = Assert.Throws<ArgumentException>(() => DArray.Ones([4, 6], [2, size]));

        Assert.Contains("(4, 6)", e.Message);
        Assert.Contains($"(2, {size})", e.Message);
        Assert.Contains("axis 1", e.Message);
    }

    [Fact]
    public void Zeros_ChunksForWrongRank_ThrowsNamingBoth()
    {
        var e = Assert.Throws<ArgumentException>(() => DArray.Zeros([4, 6], [2]));

        Assert.Contains("(4, 6)", e.Message);
        Assert.Contains("(2,)", e.Message);
    }

    [Fact]
    public void Random_ExplicitChunksNotAddingUp_ThrowsNamingShapeAndChunks()
    {
        var e = Assert.Throws<ArgumentException>(() => DArray.Random([7, 5], [[3, 3], [2, 2, 1]]));

        Assert.Contains("(7, 5)", e.Message);
        Assert.Contains("((3, 3), (2, 2, 1))", e.Message);
        Assert.Contains("add up to 6, not 7", e.Message);
    }

    [Fact]
    public void FromArray_DataNotFittingShape_ThrowsNamingShape()
    {
        var e = Assert.Throws<ArgumentException>(() => DArray.FromArray(new double[10], [3, 4], [2, 2]));

        Assert.Contains("(3, 4)", e.Message);
    }

    [Fact]
    public void BlockKey_OutsideTheGrid_Throws()
    {
        var x = DArray.Ones([7, 5], [3, 2]);

        Assert.Equal(x.OutputKeys[5], x.BlockKey(1, 2));
        Assert.Throws<ArgumentException>(() => x.BlockKey(3, 0));
        Assert.Throws<ArgumentException>(() => x.BlockKey(0));
    }

    [Fact]
    public void Finalize_ResultOfWrongShape_ThrowsNamingTheKey()
    {
        var x = DArray.Ones([2, 2], [2, 2]);

        var e = Assert.Throws<InvalidOperationException>(() => x.Finalize([new MiniDask.Kernels.NDArray<double>([2, 1])]));

        Assert.Contains(x.OutputKeys[0].ToString(), e.Message);
        Assert.Contains("(2, 2)", e.Message);
    }
}
