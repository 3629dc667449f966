namespace MiniDask.Kernels.Tests;

public class BlockMathCopyTests
{
    [Fact]
    public void SliceThenCopyInto_Blocks_ReassembleTheArray()
    {
        var x = new NDArray<double>(Naive.Sequence(35), [7, 5]);
        var target = new NDArray<double>([7, 5]);

        foreach (var (r, rows) in new[] { (0, 3), (3, 3), (6, 1) })
        {
            foreach (var (c, cols) in new[] { (0, 2), (2, 2), (4, 1) })
            {
                var block = BlockMath.Slice(x, [r, c], [rows, cols]);
                Assert.Equal(x[r + rows - 1, c + cols - 1], block[rows - 1, cols - 1]);
                BlockMath.CopyInto(block, target, [r, c]);
            }
        }

        Assert.Equal(x.Data, target.Data);
    }

    [Fact]
    public void Slice_RegionOutsideArray_ThrowsNamingShapes()
    {
        var x = new NDArray<double>([7, 5]);

        var e = Assert.Throws<ArgumentException>(() => BlockMath.Slice(x, [6, 0], [2, 5]));

        Assert.Contains("(2, 5)", e.Message);
        Assert.Contains("(7, 5)", e.Message);
    }
}
