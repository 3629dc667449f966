using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

public class CreationTableTests
{
    [Theory]
    [InlineData(0, 10, 1, 3)]
    [InlineData(2, 11, 3, 2)]
    [InlineData(10, -5, -4, 1)]
    [InlineData(5, 5, 1, 4)]
    public void Arange_IntegerSteps_MatchNumPyLengthAndValues(long start, long stop, long step, int chunk)
    {
        var expected = new List<long>();
        for (var v = start; step > 0 ? v < stop : v > stop; v += step)
        {
            expected.Add(v);
        }

        var x = DArray.Arange(start, stop, step, chunk);

        Assert.Equal([expected.Count], x.Shape);
        Assert.Equal(expected, x.ComputeSync().Data);
    }

    [Fact]
    public void Arange_Doubles_CeilLengthAndStartPlusIStep()
    {
        var x = DArray.Arange(0.0, 1.0, 0.1, 4);

        Assert.Equal([10], x.Shape);
        Tolerance.Close([.. Enumerable.Range(0, 10).Select(i => i * 0.1)], x.ComputeSync().Data, 1e-15);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), DArray.Arange(7).ComputeSync().Data);
    }

    [Theory]
    [InlineData(0.0, 1.0, 5, true)]
    [InlineData(-2.0, 3.0, 7, false)]
    [InlineData(1.0, 1.0, 1, true)]
    [InlineData(0.0, 1.0, 0, true)]
    public void Linspace_EndpointOrNot_MatchesNumPyFormula(double start, double stop, int num, bool endpoint)
    {
        var div = endpoint ? num - 1 : num;
        var step = div > 0 ? (stop - start) / div : 0;
        var expected = Enumerable.Range(0, num).Select(i => endpoint && num > 1 && i == num - 1 ? stop : start + (i * step)).ToArray();

        var x = DArray.Linspace(start, stop, num, endpoint, chunks: 3);

        Assert.Equal(expected, x.ComputeSync().Data);
    }

    [Theory]
    [InlineData(4, null, 0)]
    [InlineData(3, 5, 1)]
    [InlineData(5, 3, -2)]
    public void Eye_DiagonalOffsets_OnesExactlyWhereColumnMinusRowIsK(int n, int? m, int k)
    {
        var x = DArray.Eye<int>(n, m, k, chunks: 2).ComputeSync();
        var cols = m ?? n;

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                Assert.Equal(j - i == k ? 1 : 0, x[i, j]);
            }
        }
    }

    [Fact]
    public void RandomNormal_Seeded_ReproducibleAndStandardMoments()
    {
        var x = DArray.RandomNormal([400, 250], [128, 100], seed: 7, loc: 2, scale: 3);
        var again = DArray.RandomNormal([400, 250], [128, 100], seed: 7, loc: 2, scale: 3);
        var other = DArray.RandomNormal([400, 250], [128, 100], seed: 8, loc: 2, scale: 3);

        var values = x.ComputeSync().Data;

        Assert.Equal(values, again.Compute(new MiniDask.Scheduler.LocalScheduler(2)).Data);
        Assert.NotEqual(values, other.ComputeSync().Data);
        Assert.Equal(2, values.Average(), 1);
        Assert.Equal(3, Math.Sqrt(values.Select(v => (v - values.Average()) * (v - values.Average())).Average()), 1);
        Assert.InRange(values.Count(v => Math.Abs(v - 2) < 3) / (double)values.Length, 0.67, 0.70);
    }

    [Fact]
    public void FromFunction_StaticIndexFunction_FillsEveryBlockWithGlobalIndices()
    {
        var x = DArray.FromFunction([5, 4], [2, 3], IndexValue);

        Assert.Equal([.. Enumerable.Range(0, 20).Select(i => (long)((10 * (i / 4)) + (i % 4)))], x.ComputeSync().Data);
        Assert.Empty(MiniDask.Array.UserFunctions.FindCapturing(x.Graph));
    }

    [Fact]
    public void FromArray_MultidimensionalArrays_RowMajorRoundTrip()
    {
        var matrix = new double[,] { { 1, 2, 3 }, { 4, 5, 6 } };
        var cube = new int[2, 2, 2] { { { 1, 2 }, { 3, 4 } }, { { 5, 6 }, { 7, 8 } } };

        Assert.Equal([1.0, 2, 3, 4, 5, 6], DArray.FromArray(matrix, [1, 2]).ComputeSync().Data);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], DArray.FromArray(cube, Chunks.Of(1)).ComputeSync().Data);
    }

    [Fact]
    public void ChunksAuto_LargeArray_BlocksNearTargetBytesAndSmallAxesWhole()
    {
        var big = DArray.Zeros<double>([100_000, 1_000], Chunks.Auto);
        var small = DArray.Ones<float>([30, 40], Chunks.Auto);
        var thin = DArray.Zeros<double>([50_000_000, 3], Chunks.Auto);

        var bytes = big.Chunks[0][0] * (long)big.Chunks[1][0] * sizeof(double);
        Assert.InRange(bytes, Chunks.AutoBlockBytes / 2, Chunks.AutoBlockBytes);
        Assert.Equal([30], small.Chunks[0]);
        Assert.Equal([3], thin.Chunks[1]);
        Assert.InRange(thin.Chunks[0][0] * 3L * sizeof(double), Chunks.AutoBlockBytes / 2, Chunks.AutoBlockBytes);
    }

    [Fact]
    public void ChunksOf_MinusOneAndSingleValue_WholeAxisAndEveryAxis()
    {
        Assert.Equal([7], DArray.Ones<int>([7, 5], Chunks.Of(-1, 2)).Chunks[0]);
        Assert.Equal([2, 2, 1], DArray.Ones<int>([7, 5], 2).Chunks[1]);
        Assert.Equal([1, 4], DArray.Ones<int>([5], new int[][] { [1, 4] }).Chunks[0]);
    }

    private static long IndexValue(ReadOnlySpan<int> index) => (10L * index[0]) + index[1];
}
