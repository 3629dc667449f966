using MiniDask.Graph;

namespace MiniDask.Array;

public static partial class Linalg
{
    /// <summary>
    /// The least-squares solution of <c>A x ≈ b</c> for a tall-and-skinny A (Dask's <c>lstsq</c>):
    /// x minimizing <c>|b - A x|²</c> (the minimum-norm one when A is rank-deficient), the squared
    /// residuals per column of b (shape <c>(1,)</c> for a vector b), the rank of A and its singular
    /// values. One pass over the row blocks: each block of <c>[A | b]</c> is reduced to its R factor
    /// as it is read, and the R factors are combined up a TSQR tree, so memory holds a few blocks,
    /// not A; Q is never formed. b's rows are rechunked to A's when they differ.
    /// </summary>
    /// <exception cref="ArgumentException">a is not tall-and-skinny (the message names the Rechunk that fixes it), or b does not have a's rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="splitEvery"/> is below 2.</exception>
    public static (DArray<double> X, DArray<double> Residuals, DScalar<long> Rank, DArray<double> S) Lstsq(
        DArray<double> a, DArray<double> b, int splitEvery = DefaultSplitEvery)
    {
        RequireTallSkinny(a, "Lstsq");
        ArgumentOutOfRangeException.ThrowIfLessThan(splitEvery, 2);
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rank is not (1 or 2) || b.PartialShape[0] != a.Shape[0])
        {
            throw new ArgumentException(
                $"Lstsq of a with shape {ChunkGrid.FormatShape(a.ShapeArray)} needs b of shape ({a.Shape[0]},) or ({a.Shape[0]}, k); got {ChunkGrid.FormatShape(b.ShapeArray)}.", nameof(b));
        }

        b.RequireKnownChunks("Lstsq");
        var (m, n) = (a.Shape[0], a.Shape[1]);
        var k = b.Rank == 2 ? b.Shape[1] : 1;
        var aligned = b.Rank == 2 ? b.Rechunk([[.. a.Chunks[0]], [k]]) : b.Rechunk([[.. a.Chunks[0]]]);
        var leaves = Enumerable.Range(0, a.NumBlocks[0])
            .Select(i => new[] { TaskArg.Ref(a.BlockKey(i, 0)), TaskArg.Ref(aligned.OutputKeys[i]) })
            .ToList();
        var token = Tokenize.Token("lstsq", a.Name, aligned.Name, splitEvery);
        var tree = TsqrTree.Build(leaves, [.. a.Chunks[0]], n + k, splitEvery, withQ: false, token);
        var graph = TaskGraph.FromLayer(new MaterializedLayer(tree.RName, tree.RTasks), TaskGraph.FromLayer(new MaterializedLayer(tree.Name, tree.Tasks), a.Graph, aligned.Graph));
        var r = new Key(tree.RName, 0, 0);
        DaskTask Solve(string part) => new(LinalgOps.LstsqOp, r, TaskArg.Literal(n), TaskArg.Literal(m), TaskArg.Literal(b.Rank == 1), TaskArg.Literal(part));
        return (
            OneBlock<double>($"lstsq-x-{token}", b.Rank == 2 ? [n, k] : [n], Solve("x"), graph),
            OneBlock<double>($"lstsq-residuals-{token}", [k], Solve("residuals"), graph),
            new DScalar<long>(OneBlock<long>($"lstsq-rank-{token}", [], Solve("rank"), graph)),
            OneBlock<double>($"lstsq-s-{token}", [Math.Min(m, n)], Solve("s"), graph));
    }
}
