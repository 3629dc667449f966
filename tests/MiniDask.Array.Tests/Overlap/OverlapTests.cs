using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Overlap;

public sealed class OverlapTests
{
    private static readonly double[] Six = [0, 1, 2, 3, 4, 5];

    [Theory]
    [InlineData(BoundaryKind.Reflect, new double[] { 0, 0, 1, 2, 1, 2, 3, 4, 3, 4, 5, 5 })]
    [InlineData(BoundaryKind.Periodic, new double[] { 5, 0, 1, 2, 1, 2, 3, 4, 3, 4, 5, 0 })]
    [InlineData(BoundaryKind.Nearest, new double[] { 0, 0, 1, 2, 1, 2, 3, 4, 3, 4, 5, 5 })]
    [InlineData(BoundaryKind.Constant, new double[] { -7, 0, 1, 2, 1, 2, 3, 4, 3, 4, 5, -7 })]
    public void Overlap_OneAxisEachBoundary_MatchesDaskBlocks(BoundaryKind kind, double[] expected)
    {
        var x = DArray.FromArray(Six, [6], [2]);

        var grown = x.Overlap(1, new Boundary(kind, -7));

        Assert.Equal(new[] { 4, 4, 4 }, grown.Chunks[0]);
        Assert.Equal(expected, grown.ComputeSync().Data);
    }

    [Fact]
    public void Overlap_ReflectDepthTwo_MirrorsTheEdgeElementIncluded()
    {
        var x = DArray.FromArray(Six, [6], [3]);

        var grown = x.Overlap(2, Boundary.Reflect).ComputeSync();

        // NumPy's pad(x, 2, mode='symmetric') is [1, 0, 0, 1, 2, 3, 4, 5, 5, 4]; the blocks are its windows [0, 7) and [3, 10).
        Assert.Equal(new double[] { 1, 0, 0, 1, 2, 3, 4, 1, 2, 3, 4, 5, 5, 4 }, grown.Data);
    }

    [Fact]
    public void Overlap_NoneBoundary_OuterBlocksGetNoMargin()
    {
        var x = DArray.FromArray(Six, [6], [2]);

        var grown = x.Overlap(1);

        Assert.Equal(new[] { 3, 4, 3 }, grown.Chunks[0]);
        Assert.Equal(new double[] { 0, 1, 2, 1, 2, 3, 4, 3, 4, 5 }, grown.ComputeSync().Data);
    }

    [Fact]
    public void Overlap_DepthLargerThanABlock_ReadsSeveralNeighbours()
    {
        var x = DArray.FromArray(new NDArray<double>(Six, [6]), [[1, 2, 1, 2]]);

        var grown = x.Overlap(3, Boundary.Periodic).ComputeSync();

        // Block 2 (element 3) reads three elements each side: 0..2 and 4, 5, then 0 wrapped.
        var blocks = new[] { 7, 8, 7, 8 };
        var start = blocks[..2].Sum();
        Assert.Equal(new double[] { 0, 1, 2, 3, 4, 5, 0 }, grown.Data[start..(start + 7)]);
    }

    [Fact]
    public void Trim_AfterOverlap_GivesTheArrayBack()
    {
        var values = TestData.Matrix(9, 7);
        var x = DArray.FromArray(new NDArray<double>(values, [9, 7]), [[2, 4, 3], [5, 2]]);

        foreach (var boundary in new[] { Boundary.None, Boundary.Reflect, Boundary.Periodic, Boundary.Nearest, Boundary.Constant(3) })
        {
            var back = x.Overlap([2, 1], boundary).Trim([2, 1], boundary);

            Assert.Equal(x.Chunks, back.Chunks);
            Assert.Equal(values, back.ComputeSync().Data);
        }
    }

    [Fact]
    public void Overlap_TwoDimensionsConstant_CornersHoldTheConstant()
    {
        var x = DArray.FromArray(new double[] { 1, 2, 3, 4 }, [2, 2], [1, 1]);

        var corner = x.Overlap(1, Boundary.Constant(9)).Blocks[0, 0].ComputeSync();

        Assert.Equal(new[] { 3, 3 }, corner.Shape.ToArray());
        Assert.Equal(new double[] { 9, 9, 9, 9, 1, 2, 9, 3, 4 }, corner.Data);
    }

    [Fact]
    public void MapOverlap_EmptyAndSingleElement_KeepTheirShape()
    {
        var empty = DArray.FromArray(new NDArray<double>([], [0, 3]), [[0], [2, 1]]);
        var one = DArray.FromArray(new[] { 4.0 }, [1], [1]);

        Assert.Equal(new[] { 0, 3 }, empty.MapOverlap(b => b, 1, Boundary.Periodic).ComputeSync().Shape.ToArray());
        Assert.Equal(new double[] { 4, 4, 4 }, one.Overlap(1, Boundary.Reflect).ComputeSync().Data);
        Assert.Equal(new double[] { 4 }, one.MapOverlap(b => b, 1, Boundary.Nearest).ComputeSync().Data);
    }

    [Fact]
    public void Overlap_ReflectDeeperThanTheAxis_ThrowsNamingTheDepth()
    {
        var x = DArray.FromArray(Six, [6], [3]);

        var error = Assert.Throws<ArgumentException>(() => x.Overlap(7, Boundary.Reflect));

        Assert.Contains("depth 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapOverlap_FivePointStencilUnevenChunks_EqualsTheDenseStencil()
    {
        const int n = 60;
        var values = TestData.Matrix(n, n);
        var x = DArray.FromArray(new NDArray<double>(values, [n, n]), [[7, 20, 13, 20], [25, 5, 30]]);

        var stencil = x.MapOverlap(Stencil.FivePoint, 1, Boundary.Reflect).ComputeSync();

        Assert.Equal(Stencil.Reflect(new NDArray<double>(values, [n, n])).Data, stencil.Data);
    }

    [Fact]
    public void MapOverlap_Stencil1000SquaredIn100Blocks_EqualsTheDenseStencilExactly()
    {
        const int n = 1000;
        var random = new Random(19);
        var values = Enumerable.Range(0, n * n).Select(_ => random.NextDouble()).ToArray();
        var x = DArray.FromArray(values, [n, n], [100, 100]);

        var stencil = x.MapOverlap(Stencil.FivePoint, 1, Boundary.Periodic).Compute();

        Assert.Equal(Stencil.Periodic(new NDArray<double>(values, [n, n])).Data, stencil.Data);
    }

    [LargeFact]
    [Trait("Category", "Large")]
    public void MapOverlap_Stencil10000SquaredIn1000Blocks_EqualsTheDenseStencilExactly()
    {
        const int n = 10_000;
        var random = new Random(19);
        var values = new double[n * n];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble();
        }

        var dense = new NDArray<double>(values, [n, n]);
        var x = DArray.FromArray(dense, [[.. Enumerable.Repeat(1000, 10)], [.. Enumerable.Repeat(1000, 10)]]);

        var stencil = x.MapOverlap(Stencil.FivePoint, 1, Boundary.Reflect).Compute();

        Assert.True(Stencil.Reflect(dense).Data.AsSpan().SequenceEqual(stencil.Data), "the blocked stencil differs from the dense one");
    }

    [Fact]
    public void MapOverlap_TwoArrays_FunctionSeesBothOverlappedBlocks()
    {
        var a = DArray.FromArray(Six, [6], [2]);
        var b = DArray.FromArray(Six.Select(v => v * 10).ToArray(), [6], [3]);

        var sums = DArray.MapOverlap(NeighbourSum, [a, b], 1, Boundary.Constant(0)).ComputeSync();

        // a[i-1] + b[i+1] with zeros past the edges.
        Assert.Equal(new double[] { 10, 20, 31, 42, 53, 4 }, sums.Data);
    }

    [Fact]
    public void MapOverlap_WithoutTrim_KeepsTheGrownChunks()
    {
        var x = DArray.FromArray(Six, [6], [2]);

        var grown = x.MapOverlap(b => b, 1, Boundary.Nearest, trim: false);

        Assert.Equal(new[] { 4, 4, 4 }, grown.Chunks[0]);
    }

    [Fact]
    public void SlidingWindowView_OneAxis_MatchesNumPy()
    {
        var x = DArray.FromArray(new NDArray<double>(Six, [6]), [[2, 1, 3]]);

        var windows = x.SlidingWindowView([3]);

        Assert.Equal(new[] { 4, 3 }, windows.Shape);
        Assert.Equal(new double[] { 0, 1, 2, 1, 2, 3, 2, 3, 4, 3, 4, 5 }, windows.ComputeSync().Data);
    }

    [Fact]
    public void SlidingWindowView_TwoAxes_EachWindowIsTheSubmatrix()
    {
        var values = TestData.Matrix(5, 4);
        var x = DArray.FromArray(new NDArray<double>(values, [5, 4]), [[2, 3], [1, 3]]);

        var windows = x.SlidingWindowView([2, 3]).ComputeSync();

        Assert.Equal(new[] { 4, 2, 2, 3 }, windows.Shape.ToArray());
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                for (var u = 0; u < 2; u++)
                {
                    for (var v = 0; v < 3; v++)
                    {
                        Assert.Equal(values[((i + u) * 4) + j + v], windows[i, j, u, v]);
                    }
                }
            }
        }
    }

    [Fact]
    public void SlidingWindowView_WindowLargerThanTheAxis_Throws()
    {
        var x = DArray.FromArray(Six, [6], [2]);

        Assert.Throws<ArgumentException>(() => x.SlidingWindowView([7]));
    }

    private static NDArray<double> NeighbourSum(INDArray[] blocks)
    {
        var a = (NDArray<double>)blocks[0];
        var b = (NDArray<double>)blocks[1];
        var result = new NDArray<double>(a.Shape);
        for (var i = 1; i < a.Length - 1; i++)
        {
            result.Data[i] = a.Data[i - 1] + b.Data[i + 1];
        }

        return result;
    }
}
