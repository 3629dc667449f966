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
        DenseReference.Close([.. Enumerable.Range(0, 7).Select(i => Enumerable.Range(0, 5).Sum(j => m[(5 * i) + j] * v[j]))], product.ComputeSync().Data);
    }

    [Fact]
    public void MapBlocks_TwoArraysOfDifferentTypes_BroadcastAndUnify()
    {
        var x = DArray.FromArray(new[] { 1.0, 2, 3, 4, 5, 6 }, [2, 3], [1, 2]);
        var y = DArray.FromArray(new[] { 10, 20, 30 }, [3], [1]);

        var z = x.MapBlocks(y, static (a, b) => a + BlockMath.Cast<int, double>(b));

        Assert.Equal([11.0, 22, 33, 14, 25, 36], z.Compute(new MiniDask.Scheduler.LocalScheduler(2)).Data);
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
