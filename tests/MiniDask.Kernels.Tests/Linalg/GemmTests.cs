namespace MiniDask.Kernels.Tests;

/// <summary>GEMM against the naive triple loop, on the active backend and with the managed kernel forced.</summary>
[Collection(GemmBackendCollection.Name)]
public class GemmTests
{
    public static IEnumerable<object[]> Sizes =>
        from managed in new[] { false, true }
        from size in new[] { (1, 1, 1), (7, 5, 3), (6, 16, 256), (13, 17, 300), (73, 40, 513), (0, 4, 3), (4, 3, 0) }
        select new object[] { managed, size.Item1, size.Item2, size.Item3 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Multiply_EdgeTileSizes_MatchesTheNaiveLoop(bool managed, int m, int n, int k)
    {
        var previous = Gemm.ForceManaged;
        Gemm.ForceManaged = managed || previous;
        try
        {
            var a = new NDArray<double>(Naive.Sequence(m * k, 0.5, 0.25).Select(v => Math.Sin(v)).ToArray(), [m, k]);
            var b = new NDArray<double>(Naive.Sequence(k * n, 1, 0.5).Select(v => Math.Cos(v)).ToArray(), [k, n]);

            var c = Gemm.Multiply(a, b);

            Assert.Equal([m, n], c.Shape.ToArray());
            var expected = NaiveProduct(a.Data, b.Data, m, n, k);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], c.Data[i], 10);
            }

            if (managed)
            {
                Assert.Equal("managed", Gemm.Backend);
            }
        }
        finally
        {
            Gemm.ForceManaged = previous;
        }
    }

    [Fact]
    public void Multiply_Float32AndInt64_MatchTheNaiveLoopExactlyForSmallIntegers()
    {
        var ai = Enumerable.Range(0, 9 * 21).Select(i => (long)((i % 7) - 3)).ToArray();
        var bi = Enumerable.Range(0, 21 * 11).Select(i => (long)((i % 5) - 2)).ToArray();
        var expected = NaiveProduct(ai.Select(v => (double)v).ToArray(), bi.Select(v => (double)v).ToArray(), 9, 11, 21);

        var longs = Gemm.Multiply(new NDArray<long>(ai, [9, 21]), new NDArray<long>(bi, [21, 11]));
        var floats = Gemm.Multiply(new NDArray<float>([.. ai.Select(v => (float)v)], [9, 21]), new NDArray<float>([.. bi.Select(v => (float)v)], [21, 11]));

        Assert.Equal(expected, longs.Data.Select(v => (double)v));
        Assert.Equal(expected, floats.Data.Select(v => (double)v));
    }

    [Fact]
    public void MultiplyAdd_ExistingAccumulator_AddsTheProduct()
    {
        var a = new NDArray<double>([1, 2, 3, 4], [2, 2]);
        var c = new NDArray<double>([10, 20, 30, 40], [2, 2]);

        Gemm.MultiplyAdd(a, a, c);

        Assert.Equal(new double[] { 17, 30, 45, 62 }, c.Data);
    }

    [Fact]
    public void Multiply_MismatchedShapes_ThrowsNamingBoth()
    {
        var e = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new NDArray<double>([2, 3]), new NDArray<double>([2, 3])));

        Assert.Contains("(2, 3)", e.Message);
    }

    [Fact]
    public void Backend_NativeFoundOrNot_NamesTheLibraryOrManaged()
    {
        var backend = Gemm.Backend;

        Assert.True(
            Gemm.NativeAvailable && !Gemm.ForceManaged ? backend.Contains(".so", StringComparison.Ordinal) || backend.Contains("blas", StringComparison.Ordinal) : backend == "managed",
            $"backend '{backend}', native available {Gemm.NativeAvailable}");
    }

    [Fact]
    public void TensorDot_PermutedAxes_MatchesLoops()
    {
        var a = new NDArray<double>(Naive.Sequence(24, 1, 0.5), [2, 3, 4]);
        var b = new NDArray<double>(Naive.Sequence(12, -1, 0.25), [4, 3]);

        var c = Gemm.TensorDot(a, b, [1, 2], [1, 0]);

        Assert.Equal([2], c.Shape.ToArray());
        for (var i = 0; i < 2; i++)
        {
            var s = 0.0;
            for (var j = 0; j < 3; j++)
            {
                for (var k = 0; k < 4; k++)
                {
                    s += a[i, j, k] * b[k, j];
                }
            }

            Assert.Equal(s, c[i], 10);
        }
    }

    private static double[] NaiveProduct(double[] a, double[] b, int m, int n, int k)
    {
        var c = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var p = 0; p < k; p++)
                {
                    c[(i * n) + j] += a[(i * k) + p] * b[(p * n) + j];
                }
            }
        }

        return c;
    }
}

/// <summary>Tests that switch the process-wide GEMM backend run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GemmBackendCollection
{
    public const string Name = "GEMM backend";
}
