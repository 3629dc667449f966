using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

public class MapBlocksTests
{
    [Fact]
    public void Map_StaticLambda_RegisteredByNameAndNotFlagged()
    {
        var x = DArray.FromArray(new[] { 1.0, 2, 3, 4, 5 }, [5], [2]);

        var y = x.Map(static v => (int)(v * 10));

        Assert.Equal([10, 20, 30, 40, 50], y.ComputeSync().Data);
        Assert.Empty(UserFunctions.FindCapturing(y.Graph));
        var op = y.Graph.Values.Select(t => t.Op).Distinct().Single(o => o.StartsWith("array.user.map", StringComparison.Ordinal));
        Assert.Contains(":user:MiniDask.Array.Tests:", op);
        Assert.Contains("[float64,int32]", op);
    }

    [Fact]
    public void Map_CapturingLambda_RunsLocallyAndListsCapturedNames()
    {
        var offset = 2.5;
        var x = DArray.FromArray(new[] { 1.0, 2 }, [2], [1]);

        var y = x.Map(v => v + offset);

        Assert.Equal([3.5, 4.5], y.ComputeSync().Data);
        var flagged = Assert.Single(UserFunctions.FindCapturing(y.Graph));
        Assert.Equal(["offset"], flagged.Value);
    }

    [Fact]
    public void MapBlocks_DropAxis_JoinsBlocksAndRemovesTheAxis()
    {
        var data = DenseReference.Values(35, 2);
        var x = DArray.FromArray(data, [7, 5], [3, 2]);

        var rowMax = x.MapBlocks(RowMax, dropAxes: [1]);

        Assert.Equal([7], rowMax.Shape);
        Assert.Equal([3, 3, 1], rowMax.Chunks[0]);
        Assert.Equal([.. Enumerable.Range(0, 7).Select(i => data.Skip(5 * i).Take(5).Max())], rowMax.ComputeSync().Data);
    }

    [Fact]
    public void MapBlocks_NewAxisAndExplicitChunks_ShapesFollowTheChunks()
    {
        var x = DArray.FromArray(new[] { 1.0, 2, 3, 4 }, [4], [3]);

        var pairs = x.MapBlocks(Pair, newAxes: [1], chunks: [[3, 1], [2]]);

        Assert.Equal([4, 2], pairs.Shape);
        Assert.Equal([1.0, -1, 2, -2, 3, -3, 4, -4], pairs.ComputeSync().Data);
    }

    [Fact]
    public void MapBlocks_FunctionReturningWrongShape_FailsNamingBothShapes()
    {
        var x = DArray.Ones<double>([4], [3]);

        var e = Assert.Throws<TaskFailedException>(() => x.MapBlocks(static b => new NDArray<double>([2])).ComputeSync());

        Assert.Contains("(2,)", e.Message);
        Assert.Contains("(3,)", e.Message);
    }

    [Fact]
    public void Blockwise_MatrixVectorProduct_ContractsTheSharedIndex()
    {
        var m = DenseReference.Values(35, 4);
        var v = DenseReference.Values(5, 5);
        var x = DArray.FromArray(m, [7, 5], [3, 2]);
        var y = DArray.FromArray(v, [5], [3]);

        var product = DArray.Blockwise(MatVec, "i", [(x, "ij"), (y, "j")]);

        Assert.Equal([3, 3, 1], product.Chunks[0]);
        Tolerance.Close([.. Enumerable.Range(0, 7).Select(i => Enumerable.Range(0, 5).Sum(j => m[(5 * i) + j] * v[j]))], product.ComputeSync().Data);
    }

    [Fact]
    public void MapBlocks_TwoArraysOfDifferentTypes_BroadcastAndUnify()
    {
        var x = DArray.FromArray(new[] { 1.0, 2, 3, 4, 5, 6 }, [2, 3], [1, 2]);
        var y = DArray.FromArray(new[] { 10, 20, 30 }, [3], [1]);

        var z = x.MapBlocks(y, static (a, b) => a + BlockMath.Cast<int, double>(b));

        Assert.Equal([11.0, 22, 33, 14, 25, 36], z.Compute(new MiniDask.Scheduler.LocalScheduler(2)).Data);
    }

    [Fact]
    public void MapBlocks_WithBlockId_GetsEachBlocksIndex()
    {
        var x = DArray.Zeros<double>([5, 4], [2, 3]);

        var ids = x.MapBlocks(static (NDArray<double> block, int[] id) => block + ((10.0 * id[0]) + id[1]));

        Assert.Equal(
            [0.0, 0, 0, 1, 0, 0, 0, 1, 10, 10, 10, 11, 10, 10, 10, 11, 20, 20, 20, 21],
            ids.Compute(new MiniDask.Scheduler.LocalScheduler(2)).Data);
    }

    [Fact]
    public void MapBlocks_WithBlockInfo_GetsLocationShapeAndGrid()
    {
        var x = DArray.Zeros<long>([5, 4], [2, 3]);

        var starts = x.MapBlocks(static (NDArray<long> block, BlockInfo info) => Fill(block.Shape, (info.ArrayLocation[0].Start * 100) + info.ArrayLocation[1].Start));

        Assert.Equal(
            [0L, 0, 0, 3, 0, 0, 0, 3, 200, 200, 200, 203, 200, 200, 200, 203, 400, 400, 400, 403],
            starts.ComputeSync().Data);
    }

    [Fact]
    public void MapBlocks_WithBlockInfo_DescribesTheOutputAndTheInputBlock()
    {
        var x = DArray.Ones<double>([27, 5], [9, 2]);

        var described = x.MapBlocks(static (NDArray<double> block, BlockInfo info) => Describe(info), dropAxes: [1]);

        Assert.Equal([9, 9, 9], described.Chunks[0]);
        Assert.Equal([
            0, 3, 27, 9, 1, 0, 0, 5, 9,
            1, 3, 27, 9, 1, 1, 0, 5, 9,
            2, 3, 27, 9, 1, 2, 0, 5, 9], described.ComputeSync().Data.Select(v => (int)v));
    }

    [Fact]
    public void MapBlocks_ManyArrays_BroadcastAndEachBlockArrives()
    {
        var x = DArray.FromArray(new[] { 1.0, 2, 3, 4, 5, 6 }, [2, 3], [1, 2]);
        var y = DArray.FromArray(new[] { 10, 20, 30 }, [3], [3]);
        var z = DArray.FromArray(new[] { 100L, 200 }, [2, 1], [2, 1]);

        var sum = DArray.MapBlocks(static blocks => SumOf(blocks), [x, y, z]);

        Assert.Equal([2, 3], sum.Shape);
        Assert.Equal([111.0, 122, 133, 214, 225, 236], sum.Compute(new MiniDask.Scheduler.LocalScheduler(2)).Data);
    }

    [Fact]
    public void MapBlocks_ManyArraysWithBlockInfo_InputsDescribeTheirOwnBlocks()
    {
        var x = DArray.Zeros<double>([4, 6], [2, 3]);
        var row = DArray.Zeros<double>([1, 6], [1, 6]);

        var ids = DArray.MapBlocks(static (INDArray[] blocks, BlockInfo info) => Fill<double>([.. blocks[0].Shape], Code(info)), [x, row]);

        var expected = Enumerable.Range(0, 24).Select(e => (1000 * (e / 6 / 2)) + (101 * (e % 6 / 3)) + (10 * 2));
        Assert.Equal(expected, ids.ComputeSync().Data.Select(v => (int)v));
    }

    [Fact]
    public void MapBlocks_NoArrays_ThrowsSayingSo()
    {
        var error = Assert.Throws<ArgumentException>(() => DArray.MapBlocks<double>(static blocks => (NDArray<double>)blocks[0], []));

        Assert.Contains("at least one array", error.Message);
    }

    private static NDArray<T> Fill<T>(int[] shape, T value)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        var result = new NDArray<T>(shape);
        result.Span.Fill(value);
        return result;
    }

    private static NDArray<long> Fill(ReadOnlySpan<int> shape, long value) => Fill(shape.ToArray(), value);

    /// <summary>The output block's id, the row input's block id and its number of blocks along the rows, as one number.</summary>
    private static double Code(BlockInfo info) =>
        (info.BlockId[0] * 1000) + (info.BlockId[1] * 100) + (info.Inputs[1].BlockId[0] * 10) + info.Inputs[1].BlockId[1] + (10 * info.Inputs[1].NumChunks[1]);

    /// <summary>Per row of the block: block id, num chunks, shape, chunk shape, input's num chunks along both axes, input id, input shape[1], input chunk shape[0].</summary>
    private static NDArray<double> Describe(BlockInfo info)
    {
        var input = info.Inputs[0];
        double[] row = [info.BlockId[0], info.NumChunks[0], info.Shape[0], info.ChunkShape[0], input.NumChunks[1], input.BlockId[0], input.BlockId[1], input.Shape[1], input.ChunkShape[0]];
        var result = new NDArray<double>([info.ChunkShape[0]]);
        for (var i = 0; i < result.Length; i++)
        {
            result.Data[i] = i < row.Length ? row[i] : -1;
        }

        return result;
    }

    private static NDArray<double> SumOf(INDArray[] blocks)
    {
        var x = (NDArray<double>)blocks[0];
        var y = BlockMath.Cast<int, double>((NDArray<int>)blocks[1]);
        var z = BlockMath.Cast<long, double>((NDArray<long>)blocks[2]);
        return (x + y) + z;
    }

    private static NDArray<double> RowMax(NDArray<double> block) => BlockMath.Reduce<MaxOperator<double>, double>(block, [1]);

    private static NDArray<double> Pair(NDArray<double> block)
    {
        var result = new NDArray<double>([block.Length, 2]);
        for (var i = 0; i < block.Length; i++)
        {
            result[i, 0] = block.Data[i];
            result[i, 1] = -block.Data[i];
        }

        return result;
    }

    private static NDArray<double> MatVec(INDArray[] blocks)
    {
        var m = (NDArray<double>)blocks[0];
        var v = (NDArray<double>)blocks[1];
        return BlockMath.Sum(m * v, axis: 1);
    }
}
