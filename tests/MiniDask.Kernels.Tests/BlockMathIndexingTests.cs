namespace MiniDask.Kernels.Tests;

public class BlockMathIndexingTests
{
    [Fact]
    public void StridedSlice_NegativeStep_WalksBackwards()
    {
        var x = new NDArray<int>([.. Enumerable.Range(0, 20)], [4, 5]);

        var y = BlockMath.StridedSlice(x, [3, 0], [-2, 2], [2, 3]);

        Assert.Equal(new[] { 15, 17, 19, 5, 7, 9 }, y.Data);
        Assert.Throws<ArgumentException>(() => BlockMath.StridedSlice(x, [3, 0], [1, 1], [2, 1]));
    }

    [Fact]
    public void Take_RepeatsAndOrder_FollowTheIndices()
    {
        var x = new NDArray<int>([.. Enumerable.Range(0, 6)], [2, 3]);

        var y = BlockMath.Take(x, [2, 0, 2], axis: 1);

        Assert.Equal(new[] { 2, 0, 2, 5, 3, 5 }, y.Data);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => BlockMath.Take(x, [3], axis: 1));
        Assert.Contains("(2, 3)", e.Message);
    }

    [Fact]
    public void Concatenate_AlongLastAxis_InterleavesRows()
    {
        var a = new NDArray<int>([1, 2, 3, 4], [2, 2]);
        var b = new NDArray<int>([9, 8], [2, 1]);

        var c = BlockMath.Concatenate([a, b], axis: 1);

        Assert.Equal(new[] { 1, 2, 9, 3, 4, 8 }, c.Data);
        Assert.Throws<ArgumentException>(() => BlockMath.Concatenate([a, new NDArray<int>([3, 1])], axis: 1));
    }
}
