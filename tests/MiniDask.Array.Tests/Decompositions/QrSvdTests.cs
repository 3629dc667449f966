using MathNet.Numerics.LinearAlgebra;
using static MiniDask.Array.Tests.Decompositions.Dense;

namespace MiniDask.Array.Tests.Decompositions;

public class QrSvdTests
{
    [Theory]
    [InlineData(1000, 20, 150, 16)]
    [InlineData(1000, 20, 150, 2)]
    [InlineData(50, 20, 8, 3)]
    [InlineData(30, 30, 30, 16)]
    public void Tsqr_TallSkinny_QTimesREqualsAAndQIsOrthonormal(int rows, int columns, int blockRows, int splitEvery)
    {
        var a = Random(rows, columns, [blockRows, columns], seed: rows + blockRows);

        var (q, r) = Linalg.Tsqr(a, splitEvery);
        var (qd, rd) = (Of(q), Of(r));

        Assert.Equal([rows, columns], q.Shape);
        Assert.Equal(a.Chunks[0], q.Chunks[0]);
        Assert.Equal([columns, columns], r.Shape);
        AssertClose(qd * rd, Of(a));
        AssertIdentity(qd.TransposeThisAndMultiply(qd));
        AssertUpperTriangular(rd);
    }

    [Fact]
    public void Tsqr_RAlone_MatchesTheDenseRUpToSigns()
    {
        var a = Random(400, 6, [50, 6], seed: 3);

        var (_, r) = Linalg.Tsqr(a);
        var dense = Of(a).QR().R;

        AssertClose(Of(r).PointwiseAbs(), dense.PointwiseAbs());
    }

    [Fact]
    public void Qr_ShortAndFat_QTimesREqualsA()
    {
        var a = Random(10, 300, [10, 100], seed: 4);

        var (q, r) = Linalg.Qr(a);
        var qd = Of(q);

        Assert.Equal([10, 10], q.Shape);
        Assert.Equal(a.Chunks[1], r.Chunks[1]);
        AssertClose(qd * Of(r), Of(a));
        AssertIdentity(qd.TransposeThisAndMultiply(qd));
        AssertUpperTriangular(Of(r).SubMatrix(0, 10, 0, 10));
    }

    [Fact]
    public void Qr_ChunkedAlongBothAxes_ThrowsNamingTheRechunk()
    {
        var a = Random(100, 40, [50, 20], seed: 5);

        var error = Assert.Throws<ArgumentException>(() => Linalg.Qr(a));

        Assert.Contains("chunks ((50, 50), (20, 20))", error.Message, StringComparison.Ordinal);
        Assert.Contains("a.Rechunk(new[] { 50, 40 })", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tsqr_SeveralColumnBlocks_ThrowsNamingTheRechunk()
    {
        var error = Assert.Throws<ArgumentException>(() => Linalg.Tsqr(Random(100, 40, [30, 20], seed: 5)));

        Assert.Contains("one block along axis 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("a.Rechunk(new[] { 30, 40 })", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, 15, 100, 15)]
    [InlineData(12, 400, 12, 100)]
    public void Svd_TallOrFat_ReconstructsAAndMatchesDenseSingularValues(int rows, int columns, int blockRows, int blockColumns)
    {
        var a = Random(rows, columns, [blockRows, blockColumns], seed: 6);
        var k = Math.Min(rows, columns);

        var (u, s, vh) = Linalg.Svd(a);
        var (ud, sd, vhd) = (Of(u), VectorOf(s), Of(vh));

        Assert.Equal([rows, k], u.Shape);
        Assert.Equal([k, columns], vh.Shape);
        AssertClose(ud * Matrix<double>.Build.DenseOfDiagonalVector(sd) * vhd, Of(a));
        AssertIdentity(ud.TransposeThisAndMultiply(ud));
        AssertIdentity(vhd * vhd.Transpose());
        var exact = Of(a).Svd(computeVectors: false).S;
        Assert.True((sd - exact.SubVector(0, k)).L2Norm() < 1e-10 * exact[0]);
        Assert.Equal(sd.OrderByDescending(v => v), sd);
    }

    [Fact]
    public void Svd_Twice_GivesTheSameSigns()
    {
        var a = Random(200, 5, [40, 5], seed: 7);

        Assert.Equal(Linalg.Svd(a).U.Compute(Local).Data, Linalg.Svd(a).U.Compute(new MiniDask.Graph.SyncScheduler()).Data);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void SvdCompressed_LowRankMatrix_TopSingularValuesWithinOneInAMillion(int powerIterations)
    {
        var x = Random(600, 5, [100, 5], seed: 8);
        var y = Random(5, 80, [5, 40], seed: 9);
        var a = x.MatMul(y).Rechunk([[100, 100, 100, 100, 100, 100], [40, 40]]);
        var exact = Of(a).Svd(computeVectors: false).S;

        var (u, s, vh) = Linalg.SvdCompressed(a, k: 5, nPowerIter: powerIterations, seed: 1);
        var sd = VectorOf(s);

        Assert.Equal([600, 5], u.Shape);
        Assert.Equal([5, 80], vh.Shape);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(Math.Abs(sd[i] - exact[i]) <= 1e-6 * exact[i], $"singular value {i}: {sd[i]} vs {exact[i]}");
        }

        AssertClose(Of(u) * Matrix<double>.Build.DenseOfDiagonalVector(sd) * Of(vh), Of(a), 1e-8);
    }
}
