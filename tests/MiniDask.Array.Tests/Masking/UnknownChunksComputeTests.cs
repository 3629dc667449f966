using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

/// <summary>
/// What works on arrays whose chunk sizes are unknown, without computing them first:
/// elementwise ops and broadcasting, reductions along any axes, cumulative sums across empty
/// blocks, each against the plain reference of the masked rows.
/// </summary>
public class UnknownChunksComputeTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Elementwise_OnMaskedArray_MatchesDenseAndKeepsUnknownChunks()
    {
        var z = MaskedRows.Z;
        var dense = MaskedRows.Dense;

        var scaled = (z * 2.0) + 1.0;
        var difference = z - z;
        var positive = (z > 0.0).AsType<int>();
        var magnitude = DArray.Where(z > 0.0, z, -z);
        var mapped = z.Map(static v => v * 3);

        Assert.True(scaled.HasUnknownChunks);
        Assert.Equal([null, MaskedRows.Columns], scaled.PartialShape);
        Assert.Equal(dense.Select(v => (v * 2) + 1), scaled.ComputeSync().Data);
        Assert.All(difference.ComputeSync().Data, v => Assert.Equal(0.0, v));
        Assert.Equal(dense.Select(v => v > 0 ? 1 : 0), positive.ComputeSync().Data);
        Assert.Equal(dense.Select(Math.Abs), magnitude.ComputeSync().Data);
        Assert.Equal(dense.Select(v => v * 3), mapped.ComputeSync().Data);
    }

    [Fact]
    public void Broadcasting_AgainstRowVectorOfOtherColumnChunks_RecutsOnlyTheKnownAxis()
    {
        var z = MaskedRows.Z;
        double[] row = [10, 20, 30, 40, 50];
        var vector = DArray.FromArray(row, [5], [1]).Rechunk([[1, 4]]);

        var sum = z + vector;

        Assert.Equal([null, 5], sum.PartialShape);
        Assert.Equal([[1, 1, 3]], sum.PartialChunks.Skip(1).Select(c => c.Select(s => s!.Value).ToArray()));
        Assert.Equal(MaskedRows.Dense.Select((v, i) => v + row[i % 5]), sum.ComputeSync().Data);
    }

    [Fact]
    public void Sum_AllAxesAndEachAxis_MatchesDense()
    {
        var z = MaskedRows.Z;

        var total = z.Sum().ComputeSync();
        var columns = z.Sum(axis: 0);
        var rows = z.Sum(axis: 1);
        var rowsKept = z.Sum(axis: 1, keepDims: true);

        Assert.Equal(MaskedRows.Dense.Sum(), total, Tolerance);
        Assert.False(columns.HasUnknownChunks);
        Assert.Equal([5], columns.Shape);
        AssertClose(Enumerable.Range(0, 5).Select(c => MaskedRows.Column(c).Sum()), columns.ComputeSync().Data);
        Assert.Equal([null], rows.PartialShape);
        AssertClose(Enumerable.Range(0, 3).Select(r => MaskedRows.Row(r).Sum()), rows.ComputeSync().Data);
        Assert.Equal([null, 1], rowsKept.PartialShape);
        var kept = rowsKept.ComputeSync();
        Assert.Equal([3, 1], kept.Shape.ToArray());
        AssertClose(Enumerable.Range(0, 3).Select(r => MaskedRows.Row(r).Sum()), kept.Data);
    }

    [Fact]
    public void MinMaxProdAnyAll_AcrossAnEmptyBlock_MatchDense()
    {
        var z = MaskedRows.Z;

        Assert.Equal(MaskedRows.Dense.Max(), z.Max().ComputeSync());
        Assert.Equal(Enumerable.Range(0, 5).Select(c => MaskedRows.Column(c).Min()), z.Min(axis: 0).ComputeSync().Data);
        Assert.Equal(Enumerable.Range(0, 3).Select(r => MaskedRows.Row(r).Max()), z.Max(axis: 1).ComputeSync().Data);
        AssertClose(Enumerable.Range(0, 5).Select(c => MaskedRows.Column(c).Aggregate(1.0, (p, v) => p * v)), z.Prod(axis: 0).ComputeSync().Data);
        Assert.Equal(MaskedRows.Dense.Any(v => v > 10), (z > 10.0).Any().ComputeSync().IsTrue);
        Assert.Equal(
            Enumerable.Range(0, 3).Select(r => (Bool)MaskedRows.Row(r).All(v => v > 0)),
            (z > 0.0).All(axis: 1).ComputeSync().Data);
    }

    [Fact]
    public void MeanVarStd_AlongTheUnknownAxis_CountTheKeptElements()
    {
        var z = MaskedRows.Z;
        var dense = MaskedRows.Dense;
        var mean = dense.Average();
        var columnMeans = Enumerable.Range(0, 5).Select(c => MaskedRows.Column(c).Average()).ToArray();
        var columnVars = Enumerable.Range(0, 5).Select(c => MaskedRows.Column(c).Select(v => (v - columnMeans[c]) * (v - columnMeans[c])).Sum() / 2).ToArray();

        Assert.Equal(mean, z.Mean().ComputeSync(), Tolerance);
        AssertClose(columnMeans, z.Mean(axis: 0).ComputeSync().Data);
        AssertClose(Enumerable.Range(0, 3).Select(r => MaskedRows.Row(r).Average()), z.Mean(axis: 1).ComputeSync().Data);
        Assert.Equal(dense.Select(v => (v - mean) * (v - mean)).Average(), z.Var().ComputeSync(), Tolerance);
        AssertClose(columnVars.Select(Math.Sqrt), z.Std([0], ddof: 1).ComputeSync().Data);
        var rowVars = Enumerable.Range(0, 3).Select(r => MaskedRows.Row(r).Select(v => (v - MaskedRows.Row(r).Average()) * (v - MaskedRows.Row(r).Average())).Average());
        Assert.Equal([null], z.Var([1]).PartialShape);
        AssertClose(rowVars, z.Var([1]).ComputeSync().Data);
    }

    [Fact]
    public void ArgMax_AlongTheKnownAxis_KeepsUnknownRows()
    {
        var z = MaskedRows.Z;

        var arg = z.ArgMax(axis: 1);

        Assert.Equal([null], arg.PartialShape);
        Assert.Equal(
            Enumerable.Range(0, 3).Select(r => (long)System.Array.IndexOf(MaskedRows.Row(r), MaskedRows.Row(r).Max())),
            arg.ComputeSync().Data);
    }

    [Fact]
    public void Reductions_OfAnAllFalseMask_FollowNumPy()
    {
        var v = DArray.FromArray([3.0, -1, 4, 1, -5, 9], [6], [2]);
        var none = v[v > 100.0];

        Assert.Equal(0.0, none.Sum().ComputeSync());
        Assert.True(double.IsNaN(none.Mean().ComputeSync()));
        Assert.Empty(none.ComputeSync().Data);
        var error = Assert.Throws<TaskFailedException>(() => none.Max().ComputeSync());
        Assert.Contains("no identity", error.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CumSumCumProd_AlongTheUnknownAxisAcrossAnEmptyBlock_MatchDense()
    {
        var z = MaskedRows.Z;
        var v = DArray.FromArray([3L, -1, 4, 1, -5, 9, 2, 6], [8], [3]);
        var positive = v[v > 0L];

        var cumulative = z.CumSum(axis: 0).ComputeSync().Data;
        var product = z.CumProd(axis: 1).ComputeSync().Data;

        for (var c = 0; c < 5; c++)
        {
            var running = 0.0;
            for (var r = 0; r < 3; r++)
            {
                running += MaskedRows.Dense[(r * 5) + c];
                Assert.Equal(running, cumulative[(r * 5) + c], Tolerance);
            }
        }

        for (var r = 0; r < 3; r++)
        {
            var running = 1.0;
            for (var c = 0; c < 5; c++)
            {
                running *= MaskedRows.Dense[(r * 5) + c];
                Assert.Equal(running, product[(r * 5) + c], Tolerance);
            }
        }

        Assert.Equal([3L, 7, 8, 17, 19, 25], positive.CumSum(axis: 0).ComputeSync().Data);
    }

    [Fact]
    public void ComputeTogether_MaskedArrayAndItsSum_ShareTheMask()
    {
        var z = MaskedRows.Z;

        var (dense, total) = DArray.Compute(z, z.Sum(), TestData.Sync);

        Assert.Equal(MaskedRows.Dense, dense.Data);
        Assert.Equal(MaskedRows.Dense.Sum(), total, Tolerance);
    }

    private static void AssertClose(IEnumerable<double> expected, double[] actual)
    {
        var e = expected.ToArray();
        Assert.Equal(e.Length, actual.Length);
        for (var i = 0; i < e.Length; i++)
        {
            Assert.Equal(e[i], actual[i], Tolerance);
        }
    }
}
