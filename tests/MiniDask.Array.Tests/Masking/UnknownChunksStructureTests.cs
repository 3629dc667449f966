using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

/// <summary>
/// Structure on arrays with unknown chunk sizes: what needs no sizes (transpose, new and
/// squeezed axes, whole-axis indexing, blocks, concatenation along the unknown axis, matrix
/// products over known axes, user block functions, persist), and everything else once
/// <c>ComputeChunkSizes</c> has filled them in, with the empty blocks masking leaves.
/// </summary>
public class UnknownChunksStructureTests
{
    [Fact]
    public void TransposeAndNewAxes_OnUnknownRows_MatchDense()
    {
        var z = MaskedRows.Z;

        var t = z.T;
        var expanded = z.ExpandDims(1);
        var squeezed = expanded.Squeeze();

        Assert.Equal([5, null], t.PartialShape);
        Assert.Equal(TestData.Transpose(MaskedRows.Dense, 3, 5), t.ComputeSync().Data);
        Assert.Equal([null, 1, 5], expanded.PartialShape);
        Assert.Equal([3, 1, 5], expanded.ComputeSync().Shape.ToArray());
        Assert.Equal([null, 5], squeezed.PartialShape);
        Assert.Equal(MaskedRows.Dense, squeezed.ComputeSync().Data);
    }

    [Fact]
    public void Indexer_WholeUnknownAxisWithKnownSelections_MatchesDense()
    {
        var z = MaskedRows.Z;

        var column = z[.., 1];
        var middle = z[Slice.All, 1..4];
        var reversed = z[.., Slice.Of(null, null, -2)];
        var withAxis = z[Slice.Ellipsis, Slice.NewAxis];

        Assert.Equal([null], column.PartialShape);
        Assert.Equal(MaskedRows.Column(1), column.ComputeSync().Data);
        Assert.Equal([null, 3], middle.PartialShape);
        Assert.Equal(Enumerable.Range(0, 3).SelectMany(r => MaskedRows.Row(r)[1..4]), middle.ComputeSync().Data);
        Assert.Equal(Enumerable.Range(0, 3).SelectMany(r => new[] { 4, 2, 0 }.Select(c => MaskedRows.Row(r)[c])), reversed.ComputeSync().Data);
        Assert.Equal([3, 5, 1], withAxis.ComputeSync().Shape.ToArray());
        Assert.Same(z, z[.., ..]);
        Assert.Equal(MaskedRows.Column(4), z[Slice.Of(0, null), ^1].ComputeSync().Data);
    }

    [Fact]
    public void Indexer_ElementMaskOnUnknownRowsAndSeveralColumnBlocks_JoinsColumnsAndKeepsRowMajorOrder()
    {
        var z = MaskedRows.Z;

        var positive = z[z > 0.0];

        Assert.Equal([null], positive.PartialShape);
        Assert.Equal(4, positive.NumBlocks[0]);
        Assert.Equal(MaskedRows.Dense.Where(v => v > 0), positive.ComputeSync().Data);
    }

    [Fact]
    public void Blocks_OfUnknownRows_SelectWholeBlocks()
    {
        var z = MaskedRows.Z;

        var first = z.Blocks[0, ..];
        var empty = z.Blocks[2];

        Assert.Equal(MaskedRows.Row(0), first.ComputeSync().Data);
        Assert.Equal([0, 5], empty.ComputeSync().Shape.ToArray());
    }

    [Fact]
    public void Concatenate_AlongTheUnknownAxis_StacksRows()
    {
        var z = MaskedRows.Z;

        var joined = DArray.Concatenate([z, MaskedRows.XArray, z], axis: 0);
        var recut = DArray.Concatenate([MaskedRows.XArray.Rechunk([[7], [5]]), z], axis: 0);

        Assert.Equal([null, 5], joined.PartialShape);
        Assert.Equal([.. MaskedRows.Dense, .. MaskedRows.X, .. MaskedRows.Dense], joined.ComputeSync().Data);
        Assert.Equal([[5]], recut.PartialChunks.Skip(1).Select(c => c.Select(s => s!.Value).ToArray()));
        Assert.Equal([.. MaskedRows.X, .. MaskedRows.Dense], recut.ComputeSync().Data);
    }

    [Fact]
    public void MatMul_UnknownRowsTimesKnownMatrix_MatchesDense()
    {
        var z = MaskedRows.Z;
        var w = TestData.Matrix(5, 3, offset: 1);
        var wArray = DArray.FromArray(w, [5, 3], [4, 2]);

        var product = z.MatMul(wArray);

        Assert.Equal([null, 3], product.PartialShape);
        var expected = Dense.MatMul(MaskedRows.Dense, w, 3, 5, 3);
        var actual = product.ComputeSync().Data;
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-9);
        }
    }

    [Fact]
    public void MapBlocks_OnUnknownRows_SeesEachBlock()
    {
        var z = MaskedRows.Z;

        var doubled = z.MapBlocks(static b => b * 2.0);
        var rowSums = z.MapBlocks(static b => BlockMath.Sum(b, axis: 1), dropAxes: [1]);

        Assert.Equal(MaskedRows.Dense.Select(v => v * 2), doubled.ComputeSync().Data);
        Assert.Equal([null], rowSums.PartialShape);
        var sums = rowSums.ComputeSync().Data;
        Assert.Equal(3, sums.Length);
        for (var r = 0; r < 3; r++)
        {
            Assert.Equal(MaskedRows.Row(r).Sum(), sums[r], 1e-9);
        }
    }

    [Fact]
    public void Persist_UnknownRows_KeepsTheBlocksAndLearnsTheirSizes()
    {
        var z = MaskedRows.Z;

        var persisted = z.Persist(TestData.Sync);

        Assert.False(persisted.HasUnknownChunks);
        Assert.Equal(z.Name, persisted.Name);
        Assert.Equal([[1, 1, 0, 1], [2, 3]], persisted.Chunks.Select(c => c.ToArray()));
        Assert.Equal(MaskedRows.Dense, persisted.ComputeSync().Data);
    }

    [Fact]
    public void ComputeChunkSizes_KnownArray_ReturnsItWithoutComputing()
    {
        var x = MaskedRows.XArray;

        Assert.Same(x, x.ComputeChunkSizes(TestData.Sync));
    }

    [Fact]
    public async Task ComputeChunkSizesAsync_LearnsTheSizesAndHonoursCancellation()
    {
        var z = MaskedRows.Z;
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var known = await z.ComputeChunkSizesAsync(TestData.Sync);

        Assert.Equal([3, 5], known.Shape);
        Assert.Equal([1, 1, 0, 1], known.Chunks[0]);
        Assert.Equal(z.Graph, known.Graph);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => z.ComputeChunkSizesAsync(TestData.Sync, cancellationToken: cancelled.Token));
    }

    [Fact]
    public void PositionalOps_AfterComputeChunkSizes_WorkAcrossEmptyBlocks()
    {
        var known = MaskedRows.Z.ComputeChunkSizes(TestData.Sync);
        var dense = MaskedRows.Dense;
        var other = DArray.FromArray(TestData.Matrix(3, 5, offset: 2), [3, 5], [2, 4]);

        Assert.Equal(MaskedRows.Row(1).Concat(MaskedRows.Row(2)), known[1..3, ..].ComputeSync().Data);
        Assert.Equal(MaskedRows.Row(2), known[2].ComputeSync().Data);
        Assert.Equal(MaskedRows.Row(2).Concat(MaskedRows.Row(0)), known.Take([2, 0], axis: 0).ComputeSync().Data);
        Assert.Equal(dense, known.Rechunk([2, 2]).ComputeSync().Data);
        Assert.Equal(dense, known.Reshape(-1).ComputeSync().Data);
        Assert.Equal(dense, known.Reshape(5, 3).Reshape(3, 5).ComputeSync().Data);
        Assert.Equal(dense.Zip(TestData.Matrix(3, 5, offset: 2), (a, b) => a + b), (known + other).ComputeSync().Data);
        Assert.Equal([.. dense, .. dense], DArray.Concatenate([known, known], axis: 0).ComputeSync().Data);
        Assert.Equal(Dense.MatMul(dense, TestData.Transpose(dense, 3, 5), 3, 5, 3), known.MatMul(known.T).ComputeSync().Data);
        Assert.Equal(2L, known.ArgMax(axis: 0).ComputeSync().Data[0]);
    }

    [Fact]
    public void ToNpy_AfterComputeChunkSizes_WritesTheMaskedRows()
    {
        var path = Path.Combine(Path.GetTempPath(), $"minidask-mask-{Guid.NewGuid():N}.npy");
        try
        {
            MaskedRows.Z.ComputeChunkSizes(TestData.Sync).ToNpy(path, TestData.Sync);

            var read = NDArray.LoadNpy<double>(path);
            Assert.Equal([3, 5], read.Shape.ToArray());
            Assert.Equal(MaskedRows.Dense, read.Data);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadmeExample_MaskThenComputeChunkSizes_MatchesDense()
    {
        var x = DArray.Random(shape: [100, 10], chunks: [10, 5], seed: 1);
        var dense = x.ComputeSync().Data;

        var y = x[x > 0.5];
        var total = (y * 2).Sum().ComputeSync();
        var rows = x.Compress(x.Sum(axis: 1) > 5.0, axis: 0);
        var known = y.ComputeChunkSizes(TestData.Sync);
        var first = known[..10];

        var selected = dense.Where(v => v > 0.5).ToArray();
        Assert.StartsWith("DArray(name=getitem-mask-", y.ToString(), StringComparison.Ordinal);
        Assert.Contains("shape=(nan,)", y.ToString(), StringComparison.Ordinal);
        Assert.Equal(selected.Sum() * 2, total, 1e-9);
        Assert.Equal(Enumerable.Range(0, 100).Count(r => dense.Skip(r * 10).Take(10).Sum() > 5.0), rows.ComputeChunkSizes(TestData.Sync).Shape[0]);
        Assert.Equal(selected.Length, known.Shape[0]);
        Assert.Equal(selected[..10], first.ComputeSync().Data);
    }

    [Fact]
    public void Reporting_UnknownSizes_IsHonest()
    {
        var z = MaskedRows.Z;

        Assert.True(z.HasUnknownChunks);
        Assert.Equal([null, 5], z.PartialShape);
        Assert.Equal([null, null, null, null], z.PartialChunks[0]);
        Assert.Equal([2, 3], z.PartialChunks[1]);
        Assert.Equal([4, 2], z.NumBlocks);
        Assert.Equal(8, z.BlockCount);
        Assert.Contains("shape=(nan, 5), dtype=float64, chunksize=(nan, 3), blocks=8", z.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("blocks=8, chunks=((nan, nan, nan, nan), (2, 3)))", z.ToString(fullChunks: true), StringComparison.Ordinal);
        foreach (var read in new Func<object>[] { () => z.Shape, () => z.Chunks, () => z.Size })
        {
            var error = Assert.Throws<UnknownChunkSizesException>(read);
            Assert.Equal(z.Name, error.ArrayName);
            Assert.Contains(z.Name, error.Message, StringComparison.Ordinal);
            Assert.Contains("ComputeChunkSizes()", error.Message, StringComparison.Ordinal);
            Assert.Contains("PartialShape", error.Message, StringComparison.Ordinal);
        }
    }
}
