using System.Numerics;
using MathNet.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class RandomGenerator
{
    /// <summary>
    /// Integers in [<paramref name="low"/>, <paramref name="high"/>), or [0, <paramref name="low"/>)
    /// when <paramref name="high"/> is null; <paramref name="endpoint"/> includes <paramref name="high"/>.
    /// Every integer of the range is equally likely.
    /// </summary>
    /// <exception cref="ArgumentException">The range is empty, a dimension is negative, or the chunks do not fit.</exception>
    public DArray<long> Integers(long low, long? high = null, int[]? size = null, Chunks? chunks = null, bool endpoint = false)
    {
        var (from, to) = high is { } h ? (low, h) : (0L, low);
        var exclusive = endpoint ? to + 1 : to;
        Require(exclusive > from, $"the range [{from}, {to}{(endpoint ? "]" : ")")} is empty", nameof(high));
        return Blocks<long>("integers", size, chunks, common =>
            new BlockwiseTask(RandomBlockOps.IntegersOp, [.. common, .. ArrayBlockwise.Literals(from, exclusive)]), from, exclusive);
    }

    /// <summary>Poisson counts with expectation <paramref name="lam"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="lam"/> is negative or not finite, a dimension is negative, or the chunks do not fit.</exception>
    public DArray<long> Poisson(double lam = 1, int[]? size = null, Chunks? chunks = null)
    {
        Require(lam >= 0 && double.IsFinite(lam), $"lam must be finite and >= 0; got {lam}", nameof(lam));
        return Counts("poisson", [lam], size, chunks);
    }

    /// <summary>Binomial counts: successes in <paramref name="n"/> trials of probability <paramref name="p"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="n"/> is negative, <paramref name="p"/> is outside [0, 1], a dimension is negative, or the chunks do not fit.</exception>
    public DArray<long> Binomial(int n, double p, int[]? size = null, Chunks? chunks = null)
    {
        Require(n >= 0, $"n must be >= 0; got {n}", nameof(n));
        Require(p is >= 0 and <= 1, $"p must be in [0, 1]; got {p}", nameof(p));
        return Counts("binomial", [n, p], size, chunks);
    }

    /// <summary>
    /// Multinomial counts of <paramref name="n"/> draws over the categories of <paramref name="pvals"/>:
    /// an array of <paramref name="size"/> followed by one axis of the categories (kept in one block).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="n"/> is negative, <paramref name="pvals"/> is empty, negative or does not sum to 1, a dimension is negative, or the chunks do not fit.</exception>
    public DArray<long> Multinomial(int n, double[] pvals, int[]? size = null, Chunks? chunks = null)
    {
        ArgumentNullException.ThrowIfNull(pvals);
        Require(n >= 0, $"n must be >= 0; got {n}", nameof(n));
        CheckProbabilities(pvals, pvals.Length, nameof(pvals));
        var outer = size ?? [];
        var grid = (chunks ?? Chunks.Auto).Resolve(outer, sizeof(long));
        var categories = (double[])pvals.Clone();
        return Blocks<long>("multinomial", [.. outer, categories.Length], Chunks.Explicit([.. grid, [categories.Length]]), common =>
            new BlockwiseTask(RandomBlockOps.MultinomialOp, [.. common, .. ArrayBlockwise.Literals(n, categories)]), n, categories);
    }

    /// <summary>
    /// Draws from <c>0 .. a-1</c> (NumPy's <c>choice(a)</c> with an integer): with replacement by
    /// default, weighted by <paramref name="p"/> when given. Without replacement the result must be
    /// one block, as in Dask.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="a"/> is negative, <paramref name="p"/> does not fit it, more items are drawn
    /// without replacement than there are, or the result has several blocks without replacement.
    /// </exception>
    public DArray<long> Choice(long a, int[]? size = null, bool replace = true, double[]? p = null, Chunks? chunks = null)
    {
        Require(a >= 0, $"a must be >= 0; got {a}", nameof(a));
        return Choose<long>(null, a, size, replace, p, chunks);
    }

    /// <summary>Draws elements of the 1-D array <paramref name="a"/>; see <see cref="Choice(long, int[], bool, double[], Chunks)"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not 1-D, or see <see cref="Choice(long, int[], bool, double[], Chunks)"/>.</exception>
    public DArray<T> Choice<T>(DArray<T> a, int[]? size = null, bool replace = true, double[]? p = null, Chunks? chunks = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        Require(a.Rank == 1, $"a must be one-dimensional; got shape {ChunkGrid.FormatShape(a.ShapeArray)}", nameof(a));
        a.RequireKnownChunks("Choice");
        return Choose(a.Rechunk([Math.Max(1, a.Shape[0])]), a.Shape[0], size, replace, p, chunks);
    }

    /// <summary>A random permutation of <c>0 .. n-1</c> (NumPy's <c>permutation(n)</c>), drawn now and cut as <paramref name="chunks"/> says.</summary>
    /// <exception cref="ArgumentException"><paramref name="n"/> is negative.</exception>
    public DArray<long> Permutation(int n, Chunks? chunks = null)
    {
        Require(n >= 0, $"n must be >= 0; got {n}", nameof(n));
        return DArray.FromArray(new NDArray<long>([.. DrawPermutation(n).Select(i => (long)i)], [n]), chunks ?? Chunks.Auto);
    }

    /// <summary>
    /// <paramref name="x"/> with its first axis shuffled (NumPy's <c>permutation(x)</c>): as Dask
    /// does, the order is drawn now and the rows are taken lazily.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is 0-d.</exception>
    public DArray<T> Permutation<T>(DArray<T> x)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        Require(x.Rank > 0, "a 0-d array has no axis to permute", nameof(x));
        x.RequireKnownChunks("Permutation", 0);
        return x.Take(DrawPermutation(x.Shape[0]), axis: 0);
    }

    private int[] DrawPermutation(int n) => Combinatorics.GeneratePermutation(n, new BlockRandomSource(Seed, NextStream(), []));

    private DArray<T> Choose<T>(DArray<T>? population, long count, int[]? size, bool replace, double[]? p, Chunks? chunks)
        where T : unmanaged, INumber<T>
    {
        var probabilities = p is null ? null : (double[])p.Clone();
        if (probabilities is not null)
        {
            CheckProbabilities(probabilities, count, nameof(p));
        }

        var shape = size ?? [];
        var drawn = Shapes.ElementCount(shape);
        if (!replace)
        {
            var available = probabilities?.Count(v => v > 0) ?? count;
            Require(drawn <= available, $"cannot draw {drawn} items without replacement from {available}{(probabilities is null ? "" : " with non-zero probability")}", nameof(size));
            Require(count > 0 || drawn == 0, "cannot draw from an empty population", nameof(size));
        }
        else
        {
            Require(count > 0 || drawn == 0, "cannot draw from an empty population", nameof(size));
        }

        var grid = (chunks ?? Chunks.Auto).Resolve(shape, sizeof(long));
        Require(replace || ChunkGrid.BlockCounts(grid).All(c => c <= 1),
            $"drawing without replacement needs the result in one block (as in Dask); chunks {ChunkGrid.Format(grid)} make several: pass chunks: -1", nameof(chunks));
        var source = population is null ? (TaskArg)TaskArg.Literal(null) : population.OutputKeys[0];
        var result = Blocks<T>("choice", shape, Chunks.Explicit(grid), common =>
            new BlockwiseTask(ArrayOps.Name<T>("rng-choice"), [BlockwiseArg.Constant(source), BlockwiseArg.Literal(count), .. common, .. ArrayBlockwise.Literals(replace, probabilities)]),
            population?.Name, count, replace, probabilities);
        return population is null ? result : new DArray<T>(result.Name, result.ShapeArray, result.ChunkArrays, TaskGraph.Merge(result.Graph, population.Graph));
    }

    private static void CheckProbabilities(double[] p, long count, string parameter)
    {
        Require(p.Length == count && p.Length > 0, $"{parameter} must have one probability per item ({count}); got {p.Length}", parameter);
        Require(p.All(v => v >= 0 && double.IsFinite(v)), $"{parameter} must hold finite probabilities >= 0", parameter);
        var total = p.Sum();
        Require(Math.Abs(total - 1) <= 1e-7, $"{parameter} must sum to 1; it sums to {total}", parameter);
    }
}
