using MathNet.Numerics.LinearAlgebra;
using static MiniDask.Array.Tests.Decompositions.Dense;

namespace MiniDask.Array.Tests.Decompositions;

public class LstsqNormTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(2)]
    public void Lstsq_VectorB_MatchesTheNormalEquations(int splitEvery)
    {
        var a = Random(2000, 8, [300, 8], seed: 1);
        var b = Random(2000, 1, [250, 1], seed: 2)[.., 0];
        var (ad, bd) = (Of(a), Of(b));

        var (x, residuals, rank, s) = Linalg.Lstsq(a, b, splitEvery);

        var expected = ad.TransposeThisAndMultiply(ad).Solve(ad.TransposeThisAndMultiply(bd));
        AssertClose(Of(x), expected, 1e-9);
        Assert.Equal([8], x.Shape);
        Assert.Equal([1], residuals.Shape);
        var r = bd - (ad * Of(x));
        Assert.Equal(r.Column(0).DotProduct(r.Column(0)), residuals.Compute(Local).Data[0], 1e-8);
        Assert.Equal(8L, rank.Compute(Local));
        var exact = ad.Svd(computeVectors: false).S;
        Assert.True((VectorOf(s) - exact).L2Norm() < 1e-10 * exact[0]);
    }

    [Fact]
    public void Lstsq_BlocksTallerThanAPanel_MatchesTheNormalEquations()
    {
        var a = Random(30_000, 4, [20_000, 4], seed: 11);
        var b = Random(30_000, 1, [20_000, 1], seed: 12)[.., 0];
        var (ad, bd) = (Of(a), Of(b));

        var (x, residuals, _, _) = Linalg.Lstsq(a, b);

        AssertClose(Of(x), ad.TransposeThisAndMultiply(ad).Solve(ad.TransposeThisAndMultiply(bd)), 1e-9);
        var r = bd - (ad * Of(x));
        Assert.Equal(r.Column(0).DotProduct(r.Column(0)), residuals.Compute(Local).Data[0], 1e-6);
    }

    [Fact]
    public void Lstsq_MatrixB_SolvesEveryColumn()
    {
        var a = Random(900, 5, [200, 5], seed: 3);
        var b = Random(900, 3, [300, 3], seed: 4);
        var (ad, bd) = (Of(a), Of(b));

        var (x, residuals, _, _) = Linalg.Lstsq(a, b);

        AssertClose(Of(x), ad.TransposeThisAndMultiply(ad).Solve(ad.TransposeThisAndMultiply(bd)), 1e-9);
        var r = bd - (ad * Of(x));
        var res = residuals.Compute(Local).Data;
        for (var j = 0; j < 3; j++)
        {
            Assert.Equal(r.Column(j).DotProduct(r.Column(j)), res[j], 1e-8);
        }
    }

    [Fact]
    public void Lstsq_RankDeficient_GivesTheMinimumNormSolutionAndTheRank()
    {
        var x0 = Random(500, 3, [100, 3], seed: 5);
        var a = DArray.Concatenate([x0, x0[.., 0..1] * 2.0], axis: 1).Rechunk([[100, 100, 100, 100, 100], [4]]);
        var b = Random(500, 1, [100, 1], seed: 6)[.., 0];

        var (x, _, rank, s) = Linalg.Lstsq(a, b);

        Assert.Equal(3L, rank.Compute(Local));
        Assert.True(VectorOf(s)[3] < 1e-10 * VectorOf(s)[0]);
        AssertClose(Of(x), Of(a).PseudoInverse() * Of(b), 1e-8);
    }

    [Fact]
    public void Lstsq_BWithOtherRows_ThrowsNamingTheShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Linalg.Lstsq(Random(100, 4, [50, 4], 1), DArray.Ones([90], [30])));

        Assert.Contains("(100, 4)", error.Message, StringComparison.Ordinal);
        Assert.Contains("(90,)", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<double?> VectorOrders() => new() { null, 1, 2, 3, 0.5, 0, double.PositiveInfinity, double.NegativeInfinity };

    [Theory]
    [MemberData(nameof(VectorOrders))]
    public void Norm_Vector_MatchesTheDenseNorm(double? ord)
    {
        var x = Random(1000, 1, [300, 1], seed: 7)[.., 0];
        var v = VectorOf(x);
        v[5] = 0;
        var withZero = DArray.FromArray(new Kernels.NDArray<double>(v.ToArray(), [1000]), [300]);

        var norm = Linalg.Norm(withZero, ord).Compute(Local).ToScalar();

        var expected = ord switch
        {
            null or 2 => v.L2Norm(),
            double.PositiveInfinity => v.InfinityNorm(),
            double.NegativeInfinity => v.PointwiseAbs().Minimum(),
            0 => v.Count(e => e != 0),
            var p => v.Norm(p.Value),
        };
        Assert.Equal(expected, norm, 1e-10 * Math.Max(1, expected));
    }

    public static TheoryData<string> MatrixOrders() => new() { "null", "fro", "nuc", "1", "-1", "2", "-2", "inf", "-inf" };

    [Theory]
    [MemberData(nameof(MatrixOrders))]
    public void Norm_Matrix_MatchesTheDenseNorm(string ord)
    {
        var x = Random(300, 12, [70, 12], seed: 8);
        var m = Of(x);
        var s = m.Svd(computeVectors: false).S;

        var norm = (ord switch
        {
            "null" => Linalg.Norm(x),
            "fro" or "nuc" => Linalg.Norm(x, ord),
            "inf" => Linalg.Norm(x, double.PositiveInfinity),
            "-inf" => Linalg.Norm(x, double.NegativeInfinity),
            _ => Linalg.Norm(x, double.Parse(ord, System.Globalization.CultureInfo.InvariantCulture)),
        }).Compute(Local).ToScalar();

        var expected = ord switch
        {
            "null" or "fro" => m.FrobeniusNorm(),
            "nuc" => s.Sum(),
            "1" => m.L1Norm(),
            "-1" => m.PointwiseAbs().ColumnSums().Minimum(),
            "2" => m.L2Norm(),
            "-2" => s.Minimum(),
            "inf" => m.InfinityNorm(),
            _ => m.PointwiseAbs().RowSums().Minimum(),
        };
        Assert.Equal(expected, norm, 1e-10 * expected);
    }

    [Fact]
    public void Norm_AlongOneAxisKeepingDims_GivesOneNormPerRow()
    {
        var x = Random(40, 6, [15, 3], seed: 9);

        var norms = Linalg.Norm(x, 1, axis: [1], keepDims: true).Compute(Local);

        Assert.Equal([40, 1], norms.Shape.ToArray());
        Assert.Equal(Of(x).PointwiseAbs().RowSums().ToArray(), norms.Data, new Tolerance(1e-12));
    }

    [Fact]
    public void Norm_NuclearOfAVector_ThrowsSayingMatricesOnly()
    {
        var error = Assert.Throws<ArgumentException>(() => Linalg.Norm(DArray.Ones([5], [5]), "nuc"));

        Assert.Contains("matrices only", error.Message, StringComparison.Ordinal);
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon * Math.Max(1, Math.Abs(y));

        public int GetHashCode(double obj) => 0;
    }
}
