using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

/// <summary>Every reduction against the dense reference, over single, several and all axes, with and without keepdims.</summary>
public class ReductionTableTests
{
    private static readonly (int[] Shape, int[] Chunks, int[]? Axes)[] Cases =
    [
        ([7, 5], [3, 2], null),
        ([7, 5], [3, 2], [0]),
        ([7, 5], [3, 2], [-1]),
        ([7, 5], [3, 2], [0, 1]),
        ([4, 1, 3], [3, 1, 2], [0, 2]),
        ([4, 1, 3], [3, 1, 2], [1]),
        ([9, 2, 4], [2, 2, 3], [2, 0]),
        ([0, 4], [2, 3], [0]),
        ([5, 0], [2, 2], [0]),
    ];

    public static TheoryData<string, int, bool> Table()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var kind in new[] { "sum", "prod", "mean", "max", "min", "var", "std1", "any", "all" })
        {
            for (var c = 0; c < Cases.Length; c++)
            {
                data.Add(kind, c, false);
                data.Add(kind, c, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Reduction_AxesAndKeepDims_MatchesDenseReference(string kind, int caseIndex, bool keepDims)
    {
        var (shape, chunks, axes) = Cases[caseIndex];
        var data = DenseReference.Values(ArrayIndex.Count(shape), caseIndex + 100);
        var zeroed = data.Select((v, i) => i % 4 == 0 ? 0 : v).ToArray();
        var x = DArray.FromArray(kind is "any" or "all" ? zeroed : data, shape, chunks);
        var all = axes ?? [.. Enumerable.Range(0, shape.Length)];
        var count = all.Aggregate(1, (n, a) => n * shape[a < 0 ? a + shape.Length : a]);
        var emptyGroups = count == 0;
        if ((emptyGroups && kind is "max" or "min" or "var") || (count <= 1 && kind == "std1"))
        {
            return;
        }

        if (kind is "any" or "all")
        {
            var mask = kind == "any" ? x.Any(all, keepDims, splitEvery: 2) : x.All(all, keepDims, splitEvery: 2);
            var (bools, boolShape) = DenseReference.Reduce(zeroed, shape, axes, keepDims, g => kind == "any" ? g.Any(v => v != 0) : g.All(v => v != 0));
            var computedMask = mask.ComputeSync();
            Assert.Equal(boolShape, computedMask.Shape.ToArray());
            Assert.Equal(bools, DenseReference.Bools(computedMask));
            return;
        }

        var actual = kind switch
        {
            "sum" => x.Sum(all, keepDims, splitEvery: 2),
            "prod" => x.Prod(all, keepDims, splitEvery: 2),
            "mean" => x.Mean(all, keepDims, splitEvery: 2),
            "max" => x.Max(all, keepDims, splitEvery: 2),
            "min" => x.Min(all, keepDims, splitEvery: 2),
            "var" => x.Var(all, keepDims, splitEvery: 2),
            _ => x.Std(all, keepDims, ddof: 1, splitEvery: 2),
        };
        Func<List<double>, double> reference = kind switch
        {
            "sum" => g => g.Sum(),
            "prod" => g => g.Aggregate(1.0, (p, v) => p * v),
            "mean" => g => g.Sum() / g.Count,
            "max" => g => g.Max(),
            "min" => g => g.Min(),
            "var" => g => g.Sum(v => Math.Pow(v - g.Average(), 2)) / g.Count,
            _ => g => Math.Sqrt(g.Sum(v => Math.Pow(v - g.Average(), 2)) / (g.Count - 1)),
        };
        var (expected, expectedShape) = DenseReference.Reduce(data, shape, axes, keepDims, reference);
        var computed = actual.ComputeSync();

        Assert.Equal(expectedShape, computed.Shape.ToArray());
        Tolerance.Close(expected, computed.Data, 1e-10, kind);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void ArgMaxArgMin_TiesAndNaN_MatchNumPyFirstOccurrence(int? axis, bool keepDims)
    {
        int[] shape = [5, 4, 3];
        var data = DenseReference.Values(60, 7).Select(v => Math.Round(v)).ToArray();
        data[37] = double.NaN;
        var x = DArray.FromArray(data, shape, [2, 3, 2]);

        long[] Reference(bool max) => DenseReference.Reduce(
            data.Select((v, i) => (v, i)).ToArray(), shape, axis is { } a ? [a] : null, keepDims, g =>
            {
                var best = 0;
                for (var k = 1; k < g.Count; k++)
                {
                    var (v, b) = (g[k].v, g[best].v);
                    if (!double.IsNaN(b) && (double.IsNaN(v) || (max ? v > b : v < b)))
                    {
                        best = k;
                    }
                }

                return axis is null ? (long)g[best].i : best;
            }).Data;

        if (axis is { } ax)
        {
            Assert.Equal(Reference(true), x.ArgMax(ax, keepDims, splitEvery: 2).ComputeSync().Data);
            Assert.Equal(Reference(false), x.ArgMin(ax, keepDims, splitEvery: 2).ComputeSync().Data);
        }
        else
        {
            Assert.Equal(37L, x.ArgMax(splitEvery: 2).ComputeSync());
            var noNaN = DArray.FromArray(data.Select(v => double.IsNaN(v) ? 0 : v).ToArray(), shape, [2, 3, 2]);
            var plain = data.Select(v => double.IsNaN(v) ? 0 : v).ToArray();
            Assert.Equal(System.Array.IndexOf(plain, plain.Min()), noNaN.ArgMin(splitEvery: 2).ComputeSync());
            Assert.Equal(System.Array.IndexOf(plain, plain.Max()), noNaN.ArgMax().ComputeSync());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void CumSumCumProd_AlongAxis_MatchRunningLoops(int axis)
    {
        int[] shape = [5, 7];
        var data = DenseReference.Values(35, 11).Select(v => Math.Round(v, 1)).ToArray();
        var x = DArray.FromArray(data, shape, [2, 3]);
        var a = axis < 0 ? axis + 2 : axis;
        var sums = new double[35];
        var prods = new double[35];
        for (var i = 0; i < 35; i++)
        {
            var index = ArrayIndex.Unravel(i, shape);
            var previous = (int[])index.Clone();
            previous[a]--;
            var first = index[a] == 0;
            sums[i] = data[i] + (first ? 0 : sums[ArrayIndex.Ravel(previous, shape)]);
            prods[i] = data[i] * (first ? 1 : prods[ArrayIndex.Ravel(previous, shape)]);
        }

        Tolerance.Close(sums, x.CumSum(axis).ComputeSync().Data, 1e-12);
        Tolerance.Close(prods, x.CumProd(axis).ComputeSync().Data, 1e-12);
        Assert.Equal(x.Chunks, x.CumSum(axis).Chunks);
    }

    [Fact]
    public void Var_LargeOffset_StaysAccurateThroughChanCombine()
    {
        var data = DenseReference.Values(1000, 5).Select(v => 1e9 + v).ToArray();
        var x = DArray.FromArray(data, [1000], [37]);
        var mean = data.Average();
        var expected = data.Sum(v => (v - mean) * (v - mean)) / 999;

        Assert.Equal(expected, x.Var(ddof: 1).ComputeSync(), 6);
        Assert.Equal(Math.Sqrt(expected), x.Std(ddof: 1).ComputeSync(), 8);
    }

    [Fact]
    public void VarAndStd_OneIntegerArgument_IsAnAxisAsInNumPy()
    {
        // [[1, 2, 3, 6], [4, 4, 4, 4], [0, 10, 0, 10]]: NumPy 1.24 gives x.var(1) = [3.5, 0, 25],
        // x.std(0, keepdims=True, ddof=1) = [[2.0817, 4.1633, 2.0817, 3.0551]], x.var(-1, ddof=1) = [4.6667, 0, 33.333].
        var x = DArray.FromArray(new double[] { 1, 2, 3, 6, 4, 4, 4, 4, 0, 10, 0, 10 }, [3, 4], [2, 3]);

        var rows = x.Var(1);
        var columns = x.Std(0, keepDims: true, ddof: 1);

        Assert.Equal([3], rows.Shape);
        Tolerance.Close([3.5, 0.0, 25.0], rows.ComputeSync().Data, 1e-12);
        Assert.Equal([1, 4], columns.Shape);
        Tolerance.Close([Math.Sqrt(13.0 / 3), Math.Sqrt(52.0 / 3), Math.Sqrt(13.0 / 3), Math.Sqrt(28.0 / 3)], columns.ComputeSync().Data, 1e-12);
        Tolerance.Close([14.0 / 3, 0, 100.0 / 3], x.Var(-1, ddof: 1).ComputeSync().Data, 1e-12);
        Assert.Equal(x.Var([1]).ComputeSync().Data, rows.ComputeSync().Data);
        Assert.Equal(Math.Sqrt(x.Var(ddof: 1).ComputeSync()), x.Std(ddof: 1).ComputeSync(), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Var(2));
    }

    [Fact]
    public void Reductions_IntAndBoolArrays_ComputeInNumPyResultTypes()
    {
        var ints = DArray.FromArray(new[] { 3, -1, 4, 1, -5, 9 }, [2, 3], [1, 2]);
        var mask = ints > 0;

        Assert.Equal([3, -1, 9], ints.Max(axis: 0).ComputeSync().Data);
        Assert.Equal(540L, ints.AsType<long>().Prod().ComputeSync());
        Assert.Equal([2L, 2L], ints.ArgMax(axis: 1).ComputeSync().Data);
        Assert.Equal([1L, 1L, 0L], ints.ArgMin(axis: 0).ComputeSync().Data);
        Assert.Equal(4L, mask.AsType<long>().Sum().ComputeSync());
        Assert.True(mask.Any().ComputeSync());
        Assert.False(mask.All().ComputeSync());
        Assert.True(mask.Max().ComputeSync());
        Assert.Equal([1.0, 4.0, 6.25], ints.Var([0]).ComputeSync().Data);
    }
}
