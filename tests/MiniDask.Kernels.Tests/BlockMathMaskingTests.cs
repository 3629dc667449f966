namespace MiniDask.Kernels.Tests;

public class BlockMathMaskingTests
{
    private static readonly NDArray<int> Matrix = new([1, 2, 3, 4, 5, 6], [2, 3]);

    [Fact]
    public void BooleanMask_TwoDimensional_KeepsTrueElementsRowMajor()
    {
        var mask = new NDArray<Bool>([true, false, true, false, true, true], [2, 3]);

        var result = BlockMath.BooleanMask(Matrix, mask);

        Assert.Equal([4], result.Shape.ToArray());
        Assert.Equal([1, 3, 5, 6], result.Data);
    }

    [Fact]
    public void BooleanMask_AllFalseAndZeroD_GiveEmptyAndOneElement()
    {
        var none = BlockMath.BooleanMask(Matrix, NDArray<Bool>.Full([2, 3], false));
        var scalar = BlockMath.BooleanMask(NDArray<double>.Scalar(2.5), NDArray<Bool>.Scalar(true));

        Assert.Equal([0], none.Shape.ToArray());
        Assert.Equal([2.5], scalar.Data);
    }

    [Fact]
    public void BooleanMask_OtherShape_ThrowsNamingBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => BlockMath.BooleanMask(Matrix, NDArray<Bool>.Full([3, 2], true)));

        Assert.Contains("(3, 2)", error.Message, StringComparison.Ordinal);
        Assert.Contains("(2, 3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_AlongEachAxis_KeepsTrueSlicesInOrder()
    {
        var columns = BlockMath.Compress(Matrix, new NDArray<Bool>([true, false, true], [3]), axis: -1);
        var rows = BlockMath.Compress(Matrix, new NDArray<Bool>([false, true], [2]), axis: 0);
        var none = BlockMath.Compress(Matrix, NDArray<Bool>.Full([2], false), axis: 0);

        Assert.Equal([2, 2], columns.Shape.ToArray());
        Assert.Equal([1, 3, 4, 6], columns.Data);
        Assert.Equal([4, 5, 6], rows.Data);
        Assert.Equal([0, 3], none.Shape.ToArray());
    }

    [Fact]
    public void Compress_ConditionOfAnotherLengthOrRank_ThrowsNamingShapes()
    {
        var length = Assert.Throws<ArgumentException>(() => BlockMath.Compress(Matrix, NDArray<Bool>.Full([2], true), axis: 1));
        var rank = Assert.Throws<ArgumentException>(() => BlockMath.Compress(Matrix, NDArray<Bool>.Full([1, 3], true), axis: 1));

        Assert.Contains("3 elements", length.Message, StringComparison.Ordinal);
        Assert.Contains("(1, 3)", rank.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockMath.Compress(Matrix, NDArray<Bool>.Full([3], true), axis: 2));
    }
}
