using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

public class CreationTests
{
    [Fact]
    public void FromArray_UnevenChunks_HasDaskChunksKeysAndRoundTrips()
    {
        var data = TestData.Matrix(7, 5);

        var x = DArray.FromArray(data, [7, 5], [3, 2]);

        Assert.Equal([7, 5], x.Shape);
        Assert.Equal([3, 3, 1], x.Chunks[0]);
        Assert.Equal([2, 2, 1], x.Chunks[1]);
        Assert.Equal([3, 3], x.NumBlocks);
        Assert.Equal(9, x.BlockCount);
        Assert.Equal(35, x.Size);
        Assert.Equal("float64", x.DType);
        Assert.Equal(new[] { (0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (2, 0), (2, 1), (2, 2) }, x.OutputKeys.Select(k => (k[0], k[1])));
        Assert.All(x.OutputKeys, k => Assert.Equal(x.Name, k.Name));
        Assert.Equal(data, x.ComputeSync().Data);
    }

    [Fact]
    public void FromArray_ExplicitChunks_CopiesTheDataAtBuildTime()
    {
        var source = new NDArray<int>([.. Enumerable.Range(0, 12)], [3, 4]);

        var x = DArray.FromArray(source, [[1, 2], [4]]);
        source[0, 0] = 99;

        Assert.Equal([1, 2], x.Chunks[0]);
        Assert.Equal(Enumerable.Range(0, 12), x.ComputeSync().Data);
    }

    [Fact]
    public void OnesZerosFull_EachDType_FillEveryElement()
    {
        Assert.All(DArray.Ones(shape: [5, 3], chunks: [2, 2]).ComputeSync().Data, v => Assert.Equal(1.0, v));
        Assert.All(DArray.Zeros<float>([4], [3]).ComputeSync().Data, v => Assert.Equal(0f, v));
        Assert.All(DArray.Full([3, 3], [2, 2], 7L).ComputeSync().Data, v => Assert.Equal(7L, v));
        var ints = DArray.Ones<int>([6, 2], [[1, 5], [2]]);
        Assert.Equal("int32", ints.DType);
        Assert.Equal(12, ints.Sum().ComputeSync());
    }

    [Fact]
    public void Random_SeedExampleAtSmallSize_BlocksArePureFunctionsOfSeedAndIndex()
    {
        var x = DArray.Random(shape: [100, 100], chunks: [30, 30], seed: 42);
        var full = x.ComputeSync();

        Assert.Equal([30, 30, 30, 10], x.Chunks[0]);
        foreach (var key in x.OutputKeys)
        {
            var (i, j) = (key[0], key[1]);
            var expected = BlockRandom.Uniform(42, [i, j], [x.Chunks[0][i], x.Chunks[1][j]]);
            var block = BlockMath.Slice(full, [i * 30, j * 30], expected.Shape);
            Assert.Equal(expected.Data, block.Data);
        }

        Assert.All(full.Data, v => Assert.InRange(v, 0.0, Math.BitDecrement(1.0)));
        Assert.InRange(full.Data.Average(), 0.48, 0.52);
    }

    [Fact]
    public void Random_BlocksComputedOneByOneInReverseOrder_EqualTheFullCompute()
    {
        var x = DArray.Random(shape: [50, 40], chunks: [20, 15], seed: 7);
        var full = x.ComputeSync();
        var offsets = new[] { 0, 20, 40 };
        var colOffsets = new[] { 0, 15, 30 };

        foreach (var key in x.OutputKeys.Reverse())
        {
            var block = (NDArray<double>)TestData.Sync.Get(x.Graph, [key])[0]!;
            var expected = BlockMath.Slice(full, [offsets[key[0]], colOffsets[key[1]]], block.Shape);
            Assert.Equal(expected.Data, block.Data);
        }
    }

    [Fact]
    public void Random_SameArgumentsTwice_HaveTheSameKeysAndOtherSeedsDoNot()
    {
        var a = DArray.Random([10, 10], [5, 5], seed: 1);
        var b = DArray.Random([10, 10], [5, 5], seed: 1);
        var c = DArray.Random([10, 10], [5, 5], seed: 2);
        var d = DArray.Random([10, 10], [5, 10], seed: 1);

        Assert.Equal(a.OutputKeys, b.OutputKeys);
        Assert.Equal(((a + a.T) - a.Mean(axis: 0)).Sum().Name, ((b + b.T) - b.Mean(axis: 0)).Sum().Name);
        Assert.NotEqual(a.Name, c.Name);
        Assert.NotEqual(a.Name, d.Name);
        Assert.NotEqual(a.ComputeSync().Data, c.ComputeSync().Data);
    }

    [Fact]
    public void FromArray_EqualContents_HaveEqualNames()
    {
        var a = DArray.FromArray(TestData.Matrix(4, 4), [4, 4], [2, 2]);
        var b = DArray.FromArray(TestData.Matrix(4, 4), [4, 4], [2, 2]);
        var c = DArray.FromArray(TestData.Matrix(4, 4, offset: 1), [4, 4], [2, 2]);

        Assert.Equal(a.Name, b.Name);
        Assert.NotEqual(a.Name, c.Name);
    }

    [Fact]
    public void Random_ZeroLengthAxis_HasOneEmptyBlockAndSumsToZero()
    {
        var x = DArray.Random([0, 4], [3, 2], seed: 3);

        Assert.Equal([0], x.Chunks[0]);
        Assert.Equal([0, 4], x.ComputeSync().Shape.ToArray());
        Assert.Equal(0.0, x.Sum().ComputeSync());
    }
}
