using MiniDask.Graph;

namespace MiniDask.Array.Tests;

public class ReductionTests
{
    private static readonly double[] A = TestData.Matrix(7, 5);

    private static DArray<double> X => DArray.FromArray(A, [7, 5], [3, 2]);

    [Fact]
    public void SumAndMean_AllElements_MatchNaive()
    {
        Assert.Equal(A.Sum(), X.Sum().ComputeSync(), 9);
        Assert.Equal(A.Average(), X.Mean().ComputeSync(), 9);
        Assert.Equal(A.Max(), X.Max().ComputeSync());
        Assert.Equal(A.Min(), X.Min().ComputeSync());
    }

    [Fact]
    public void Sum_AlongEachAxis_MatchesNaiveAndDropsTheAxis()
    {
        var columns = X.Sum(axis: 0);
        var rows = X.Sum(axis: -1);

        Assert.Equal([5], columns.Shape);
        Assert.Equal([2, 2, 1], columns.Chunks[0]);
        Assert.Equal([7], rows.Shape);
        Tolerance.Close(TestData.ColumnSums(A, 7, 5), columns.ComputeSync().Data);
        Tolerance.Close(TestData.RowSums(A, 7, 5), rows.ComputeSync().Data);
    }

    [Fact]
    public void Mean_AlongAxisWithKeepDims_KeepsASizeOneAxis()
    {
        var m = X.Mean(axis: 1, keepDims: true);

        Assert.Equal([7, 1], m.Shape);
        Assert.Equal([1], m.Chunks[1]);
        Tolerance.Close([.. TestData.RowSums(A, 7, 5).Select(s => s / 5)], m.ComputeSync().Data);
        Tolerance.Close([.. A.Select((a, i) => a - (TestData.RowSums(A, 7, 5)[i / 5] / 5))], (X - m).ComputeSync().Data);
    }

    [Fact]
    public void MaxAndMin_AlongAxis_MatchNaive()
    {
        var max = X.Max(axis: 0).ComputeSync().Data;
        var min = X.Min(axis: 1).ComputeSync().Data;

        for (var j = 0; j < 5; j++)
        {
            Assert.Equal(Enumerable.Range(0, 7).Max(i => A[(i * 5) + j]), max[j]);
        }

        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(A.Skip(i * 5).Take(5).Min(), min[i]);
        }
    }

    [Fact]
    public void Sum_ThreeAxesMiddleAxis_MatchesNaive()
    {
        var data = Enumerable.Range(0, 4 * 6 * 3).Select(i => Math.Cos(i)).ToArray();
        var x = DArray.FromArray(data, [4, 6, 3], [3, 2, 2]);

        var s = x.Sum(axis: 1).ComputeSync();

        Assert.Equal([4, 3], s.Shape.ToArray());
        for (var i = 0; i < 4; i++)
        {
            for (var k = 0; k < 3; k++)
            {
                var expected = Enumerable.Range(0, 6).Sum(j => data[(i * 18) + (j * 3) + k]);
                Assert.Equal(expected, s[i, k], 12);
            }
        }
    }

    [Fact]
    public void Sum_SplitEveryTwo_BuildsADeeperTreeWithTheSameResult()
    {
        var x = DArray.Random([40, 40], [5, 5], seed: 5);
        var dense = x.ComputeSync().Data;

        var deep = x.Sum(splitEvery: 2);
        var shallow = x.Sum(splitEvery: 16);

        var deepLevels = deep.Graph.Layers.Keys.Count(n => n.StartsWith("sum-combine", StringComparison.Ordinal));
        var shallowLevels = shallow.Graph.Layers.Keys.Count(n => n.StartsWith("sum-combine", StringComparison.Ordinal));
        Assert.Equal(5, deepLevels);
        Assert.Equal(1, shallowLevels);
        Assert.Equal(dense.Sum(), deep.ComputeSync(), 9);
        Assert.Equal(dense.Sum(), shallow.ComputeSync(), 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Sum(splitEvery: 1));
    }

    [Fact]
    public void Sum_ManyBlocksInGraphOrder_HoldsOnlyAFewResultsAtOnce()
    {
        var x = DArray.Random([100, 100], [10, 10], seed: 9);
        var peak = 0;
        var options = new ComputeOptions { Progress = new Recorder(p => peak = Math.Max(peak, p.InMemory)) };

        var total = x.Sum().Compute(scheduler: TestData.Sync, options: options);

        Assert.InRange(total, 4_800, 5_200);
        Assert.InRange(peak, 1, 12);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-3)]
    public void Sum_AxisOutOfRange_ThrowsNamingAxisAndRank(int axis)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => X.Sum(axis: axis));

        Assert.Contains($"Axis {axis}", e.Message);
        Assert.Contains("rank 2", e.Message);
    }

    [Fact]
    public void Mean_IntegerArray_TruncatesLikeIntegerDivision()
    {
        var x = DArray.FromArray(new[] { 1, 2, 3, 5 }, [2, 2], [1, 1]);

        Assert.Equal(2, x.Mean().ComputeSync());
        Assert.Equal([2, 3], x.Mean(axis: 0).ComputeSync().Data);
        Assert.Equal(11L, DArray.Full([11], [4], 1L).Sum().ComputeSync());
    }

    [Fact]
    public void LazyScalars_Arithmetic_ComputesTheCombinedValue()
    {
        var mean = X.Sum() / (double)X.Size;
        var spread = X.Max() - X.Min();

        Assert.Equal(A.Average(), mean.ComputeSync(), 9);
        Assert.Equal(A.Max() - A.Min(), spread.ComputeSync(), 12);
        Assert.Equal(0, mean.AsArray().Rank);
    }

    private sealed class Recorder(Action<ComputeProgress> report) : IProgress<ComputeProgress>
    {
        public void Report(ComputeProgress value) => report(value);
    }
}
