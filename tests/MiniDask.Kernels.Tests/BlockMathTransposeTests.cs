namespace MiniDask.Kernels.Tests;

public class BlockMathTransposeTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 7)]
    [InlineData(67, 45)]
    [InlineData(64, 64)]
    public void Transpose_Matrix_MatchesNaiveTranspose(int rows, int cols)
    {
        var x = new NDArray<double>(Naive.Sequence(rows * cols), [rows, cols]);

        var t = BlockMath.Transpose(x);

        Assert.Equal([cols, rows], t.Shape.ToArray());
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                Assert.Equal(x[i, j], t[j, i]);
            }
        }
    }

    [Fact]
    public void Transpose_Permutation_MovesEachAxis()
    {
        int[] shape = [2, 3, 4];
        var x = new NDArray<int>([.. Enumerable.Range(0, 24)], shape);

        var t = BlockMath.Transpose(x, [1, -1, 0]);

        Assert.Equal([3, 4, 2], t.Shape.ToArray());
        for (var f = 0; f < 24; f++)
        {
            var i = ArrayIndex.Unravel(f, shape);
            Assert.Equal(x[i[0], i[1], i[2]], t[i[1], i[2], i[0]]);
        }
    }

    [Fact]
    public void Transpose_NotAPermutation_Throws()
    {
        var x = new NDArray<int>([2, 3]);

        Assert.Throws<ArgumentException>(() => BlockMath.Transpose(x, [0, 0]));
        Assert.Throws<ArgumentException>(() => BlockMath.Transpose(x, [0]));
    }
}
