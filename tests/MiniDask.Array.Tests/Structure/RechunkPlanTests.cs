using MiniDask.Graph;

namespace MiniDask.Array.Tests;

public class RechunkPlanTests
{
    [Fact]
    public void Rechunk_ColumnsToRowsUnderALimit_MergesInAnIntermediateStageWithinTheLimit()
    {
        var data = TestData.Matrix(10, 10);
        var x = DArray.FromArray(data, [10, 10], [10, 1]);

        var y = x.Rechunk([1, 10], blockSizeLimit: 50 * sizeof(double));

        var merge = Assert.Single(y.Graph.Layers.Values, l => l.Name.StartsWith("rechunk-merge-", StringComparison.Ordinal));
        var shapes = merge.Tasks.Values.Select(t => t.Args.OfType<LiteralArg>().Select(a => a.Value).OfType<int[]>().Last()).ToList();
        Assert.All(shapes, s => Assert.True(s[0] * s[1] <= 50, $"intermediate block [{string.Join(", ", s)}] exceeds 50 elements"));
        Assert.Equal(Enumerable.Repeat(1, 10), y.Chunks[0]);
        Assert.Equal(data, y.ComputeSync().Data);
    }

    [Fact]
    public void Rechunk_SmallChange_IsOneDirectStepThatReadsOnlyOverlappingBlocks()
    {
        var x = DArray.Random([12, 6], [4, 3], seed: 3);

        var y = x.Rechunk([[6, 6], [3, 3]]);

        Assert.DoesNotContain(y.Graph.Layers.Keys, n => n.StartsWith("rechunk-merge-", StringComparison.Ordinal));
        var first = y.Graph[y.BlockKey(0, 0)];
        Assert.Equal([new Key(x.Name, 0, 0), new Key(x.Name, 1, 0)], first.Dependencies);
        Assert.Equal(x.ComputeSync().Data, y.ComputeSync().Data);
    }

    [Fact]
    public void Rechunk_SameChunks_ReturnsAnAliasFreeEqualArray()
    {
        var x = DArray.Ones([5, 4], [2, 3]);

        var y = x.Rechunk([2, 3]);

        Assert.Equal(x.Name, y.Name);
    }

    [Fact]
    public void Reshape_SplitAxisWhoseChunksDoNotFitRows_RechunksFirstToWholeRows()
    {
        var data = Enumerable.Range(0, 24).Select(i => (double)i).ToArray();
        var x = DArray.FromArray(data, [24], [5]);

        var y = x.Reshape(4, 6);

        Assert.Equal([6], y.Chunks[1]);
        Assert.All(y.Chunks[0], c => Assert.True(c >= 1));
        Assert.Equal(data, y.ComputeSync().Data);
        Assert.Equal([4, 6], y.Shape);
    }

    [Fact]
    public void Reshape_MergeOfWholeTrailingAxis_KeepsBlocksWithoutRechunking()
    {
        var x = DArray.Random([6, 5, 4], [2, 5, 4], seed: 9);

        var y = x.Reshape(30, 4);

        Assert.Equal([10, 10, 10], y.Chunks[0]);
        Assert.DoesNotContain(y.Graph.Layers.Keys, n => n.StartsWith("rechunk", StringComparison.Ordinal));
        Assert.Equal(x.ComputeSync().Data, y.ComputeSync().Data);
    }
}
