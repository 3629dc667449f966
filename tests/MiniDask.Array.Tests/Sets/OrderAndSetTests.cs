using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Sets;

public sealed class OrderAndSetTests
{
    private static readonly double[] Values = [5, 1, 9, 3, 7, 3, 8, 2, 6, 0];

    [Fact]
    public void TopK_Positive_LargestFirst()
    {
        var x = DArray.FromArray(new NDArray<double>(Values, [10]), [[3, 1, 4, 2]]);

        Assert.Equal(new double[] { 9, 8, 7 }, x.TopK(3).ComputeSync().Data);
        Assert.Equal(new[] { 3 }, x.TopK(3).Shape);
    }

    [Fact]
    public void TopK_Negative_SmallestFirst()
    {
        var x = DArray.FromArray(new NDArray<double>(Values, [10]), [[3, 1, 4, 2]]);

        Assert.Equal(new double[] { 0, 1, 2, 3 }, x.TopK(-4).ComputeSync().Data);
    }

    [Fact]
    public void TopK_AlongAxisZeroOfAMatrix_PerColumn()
    {
        // [[5, 1], [9, 3], [7, 3], [8, 2], [6, 0]]
        var x = DArray.FromArray(new NDArray<double>(Values, [5, 2]), [[2, 3], [1, 1]]);

        Assert.Equal(new double[] { 9, 3, 8, 3 }, x.TopK(2, axis: 0).ComputeSync().Data);
    }

    [Fact]
    public void TopK_KLargerThanTheAxis_GivesEverythingSorted()
    {
        var x = DArray.FromArray(new[] { 2.0, 1.0 }, [2], [1]);

        Assert.Equal(new double[] { 2, 1 }, x.TopK(5).ComputeSync().Data);
        Assert.Throws<ArgumentException>(() => x.TopK(0));
    }

    [Fact]
    public void ArgTopK_PositiveAndNegative_IndicesOfTheTopK()
    {
        var x = DArray.FromArray(new NDArray<double>(Values, [10]), [[3, 1, 4, 2]]);

        Assert.Equal(new long[] { 2, 6, 4 }, x.ArgTopK(3).ComputeSync().Data);
        Assert.Equal(new long[] { 9, 1 }, x.ArgTopK(-2).ComputeSync().Data);
    }

    [Fact]
    public void Unique_WithCountsAndInverse_MatchesNumPy()
    {
        var x = DArray.FromArray(new NDArray<int>([3, 1, 3, 2, 1, 3], [2, 3]), [[1, 1], [2, 1]]);

        var (values, counts) = x.UniqueCounts();
        var (_, inverse) = x.UniqueInverse();

        Assert.Equal(new[] { 1, 2, 3 }, x.Unique().ComputeSync().Data);
        Assert.Equal(new[] { 1, 2, 3 }, values.ComputeSync().Data);
        Assert.Equal(new long[] { 2, 1, 3 }, counts.ComputeSync().Data);
        Assert.Equal(new long[] { 2, 0, 2, 1, 0, 2 }, inverse.ComputeSync().Data);
        Assert.True(x.Unique().HasUnknownChunks);
    }

    [Fact]
    public void Unique_NaNSortsLastAndEmptyGivesEmpty()
    {
        var x = DArray.FromArray(new[] { 2.0, double.NaN, 1.0, 2.0 }, [4], [3]);
        var empty = DArray.FromArray(new NDArray<double>([], [0]), [[0]]);

        Assert.Equal(new[] { 1.0, 2.0, double.NaN }, x.Unique().ComputeSync().Data);
        Assert.Empty(empty.Unique().ComputeSync().Data);
    }

    [Fact]
    public void IsIn_TestElementsInSeveralBlocks_MarksMembers()
    {
        var x = DArray.FromArray(new[] { 1, 2, 3, 4, 5 }, [5], [2]);
        var test = DArray.FromArray(new[] { 4, 1, 9 }, [3], [2]);

        Assert.Equal(new[] { true, false, false, true, false }, x.IsIn(test).ComputeSync().Data.Select(b => (bool)b));
        Assert.Equal(new[] { false, true, true, false, true }, x.IsIn(test, invert: true).ComputeSync().Data.Select(b => (bool)b));
    }

    [Fact]
    public void Union1d_TwoArrays_SortedDistinct()
    {
        var a = DArray.FromArray(new NDArray<long>([4, 1, 4, 2], [2, 2]), [[1, 1], [2]]);
        var b = DArray.FromArray(new[] { 7L, 1L, 3L }, [3], [2]);

        Assert.Equal(new long[] { 1, 2, 3, 4, 7 }, DArray.Union1d(a, b).ComputeSync().Data);
    }

    [Fact]
    public void SearchSorted_LeftAndRight_MatchNumPy()
    {
        var a = DArray.FromArray(new[] { 1.0, 2.0, 2.0, 3.0, 5.0 }, [5], [2]);
        var v = DArray.FromArray(new[] { 2.0, 0.0, 4.0, 6.0, 5.0 }, [5], [3]);

        Assert.Equal(new long[] { 1, 0, 4, 5, 4 }, DArray.SearchSorted(a, v).ComputeSync().Data);
        Assert.Equal(new long[] { 3, 0, 4, 5, 5 }, DArray.SearchSorted(a, v, "right").ComputeSync().Data);
        Assert.Throws<ArgumentException>(() => DArray.SearchSorted(a, v, "middle"));
    }

    [Fact]
    public void ArgWhereNonzeroFlatNonzero_TwoBlocksPerRow_RowMajorOrder()
    {
        // [[0, 1, 0], [2, 0, 3]] in blocks that split the rows.
        var x = DArray.FromArray(new NDArray<double>([0, 1, 0, 2, 0, 3], [2, 3]), [[1, 1], [2, 1]]);

        Assert.Equal(new long[] { 0, 1, 1, 0, 1, 2 }, x.ArgWhere().ComputeSync().Data);
        Assert.Equal(new[] { 3, 2 }, x.ArgWhere().ComputeSync().Shape.ToArray());
        Assert.Equal(new long[] { 1, 3, 5 }, x.FlatNonzero().ComputeSync().Data);
        var nonzero = x.Nonzero();
        Assert.Equal(new long[] { 0, 1, 1 }, nonzero[0].ComputeSync().Data);
        Assert.Equal(new long[] { 1, 0, 2 }, nonzero[1].ComputeSync().Data);
    }

    [Fact]
    public void ArgWhere_AllZero_IsEmpty()
    {
        var x = DArray.Zeros([3, 2], [2, 1]);

        Assert.Equal(new[] { 0, 2 }, x.ArgWhere().ComputeSync().Shape.ToArray());
    }
}
