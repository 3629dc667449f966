namespace MiniDask.Array.Tests;

public class TransposeTests
{
    [Fact]
    public void T_UnevenChunks_SwapsShapeChunksAndValues()
    {
        var data = TestData.Matrix(7, 5);
        var x = DArray.FromArray(data, [7, 5], [3, 2]);

        var t = x.T;

        Assert.Equal([5, 7], t.Shape);
        Assert.Equal([2, 2, 1], t.Chunks[0]);
        Assert.Equal([3, 3, 1], t.Chunks[1]);
        Assert.Equal(TestData.Transpose(data, 7, 5), t.ComputeSync().Data);
    }

    [Fact]
    public void Transpose_ThreeAxes_PermutesBlocksAndElements()
    {
        var data = Enumerable.Range(0, 2 * 3 * 4).Select(i => (double)i).ToArray();
        var x = DArray.FromArray(data, [2, 3, 4], [1, 2, 3]);

        var t = x.Transpose(2, 0, 1).ComputeSync();

        Assert.Equal([4, 2, 3], t.Shape.ToArray());
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                for (var k = 0; k < 4; k++)
                {
                    Assert.Equal(data[(i * 12) + (j * 4) + k], t[k, i, j]);
                }
            }
        }
    }

    [Fact]
    public void T_AddedToItself_IsSymmetric()
    {
        var x = DArray.Random([9, 9], [4, 4], seed: 11);

        var s = (x + x.T).ComputeSync();

        for (var i = 0; i < 9; i++)
        {
            for (var j = 0; j < 9; j++)
            {
                Assert.Equal(s[i, j], s[j, i]);
            }
        }
    }

    [Fact]
    public void Transpose_IdentityPermutation_ReturnsTheSameArray()
    {
        var x = DArray.Ones([3, 4], [2, 2]);

        Assert.Same(x, x.Transpose(0, 1));
        Assert.Throws<ArgumentException>(() => x.Transpose(1, 1));
    }
}
