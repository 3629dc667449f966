namespace MiniDask.Graph.Workloads;

/// <summary>
/// The <c>delayed</c> benchmark workload: a binary tree of small delayed sums, so nearly all the
/// time goes to the engine's per-task work (building keys, ordering, dispatch, bookkeeping). The
/// leaves add pairs of integers; each level adds pairs of the level below. Its functions are
/// static methods of this assembly, so distributed workers run them by name.
/// </summary>
public static class DelayedSumTree
{
    /// <summary>The default number of integers summed: 10,000, which makes 9,999 delayed sums.</summary>
    public const int DefaultCount = 10_000;

    /// <summary>The sum of <c>0 .. count-1</c> as a tree of <c>count - 1</c> delayed calls of <see cref="Add"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 2.</exception>
    public static Delayed<long> Build(int count = DefaultCount) =>
        Tree(count, static (a, b) => Delayed.Call(Add, a, b), static (x, y) => Delayed.Call(Add, x, y));

    /// <summary>The same tree of sums as plain calls, without the engine: the baseline.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 2.</exception>
    public static long Direct(int count = DefaultCount) => Tree(count, Add, Add);

    /// <summary>The sum of two integers: one task of the tree.</summary>
    public static long Add(long a, long b) => a + b;

    /// <summary>Pairs of integers made leaves, then each level's pairs combined, until one node is left.</summary>
    private static T Tree<T>(int count, Func<long, long, T> leaf, Func<T, T, T> combine)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var level = new List<T>((count + 1) / 2);
        for (var i = 0L; i < count; i += 2)
        {
            level.Add(leaf(i, i + 1 < count ? i + 1 : 0));
        }

        while (level.Count > 1)
        {
            var next = new List<T>((level.Count + 1) / 2);
            for (var i = 0; i < level.Count; i += 2)
            {
                next.Add(i + 1 < level.Count ? combine(level[i], level[i + 1]) : level[i]);
            }

            level = next;
        }

        return level[0];
    }
}
