using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests.ElementTypes;

/// <summary>
/// The ordering, set, counting and median routines on boolean arrays, against NumPy's answers
/// (ElementTypes/Fixtures/make_fixtures.py, bool_*.npy), and the quantiles NumPy refuses for them.
/// </summary>
public class BoolRoutineTests
{
    private static DArray<Bool> X => DArray.FromArray(DTypeFixtures.Load<Bool>("bool_x"), [[3, 4]]);

    private static DArray<Bool> V => DArray.FromArray(DTypeFixtures.Load<Bool>("bool_v"), [[1, 3]]);

    [Fact]
    public void TopK_OfBooleans_MatchesNumPysSortedSelection()
    {
        DTypeFixtures.Equal("bool_topk_3", X.TopK(3).ComputeSync());
        DTypeFixtures.Equal("bool_topk_-5", X.TopK(-5).ComputeSync());
    }

    [Fact]
    public void ArgTopK_OfBooleans_PointsAtTheTopKValues()
    {
        var x = DTypeFixtures.Load<Bool>("bool_x").Data;

        var largest = X.ArgTopK(3).ComputeSync().Data;
        var smallest = X.ArgTopK(-2).ComputeSync().Data;

        Assert.Equal(3, largest.Distinct().Count());
        Assert.All(largest, i => Assert.True((bool)x[i]));
        Assert.Equal(2, smallest.Distinct().Count());
        Assert.All(smallest, i => Assert.False((bool)x[i]));
    }

    [Fact]
    public void SetsAndCounting_OfBooleans_MatchNumPy()
    {
        DTypeFixtures.Equal("bool_unique", X.Unique().ComputeSync());
        DTypeFixtures.Equal("bool_isin", X.IsIn(DArray.FromArray(new Bool[] { false }, [1], [1])).ComputeSync());
        DTypeFixtures.Equal("bool_union1d", DArray.Union1d(X, V).ComputeSync());
        DTypeFixtures.Equal("bool_digitize", X.Digitize([0.5]).ComputeSync());
        DTypeFixtures.Equal("bool_argwhere", X.ArgWhere().ComputeSync());
        DTypeFixtures.Equal("bool_flatnonzero", X.FlatNonzero().ComputeSync());
        DTypeFixtures.Equal("bool_flatnonzero", X.Nonzero()[0].ComputeSync());
        DTypeFixtures.Equal("bool_histogram", DArray.Histogram(X, 2, (0.0, 1.0)).Counts.ComputeSync());
    }

    [Fact]
    public void SearchSorted_InSortedBooleans_MatchesNumPy()
    {
        var sorted = DArray.FromArray(DTypeFixtures.Load<Bool>("bool_x").Data.Order().ToArray(), [7], [2]);

        DTypeFixtures.Equal("bool_searchsorted", DArray.SearchSorted(sorted, V).ComputeSync());
    }

    [Fact]
    public void Median_OfBooleans_IsNumPysFloat64Median()
    {
        DTypeFixtures.Equal("bool_median", X.Rechunk([[7]]).Median(0).ComputeSync());
        Assert.Equal([0.5], X[..6].Rechunk([[6]]).Median(0, keepDims: true).ComputeSync().Data);
    }

    [Fact]
    public void QuantileAndPercentile_OfBooleans_AreRefusedAsNumPyRefusesThem()
    {
        var x = X.Rechunk([[7]]);

        Assert.Contains("quantile does not take booleans", Assert.Throws<NotSupportedException>(() => x.Quantile(0.25, 0)).Message);
        Assert.Contains("percentile does not take booleans", Assert.Throws<NotSupportedException>(() => x.Percentile(50.0, 0)).Message);
        Assert.Contains("percentile does not take booleans", Assert.Throws<NotSupportedException>(() => X.Percentile([50.0])).Message);
    }
}
