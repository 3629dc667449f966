using MiniDask.Kernels;
using MiniDask.Scheduler;

namespace MiniDask.Array.Tests;

/// <summary>Matrix products against the naive triple loop, with whichever GEMM backend is active and with the managed one forced.</summary>
[Collection(GemmBackendCollection.Name)]
public class LinalgTests
{
    public static IEnumerable<object[]> Backends => [[false], [true]];

    [Theory]
    [MemberData(nameof(Backends))]
    public void MatMul_UnevenChunks_MatchesTheNaiveTripleLoop(bool managed)
    {
        using var _ = new BackendScope(managed);
        var a = TestData.Matrix(13, 11);
        var b = TestData.Matrix(11, 7, offset: 3);
        var x = DArray.FromArray(new NDArray<double>(a, [13, 11]), [[5, 5, 3], [4, 4, 3]]);
        var y = DArray.FromArray(new NDArray<double>(b, [11, 7]), [[4, 4, 3], [3, 4]]);

        var z = x.MatMul(y);

        Assert.Equal([13, 7], z.Shape);
        Assert.Equal(managed ? "managed" : Gemm.Backend, Gemm.Backend);
        Tolerance.Close(Dense.MatMul(a, b, 13, 11, 7), z.Compute(new LocalScheduler(2)).Data, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void MatMul_ContractionChunksDiffer_RechunksTheRightOperandAndMatches(bool managed)
    {
        using var _ = new BackendScope(managed);
        var a = TestData.Matrix(9, 10);
        var b = TestData.Matrix(10, 6, offset: -2);
        var x = DArray.FromArray(a, [9, 10], [4, 3]);
        var y = DArray.FromArray(b, [10, 6], [4, 5]);

        var z = x.MatMul(y, splitEvery: 2);

        Assert.Contains(z.Graph.Layers.Keys, n => n.StartsWith("rechunk-", StringComparison.Ordinal));
        Assert.Contains(z.Graph.Layers.Keys, n => n.StartsWith("tensordot-sum1-", StringComparison.Ordinal));
        Tolerance.Close(Dense.MatMul(a, b, 9, 10, 6), z.ComputeSync().Data, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void MatMul_Float32AndInt32_MatchTheNaiveLoop(bool managed)
    {
        using var _ = new BackendScope(managed);
        var a = Enumerable.Range(0, 35).Select(i => (i % 7) - 3).ToArray();
        var b = Enumerable.Range(0, 20).Select(i => (i % 5) - 1).ToArray();
        var expected = Dense.MatMul([.. a.Select(v => (double)v)], [.. b.Select(v => (double)v)], 7, 5, 4);

        var ints = DArray.FromArray(a, [7, 5], [3, 2]).MatMul(DArray.FromArray(b, [5, 4], [2, 3])).ComputeSync();
        var floats = DArray.FromArray(a.Select(v => (float)v).ToArray(), [7, 5], [3, 2])
            .MatMul(DArray.FromArray(b.Select(v => (float)v).ToArray(), [5, 4], [2, 3])).ComputeSync();

        Assert.Equal(expected, ints.Data.Select(v => (double)v));
        Assert.Equal(expected, floats.Data.Select(v => (double)v));
    }

    [Fact]
    public void MatMul_VectorOperands_FollowNumPyShapes()
    {
        var m = TestData.Matrix(4, 3);
        var v = new double[] { 1, -2, 0.5 };
        var w = new double[] { 2, 1, -1, 3 };
        var x = DArray.FromArray(m, [4, 3], [3, 2]);
        var vx = DArray.FromArray(v, [3], [2]);
        var wx = DArray.FromArray(w, [4], [3]);

        var mv = x.MatMul(vx).ComputeSync();
        var wm = wx.MatMul(x).ComputeSync();
        var vv = vx.MatMul(vx).ComputeSync();

        Assert.Equal([4], mv.Shape.ToArray());
        Tolerance.Close(Dense.MatMul(m, v, 4, 3, 1), mv.Data);
        Assert.Equal([3], wm.Shape.ToArray());
        Tolerance.Close(Dense.MatMul(w, m, 1, 4, 3), wm.Data);
        Assert.Equal(0, vv.Rank);
        Assert.Equal(1 + 4 + 0.25, vv.ToScalar(), 12);
    }

    [Fact]
    public void TensorDot_ThreeDimensionalOverTwoAxes_MatchesLoops()
    {
        var a = Dense.Random([3, 4, 5], 1);
        var b = Dense.Random([5, 4, 2], 2);
        var x = DArray.FromArray(new NDArray<double>(a.Data, [3, 4, 5]), [2, 3, 2]);
        var y = DArray.FromArray(new NDArray<double>(b.Data, [5, 4, 2]), [3, 3, 1]);

        var z = x.TensorDot(y, [1, 2], [1, 0]).ComputeSync();

        Assert.Equal([3, 2], z.Shape.ToArray());
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                var s = 0.0;
                for (var k = 0; k < 4; k++)
                {
                    for (var l = 0; l < 5; l++)
                    {
                        s += a[[i, k, l]] * b[[l, k, j]];
                    }
                }

                Assert.Equal(s, z[i, j], 9);
            }
        }
    }

    [Fact]
    public void Dot_ThreeByTwoDimensional_SumsLastAxisWithSecondToLast()
    {
        var a = Dense.Random([2, 3, 4], 5);
        var b = Dense.Random([4, 2], 6);
        var x = DArray.FromArray(new NDArray<double>(a.Data, [2, 3, 4]), [1, 2, 3]);
        var y = DArray.FromArray(new NDArray<double>(b.Data, [4, 2]), [3, 1]);

        var z = x.Dot(y).ComputeSync();

        Assert.Equal([2, 3, 2], z.Shape.ToArray());
        Tolerance.Close(Dense.MatMul(a.Data, b.Data, 6, 4, 2), z.Data);
    }

    [Fact]
    public void MatMul_EmptyContraction_GivesZeros()
    {
        var x = DArray.Ones([3, 0], [2, 1]);
        var y = DArray.Ones([0, 2], [1, 2]);

        var z = x.MatMul(y).ComputeSync();

        Assert.Equal([3, 2], z.Shape.ToArray());
        Assert.All(z.Data, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void MatMul_BenchExpressionScaledDown_SumIsNearNOverFourCubed()
    {
        const int n = 400;
        var a = DArray.Random([n, n], [100, 100], seed: 1);
        var b = DArray.Random([n, n], [100, 100], seed: 2);

        var total = a.MatMul(b).Sum().Compute(new LocalScheduler(2));

        var expected = Math.Pow(n, 3) / 4;
        Assert.InRange(total, expected * 0.98, expected * 1.02);
    }

    [Fact]
    public void MatMul_MismatchedShapes_ThrowsWhenBuiltNamingBothShapes()
    {
        var x = DArray.Ones([4, 3], [2, 2]);
        var y = DArray.Ones([4, 3], [2, 2]);

        var e = Assert.Throws<ArgumentException>(() => x.MatMul(y));

        Assert.Contains("(4, 3)", e.Message);
        Assert.Contains("size 3", e.Message);
        Assert.Contains("size 4", e.Message);
        Assert.Throws<NotSupportedException>(() => DArray.Ones([2, 2, 2], [1, 1, 1]).MatMul(x));
        Assert.Throws<ArgumentException>(() => x.TensorDot(y, [0, 0], [1, 1]));
    }

    /// <summary>Forces the managed GEMM for the test's duration, restoring the previous setting.</summary>
    private sealed class BackendScope : IDisposable
    {
        private readonly bool previous = Gemm.ForceManaged;

        public BackendScope(bool managed) => Gemm.ForceManaged = managed || previous;

        public void Dispose() => Gemm.ForceManaged = previous;
    }
}

/// <summary>Tests that switch the process-wide GEMM backend run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GemmBackendCollection
{
    public const string Name = "GEMM backend";
}
