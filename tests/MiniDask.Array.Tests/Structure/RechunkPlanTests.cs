using MiniDask.Graph;

namespace MiniDask.Array.Tests;

public class RechunkPlanTests
{
    [Fact]
    public void Rechunk_ColumnsToRowsUnderALimit_MergesInAnIntermediateStageWithinTheLimit()
    {
        // 200 x 200 pieces: more than a direct rechunk takes.
        var data = TestData.Matrix(200, 200);
        var x = DArray.FromArray(data, [200, 200], [200, 1]);

        var y = x.Rechunk([1, 200], blockSizeLimit: 1000 * sizeof(double));

        var merge = Assert.Single(y.Graph.Layers.Values, l => l.Name.StartsWith("rechunk-merge-", StringComparison.Ordinal) && !l.Name.Contains("-split-", StringComparison.Ordinal));
        var shapes = merge.Tasks.Values.Select(t => t.Args.OfType<LiteralArg>().Select(a => a.Value).OfType<int[]>().Last()).ToList();
        Assert.All(shapes, s => Assert.True(s[0] * s[1] <= 1000, $"intermediate block [{string.Join(", ", s)}] exceeds 1000 elements"));
        Assert.Equal(Enumerable.Repeat(1, 200), y.Chunks[0]);
        Assert.Equal(data, y.ComputeSync().Data);
    }

    [Fact]
    public void Rechunk_SmallChange_IsOneDirectStepThatReadsOnlyOverlappingBlocks()
    {
        var x = DArray.Random([12, 6], [4, 3], seed: 3);

        var y = x.Rechunk([[6, 6], [3, 3]]);

        Assert.DoesNotContain(y.Graph.Layers.Keys, n => n.StartsWith("rechunk-merge-", StringComparison.Ordinal));
        var first = y.Graph[y.BlockKey(0, 0)];
        // Old block (0, 0) whole, and the piece of old block (1, 0) that it overlaps, cut by a task of its own.
        Assert.Equal(2, first.Dependencies.Count);
        Assert.Equal(new Key(x.Name, 0, 0), first.Dependencies[0]);
        Assert.Equal([new Key(x.Name, 1, 0)], y.Graph[first.Dependencies[1]].Dependencies);
        Assert.Equal(x.ComputeSync().Data, y.ComputeSync().Data);
    }

    [Fact]
    public void Rechunk_RowBlocksToColumnBlocks_NoTaskReadsMoreThanItWritesExceptCuttingOnePiece()
    {
        var x = DArray.Random([120, 120], [10, 120], seed: 5);

        var y = x.Rechunk([120, 10], blockSizeLimit: 40 * 120 * sizeof(double));

        // Merging tasks read exactly the blocks they join; assembling tasks read only pieces, each cut
        // from one block by a task of its own; so no task holds whole blocks it uses a sliver of.
        var tasks = y.Graph.Layers.Values.Where(l => l.Name.StartsWith("rechunk", StringComparison.Ordinal)).SelectMany(l => l.Tasks).ToList();
        Assert.Contains(tasks, t => t.Key.Name.Contains("-split-", StringComparison.Ordinal));
        foreach (var (key, task) in tasks)
        {
            var read = task.Dependencies.Sum(d => Elements(y.Graph, x, d));
            if (key.Name.Contains("-split-", StringComparison.Ordinal))
            {
                Assert.Single(task.Dependencies);
                Assert.True(Elements(y.Graph, x, key) < read, $"{key} cuts no smaller piece");
            }
            else
            {
                Assert.Equal(Elements(y.Graph, x, key), read);
                Assert.True(read <= 40 * 120, $"{key} reads {read} elements, over the limit");
            }
        }

        Assert.Equal(x.ComputeSync().Data, y.ComputeSync().Data);
    }

    /// <summary>The elements of the block under <paramref name="key"/>: x's blocks are 10 x 120; a rechunk or getitem task's block shape is its last int[] literal.</summary>

    [Fact]
    public void Rechunk_SameChunks_ReturnsAnAliasFreeEqualArray()
    {
        var x = DArray.Ones([5, 4], [2, 3]);

        var y = x.Rechunk([2, 3]);

        Assert.Equal(x.Name, y.Name);
    }

    [Fact]
    public void Reshape_SplitAxisWhoseChunksDoNotFitRows_RechunksFirstToWholeRows()
    {
        var data = Enumerable.Range(0, 24).Select(i => (double)i).ToArray();
        var x = DArray.FromArray(data, [24], [5]);

        var y = x.Reshape(4, 6);

        Assert.Equal([6], y.Chunks[1]);
        Assert.All(y.Chunks[0], c => Assert.True(c >= 1));
        Assert.Equal(data, y.ComputeSync().Data);
        Assert.Equal([4, 6], y.Shape);
    }

    [Fact]
    public void Reshape_MergeOfWholeTrailingAxis_KeepsBlocksWithoutRechunking()
    {
        var x = DArray.Random([6, 5, 4], [2, 5, 4], seed: 9);

        var y = x.Reshape(30, 4);

        Assert.Equal([10, 10, 10], y.Chunks[0]);
        Assert.DoesNotContain(y.Graph.Layers.Keys, n => n.StartsWith("rechunk", StringComparison.Ordinal));
        Assert.Equal(x.ComputeSync().Data, y.ComputeSync().Data);
    }

    /// <summary>The elements of the block under <paramref name="key"/>: x's blocks are 10 x 120; a rechunk or getitem task's block shape is its last int[] literal.</summary>
    private static long Elements(TaskGraph graph, DArray<double> x, Key key) =>
        key.Name == x.Name
            ? 10 * 120
            : graph[key].Args.OfType<LiteralArg>().Select(a => a.Value).OfType<int[]>().Last().Aggregate(1L, (n, d) => n * d);
}
