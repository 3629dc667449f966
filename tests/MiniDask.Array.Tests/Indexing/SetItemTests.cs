using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Indexing;

/// <summary>
/// Lazy assignment (Dask's <c>x[...] = value</c>) and pointwise indexing on unevenly chunked
/// arrays, against the same assignments made on a plain copy, element by element.
/// </summary>
public class SetItemTests
{
    private static readonly double[] Data = [.. Enumerable.Range(0, 42).Select(i => (i * 1.5) - 20)];

    private static DArray<double> X() => DArray.FromArray(Data, [6, 7], [6, 7]).Rechunk([[2, 3, 1], [4, 1, 2]]);

    private static double At(int i, int j) => Data[(i * 7) + j];

    [Fact]
    public void SetItem_Mask_SetsWhereTrueAndLeavesTheOriginal()
    {
        var x = X();
        var updated = x.SetItem(x < 0.0, 0.0);

        Assert.Equal(Data.Select(v => v < 0 ? 0 : v), updated.ComputeSync().Data);
        Assert.Equal(Data, x.ComputeSync().Data);
        Assert.Equal(x.Chunks.Select(c => c.ToArray()), updated.Chunks.Select(c => c.ToArray()));
    }

    [Fact]
    public void SetItem_MaskWithArrayValue_TakesTheMatchingElements()
    {
        var x = X();
        var updated = x.SetItem(x > 10.0, -x);

        Assert.Equal(Data.Select(v => v > 10 ? -v : v), updated.ComputeSync().Data);
        Assert.Contains("does not broadcast", Assert.Throws<ArgumentException>(() => x.SetItem(DArray.Zeros<Bool>([3], [3]), 1.0)).Message);
    }

    [Fact]
    public void SetItem_StridedSlicesAndScalar_SetsTheSelection()
    {
        var updated = X().SetItem([Slice.Of(1, 6, 2), Slice.Of(null, null, -3)], 99.0).ComputeSync();

        for (var i = 0; i < 6; i++)
        {
            for (var j = 0; j < 7; j++)
            {
                var selected = i is 1 or 3 or 5 && j is 6 or 3 or 0;
                Assert.Equal(selected ? 99.0 : At(i, j), updated[i, j]);
            }
        }
    }

    [Fact]
    public void SetItem_SlicesWithArrayValue_PlacesValuesInSelectionOrder()
    {
        var value = DArray.FromArray(new[] { 1.0, 2, 3, 4, 5, 6 }, [3, 2], [2, 1]);

        // x[4:1:-1, 2:6:3] = value: rows 4, 3, 2 and columns 2, 5.
        var updated = X().SetItem([Slice.Of(4, 1, -1), Slice.Of(2, 6, 3)], value).ComputeSync();

        int[] rows = [4, 3, 2];
        int[] cols = [2, 5];
        for (var i = 0; i < 6; i++)
        {
            for (var j = 0; j < 7; j++)
            {
                var (r, c) = (System.Array.IndexOf(rows, i), System.Array.IndexOf(cols, j));
                Assert.Equal(r >= 0 && c >= 0 ? value.ComputeSync()[r, c] : At(i, j), updated[i, j]);
            }
        }
    }

    [Fact]
    public void SetItem_PositionAndBroadcastRow_SetsOneRow()
    {
        var row = DArray.FromArray(new[] { 7.0, 8, 9, 10, 11, 12, 13 }, [7], [3]);

        var updated = X().SetItem([2], row).ComputeSync();
        var column = X().SetItem([Slice.Ellipsis, 6], DArray.Scalar(-1.0)).ComputeSync();

        Assert.Equal([7.0, 8, 9, 10, 11, 12, 13], Enumerable.Range(0, 7).Select(j => updated[2, j]));
        Assert.Equal(At(3, 0), updated[3, 0]);
        Assert.All(Enumerable.Range(0, 6), i => Assert.Equal(-1.0, column[i, 6]));
        Assert.Equal(At(5, 5), column[5, 5]);
    }

    [Fact]
    public void SetItem_EmptySelectionOrBadValue_AsNumPy()
    {
        var x = X();

        Assert.Same(x, x.SetItem([Slice.Of(3, 3)], 5.0));
        Assert.Contains("selection's shape (2, 7)", Assert.Throws<ArgumentException>(() => x.SetItem([Slice.Of(null, 2)], DArray.Zeros<double>([3], [3]))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.SetItem([9], 1.0));
        Assert.Throws<ArgumentException>(() => x.SetItem([Slice.NewAxis], 1.0));
    }

    [Fact]
    public void Vindex_PointsAlongTwoAxes_AsNumPyIntegerArrayIndexing()
    {
        var x = X();

        var points = x.Vindex([0, 5, -1, 2, 2], [6, 0, 3, -7, 2]).ComputeSync();
        var rows = x.Vindex([4, 0, 4]).ComputeSync();

        Assert.Equal([At(0, 6), At(5, 0), At(5, 3), At(2, 0), At(2, 2)], points.Data);
        Assert.Equal([3, 7], rows.Shape.ToArray());
        Assert.Equal(Enumerable.Range(0, 7).Select(j => At(4, j)), Enumerable.Range(0, 7).Select(j => rows[0, j]));
        Assert.Equal(Enumerable.Range(0, 7).Select(j => At(0, j)), Enumerable.Range(0, 7).Select(j => rows[1, j]));
        Assert.Equal([At(1, 1), At(1, 4)], x.Vindex([1], [1, 4]).ComputeSync().Data);
        Assert.Equal([0, 7], x.Vindex(System.Array.Empty<int>()).ComputeSync().Shape.ToArray());
    }

    [Fact]
    public void Vindex_BadIndices_NameTheAxisAndShape()
    {
        var x = X();

        Assert.Contains("axis 1 of size 7", Assert.Throws<ArgumentOutOfRangeException>(() => x.Vindex([0], [7])).Message);
        Assert.Contains("lengths 2, 3", Assert.Throws<ArgumentException>(() => x.Vindex([0, 1], [1, 2, 3])).Message);
        Assert.Throws<ArgumentException>(() => x.Vindex([0], [0], [0]));
    }
}
