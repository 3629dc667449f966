using MathNet.Numerics.LinearAlgebra;
using MiniDask.Graph;
using static MiniDask.Array.Tests.Decompositions.Dense;

namespace MiniDask.Array.Tests.Decompositions;

public class FactorizationTests
{
    /// <summary>A symmetric positive-definite matrix: M Mᵀ + n I.</summary>
    private static DArray<double> Spd(int n, int chunk, long seed)
    {
        var m = Random(n, n, [chunk, chunk], seed);
        return m.MatMul(m.T) + DArray.Eye(n, chunks: chunk) * n;
    }

    [Theory]
    [InlineData(60, 20)]
    [InlineData(55, 20)]
    [InlineData(7, 7)]
    public void Cholesky_Lower_LTimesLTransposedEqualsA(int n, int chunk)
    {
        var a = Spd(n, chunk, seed: n);

        var l = Of(Linalg.Cholesky(a, lower: true));

        AssertLowerTriangular(l);
        AssertClose(l * l.Transpose(), Of(a));
        AssertClose(l, Of(a).Cholesky().Factor);
    }

    [Fact]
    public void Cholesky_Upper_UTransposedTimesUEqualsA()
    {
        var a = Spd(40, 15, seed: 2);

        var u = Of(Linalg.Cholesky(a));

        AssertUpperTriangular(u);
        AssertClose(u.TransposeThisAndMultiply(u), Of(a));
    }

    [Fact]
    public void Cholesky_NotPositiveDefinite_FailsSayingSo()
    {
        var a = DArray.Eye(30, chunks: 10) * -1.0;

        var error = Assert.Throws<TaskFailedException>(() => Linalg.Cholesky(a).Compute(Local));

        Assert.Contains("not symmetric positive definite", error.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cholesky_BlocksNotSquare_ThrowsNamingTheRechunk()
    {
        var error = Assert.Throws<ArgumentException>(() => Linalg.Cholesky(Random(40, 40, [20, 10], seed: 1)));

        Assert.Contains("square blocks on the diagonal", error.Message, StringComparison.Ordinal);
        Assert.Contains("a.Rechunk(new[] { 20, 20 })", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60, 20)]
    [InlineData(50, 20)]
    [InlineData(9, 9)]
    public void Lu_RandomMatrix_PTimesLTimesUEqualsA(int n, int chunk)
    {
        var a = Random(n, n, [chunk, chunk], seed: 10 + n);

        var (p, l, u) = Linalg.Lu(a);
        var (pd, ld, ud) = (Of(p), Of(l), Of(u));

        AssertClose(pd * ld * ud, Of(a));
        AssertLowerTriangular(ld);
        AssertUpperTriangular(ud);
        Assert.All(Enumerable.Range(0, n), i => Assert.Equal(1.0, ld[i, i], 12));
        AssertIdentity(pd.TransposeThisAndMultiply(pd), 0);
        Assert.All(pd.Enumerate(), v => Assert.True(v is 0 or 1));
    }

    [Theory]
    [InlineData("gen")]
    [InlineData("pos")]
    public void Solve_VectorAndMatrix_ResidualsVanish(string assumeA)
    {
        var a = Spd(50, 20, seed: 3);
        var b = Random(50, 1, [25, 1], seed: 4)[.., 0];
        var bs = Random(50, 3, [25, 3], seed: 5);

        var x = Linalg.Solve(a, b, assumeA);
        var xs = Linalg.Solve(a, bs, assumeA);

        Assert.Equal([50], x.Shape);
        Assert.True((Of(a) * Of(x) - Of(b)).FrobeniusNorm() < 1e-10 * Of(b).FrobeniusNorm());
        Assert.True((Of(a) * Of(xs) - Of(bs)).FrobeniusNorm() < 1e-10 * Of(bs).FrobeniusNorm());
    }

    [Fact]
    public void Solve_UnknownAssumption_ThrowsListingTheChoices()
    {
        var error = Assert.Throws<ArgumentException>(() => Linalg.Solve(Spd(4, 2, 1), DArray.Ones([4], [2]), "sym"));

        Assert.Contains("\"gen\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SolveTriangular_MatchesDenseSubstitution(bool lower)
    {
        var full = Of(Spd(45, 15, seed: 6));
        var t = lower ? full.LowerTriangle() : full.UpperTriangle();
        var a = DArray.FromArray(new Kernels.NDArray<double>(t.ToRowMajorArray(), [45, 45]), [15, 15]);
        var b = Random(45, 2, [10, 2], seed: 7);

        var x = Linalg.SolveTriangular(a, b, lower);

        AssertClose(Of(x), t.Solve(Of(b)));
        AssertClose(t * Of(x), Of(b));
    }

    [Fact]
    public void Inv_TimesA_IsTheIdentity()
    {
        var a = Random(40, 40, [15, 15], seed: 8) + DArray.Eye(40, chunks: 15) * 10.0;

        var inv = Of(Linalg.Inv(a));

        AssertIdentity(Of(a) * inv);
        AssertClose(inv, Of(a).Inverse());
    }
}
