namespace MiniDask.Array.Tests;

public class IndexingValidationTests
{
    private readonly DArray<double> x = DArray.Ones([6, 4], [4, 3]);

    [Fact]
    public void Indexer_RangePastTheEnd_ThrowsWhenBuiltNamingAxisAndShape()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => x[2..9]);

        Assert.Contains("axis 0 of size 6", e.Message);
        Assert.Contains("(6, 4)", e.Message);
    }

    [Fact]
    public void Indexer_PositionOutOfRange_ThrowsNamingTheAxis()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => x[1, 4]);

        Assert.Contains("axis 1 of size 4", e.Message);
        Assert.Equal([4], x[^1].Shape);
        Assert.Equal(x[-1].ComputeSync().Data, x[5].ComputeSync().Data);
    }

    [Fact]
    public void Indexer_TooManyEntries_ThrowsNamingTheShape()
    {
        var e = Assert.Throws<ArgumentException>(() => x[0, 0, 0]);

        Assert.Contains("(6, 4)", e.Message);
        Assert.Throws<ArgumentException>(() => x[Slice.Ellipsis, 0, Slice.Ellipsis]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Slice.Of(0, 3, 0));
    }

    [Fact]
    public void Indexer_NewAxisAndEllipsis_PlaceAxesAsNumPy()
    {
        var data = TestData.Matrix(6, 4);
        var m = DArray.FromArray(data, [6, 4], [4, 3]);

        var y = m[Slice.NewAxis, Slice.Ellipsis, Slice.Of(null, null, -1), Slice.NewAxis];

        Assert.Equal([1, 6, 4, 1], y.Shape);
        Assert.Equal(data.Chunk(4).SelectMany(row => row.Reverse()), y.ComputeSync().Data);
    }

    [Fact]
    public void ReshapeSqueezeTake_BadArguments_ThrowNamingShapes()
    {
        var reshape = Assert.Throws<ArgumentException>(() => x.Reshape(5, 5));
        var squeeze = Assert.Throws<ArgumentException>(() => x.Squeeze(0));
        var take = Assert.Throws<ArgumentOutOfRangeException>(() => x.Take([0, 6], axis: 0));
        var rechunk = Assert.Throws<ArgumentException>(() => x.Rechunk([[3, 2], [4]]));

        Assert.Contains("(6, 4)", reshape.Message);
        Assert.Contains("(5, 5)", reshape.Message);
        Assert.Contains("size 6", squeeze.Message);
        Assert.Contains("(6, 4)", take.Message);
        Assert.Contains("add up to 5, not 6", rechunk.Message);
    }

    [Fact]
    public void ConcatenateStackBlocks_BadArguments_ThrowNamingShapes()
    {
        var y = DArray.Ones([6, 5], [3, 3]);

        var concat = Assert.Throws<ArgumentException>(() => DArray.Concatenate([x, y], axis: 0));
        var stack = Assert.Throws<ArgumentException>(() => DArray.Stack([x, y]));
        var blocks = Assert.Throws<ArgumentOutOfRangeException>(() => x.Blocks[2, 0]);

        Assert.Contains("(6, 4)", concat.Message);
        Assert.Contains("(6, 5)", concat.Message);
        Assert.Contains("(6, 5)", stack.Message);
        Assert.Contains("(2, 2)", blocks.Message);
        Assert.Equal([6, 9], DArray.Concatenate([x, y], axis: 1).Shape);
    }
}
