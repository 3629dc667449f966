using MiniDask.Graph;

namespace MiniDask.Array;

public static partial class Linalg
{
    /// <summary>
    /// The thin singular value decomposition <c>A = U diag(S) Vh</c> (Dask's <c>svd</c>, with
    /// <c>k = min(m, n)</c> singular values in decreasing order): for a tall-and-skinny array, the
    /// SVD of the R of <see cref="Tsqr"/> with U = Q · U_R; for a short-and-fat array (one block
    /// along axis 0), the same on its transpose. Signs are fixed so that the largest entry of each
    /// row of Vh is positive, as Dask's <c>svd_flip</c> makes results deterministic.
    /// </summary>
    /// <exception cref="ArgumentException">a is not 2-D or is chunked along both axes (the message names the Rechunks that fix it).</exception>
    public static (DArray<double> U, DArray<double> S, DArray<double> Vh) Svd(DArray<double> a)
    {
        RequireMatrix(a, "Svd");
        if (a.NumBlocks[1] == 1)
        {
            return TallSkinnySvd(a);
        }

        if (a.NumBlocks[0] == 1)
        {
            var (u, s, vh) = TallSkinnySvd(a.T);
            return (vh.T, s, u.T);
        }

        throw new ArgumentException(
            $"Svd needs a tall-and-skinny array (one block along axis 1) or a short-and-fat one (one block along axis 0); a has {Describe(a)}. "
            + $"Use {TsqrRechunk(a)} or a.Rechunk(new[] {{ {a.Shape[0]}, {a.Chunks[1].Max()} }}).", nameof(a));
    }

    /// <summary>
    /// A randomized rank-<paramref name="k"/> thin SVD (Dask's <c>svd_compressed</c>, after Halko,
    /// Martinsson and Tropp): A is multiplied by a random normal matrix of <c>k + nOversamples</c>
    /// columns (at least 20, at most <c>min(m, n)</c>), optionally refined by
    /// <paramref name="nPowerIter"/> power iterations <c>A (Aᵀ Y)</c>; the orthonormal basis Q of the
    /// product (by <see cref="Tsqr"/>) compresses A to <c>Qᵀ A</c>, whose exact SVD gives the result.
    /// Works on any chunking; exact (to rounding) when the rank of A is at most the compressed size.
    /// </summary>
    /// <param name="a">The matrix.</param>
    /// <param name="k">The rank of the result.</param>
    /// <param name="nPowerIter">Power iterations; they help when singular values decay slowly (Dask suggests at most 4).</param>
    /// <param name="seed">The seed of the random matrix; null draws one.</param>
    /// <param name="nOversamples">Extra columns of the random matrix beyond <paramref name="k"/>.</param>
    /// <exception cref="ArgumentException">a is not 2-D.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 1 or above <c>min(m, n)</c>, or a count is negative.</exception>
    public static (DArray<double> U, DArray<double> S, DArray<double> Vh) SvdCompressed(
        DArray<double> a, int k, int nPowerIter = 0, long? seed = null, int nOversamples = 10)
    {
        RequireMatrix(a, "SvdCompressed");
        var (m, n) = (a.Shape[0], a.Shape[1]);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, Math.Min(m, n));
        ArgumentOutOfRangeException.ThrowIfNegative(nPowerIter);
        ArgumentOutOfRangeException.ThrowIfNegative(nOversamples);
        var level = Math.Min(Math.Max(20, k + nOversamples), Math.Min(m, n));
        var omega = DArray.RandomGenerator(seed).StandardNormal([n, level], Chunks.Explicit([[.. a.Chunks[1]], [level]]));
        var y = a.MatMul(omega);
        for (var i = 0; i < nPowerIter; i++)
        {
            y = a.MatMul(a.T.MatMul(y));
        }

        var (q, _) = Tsqr(y);
        var (ub, s, vh) = Svd(q.T.MatMul(a));
        var u = q.MatMul(ub);
        return (u[.., ..k], s[..k], vh[..k, ..]);
    }

    private static (DArray<double> U, DArray<double> S, DArray<double> Vh) TallSkinnySvd(DArray<double> a)
    {
        var (q, r) = Tsqr(a);
        var k = r.Shape[0];
        var n = a.Shape[1];
        var token = Tokenize.Token("svd", r.Name);
        var parts = new Key($"svd-parts-{token}");
        var graph = TaskGraph.FromLayer(new MaterializedLayer(parts.Name, new Dictionary<Key, DaskTask> { [parts] = new DaskTask(LinalgOps.SvdOp, r.OutputKeys[0]) }), r.Graph);
        var ur = OneBlock<double>($"svd-ur-{token}", [k, k], Part(parts, 0), graph);
        var s = OneBlock<double>($"svd-s-{token}", [k], Part(parts, 1), graph);
        var vh = OneBlock<double>($"svd-vh-{token}", [k, n], Part(parts, 2), graph);
        return (q.MatMul(ur), s, vh);
    }
}
