using System.Runtime.CompilerServices;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Random arrays from NumPy's distributions (Dask's <c>da.random.default_rng</c> and
/// <c>RandomState</c>), made with <see cref="DArray.RandomGenerator"/>. As with NumPy, successive
/// calls give different numbers and a generator made again with the same seed gives the same
/// sequence of arrays. Each call is a stream of its own, and each block of it draws from a source
/// derived from the seed, the stream and the block index, so an array is the same whatever
/// scheduler computes it, on however many workers, in whatever order; the same seed and chunks
/// give the same array. Parameters carry Dask's names (<c>loc</c>, <c>scale</c>, <c>low</c>,
/// <c>high</c>, <c>size</c>); <c>size</c> null gives a 0-d array, and <c>chunks</c> null cuts
/// blocks automatically (<see cref="Chunks.Auto"/>).
/// </summary>
public sealed partial class RandomGenerator
{
    private long calls;

    internal RandomGenerator(long seed) => Seed = seed;

    /// <summary>The seed the generator's streams derive from.</summary>
    public long Seed { get; }

    /// <summary>Uniform doubles in [0, 1) (NumPy's <c>random</c>).</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the chunks do not fit.</exception>
    public DArray<double> Random(int[]? size = null, Chunks? chunks = null) => Continuous("uniform", [0, 1], size, chunks);

    /// <summary>Uniform doubles in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <exception cref="ArgumentException">A bound is not finite, a dimension is negative, or the chunks do not fit.</exception>
    public DArray<double> Uniform(double low = 0, double high = 1, int[]? size = null, Chunks? chunks = null)
    {
        Require(double.IsFinite(low) && double.IsFinite(high), $"low and high must be finite; got {low} and {high}", nameof(low));
        return Continuous("uniform", [low, high], size, chunks);
    }

    /// <summary>Normal (Gaussian) doubles with mean <paramref name="loc"/> and standard deviation <paramref name="scale"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="scale"/> is negative, a dimension is negative, or the chunks do not fit.</exception>
    public DArray<double> Normal(double loc = 0, double scale = 1, int[]? size = null, Chunks? chunks = null)
    {
        Require(scale >= 0, $"scale must be >= 0; got {scale}", nameof(scale));
        return Continuous("normal", [loc, scale], size, chunks);
    }

    /// <summary>Standard normal doubles (mean 0, standard deviation 1).</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the chunks do not fit.</exception>
    public DArray<double> StandardNormal(int[]? size = null, Chunks? chunks = null) => Continuous("normal", [0, 1], size, chunks);

    /// <summary>Exponential doubles with mean <paramref name="scale"/> (rate <c>1 / scale</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="scale"/> is negative, a dimension is negative, or the chunks do not fit.</exception>
    public DArray<double> Exponential(double scale = 1, int[]? size = null, Chunks? chunks = null)
    {
        Require(scale >= 0, $"scale must be >= 0; got {scale}", nameof(scale));
        return Continuous("exponential", [scale], size, chunks);
    }

    /// <summary>Gamma doubles with shape <paramref name="shape"/> and scale <paramref name="scale"/> (mean <c>shape * scale</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="shape"/> is not positive, <paramref name="scale"/> is negative, a dimension is negative, or the chunks do not fit.</exception>
    public DArray<double> Gamma(double shape, double scale = 1, int[]? size = null, Chunks? chunks = null)
    {
        Require(shape > 0, $"shape must be > 0; got {shape}", nameof(shape));
        Require(scale >= 0, $"scale must be >= 0; got {scale}", nameof(scale));
        return Continuous("gamma", [shape, scale], size, chunks);
    }

    /// <summary>Beta doubles in [0, 1] with parameters <paramref name="a"/> and <paramref name="b"/>.</summary>
    /// <exception cref="ArgumentException">A parameter is not positive, a dimension is negative, or the chunks do not fit.</exception>
    public DArray<double> Beta(double a, double b, int[]? size = null, Chunks? chunks = null)
    {
        Require(a > 0 && b > 0, $"a and b must be > 0; got {a} and {b}", nameof(a));
        return Continuous("beta", [a, b], size, chunks);
    }

    /// <summary>Chi-square doubles with <paramref name="df"/> degrees of freedom.</summary>
    /// <exception cref="ArgumentException"><paramref name="df"/> is not positive, a dimension is negative, or the chunks do not fit.</exception>
    public DArray<double> ChiSquare(double df, int[]? size = null, Chunks? chunks = null)
    {
        Require(df > 0, $"df must be > 0; got {df}", nameof(df));
        return Continuous("chisquare", [df], size, chunks);
    }

    /// <summary>Log-normal doubles: <c>exp</c> of normal draws with mean <paramref name="mean"/> and standard deviation <paramref name="sigma"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="sigma"/> is negative, a dimension is negative, or the chunks do not fit.</exception>
    public DArray<double> LogNormal(double mean = 0, double sigma = 1, int[]? size = null, Chunks? chunks = null)
    {
        Require(sigma >= 0, $"sigma must be >= 0; got {sigma}", nameof(sigma));
        return Continuous("lognormal", [mean, sigma], size, chunks);
    }

    /// <summary>Student's t doubles with <paramref name="df"/> degrees of freedom.</summary>
    /// <exception cref="ArgumentException"><paramref name="df"/> is not positive, a dimension is negative, or the chunks do not fit.</exception>
    public DArray<double> StandardT(double df, int[]? size = null, Chunks? chunks = null)
    {
        Require(df > 0, $"df must be > 0; got {df}", nameof(df));
        return Continuous("standard_t", [df], size, chunks);
    }

    /// <summary>A summary: the seed and how many arrays the generator has made.</summary>
    public override string ToString() => $"RandomGenerator(seed={Seed}, calls={Volatile.Read(ref calls)})";

    /// <summary>The stream of the next call: each call draws numbers of its own.</summary>
    private long NextStream() => Interlocked.Increment(ref calls);

    private DArray<long> Counts(string distribution, double[] parameters, int[]? size, Chunks? chunks) =>
        Blocks<long>(distribution, size, chunks, common => new BlockwiseTask(RandomBlockOps.CountOp, [.. common, .. ArrayBlockwise.Literals(distribution, parameters)]), parameters);

    private DArray<double> Continuous(string distribution, double[] parameters, int[]? size, Chunks? chunks) =>
        Blocks<double>(distribution, size, chunks, common => new BlockwiseTask(RandomBlockOps.ContinuousOp, [.. common, .. ArrayBlockwise.Literals(distribution, parameters)]), parameters);

    /// <summary>
    /// An array of <paramref name="size"/> cut as <paramref name="chunks"/> says, each block drawn
    /// by the task <paramref name="task"/> makes from the arguments every random block starts
    /// with: the seed, this call's stream, the block's index and the block's shape.
    /// </summary>
    private DArray<T> Blocks<T>(string distribution, int[]? size, Chunks? chunks, Func<BlockwiseArg[], BlockwiseTask> task, params object?[] tokens)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        var shape = size is null ? [] : (int[])size.Clone();
        var grid = (chunks ?? Chunks.Auto).Resolve(shape, Unsafe.SizeOf<T>());
        var stream = NextStream();
        var name = Tokenize.Name(distribution.Replace('_', '-'), Seed, stream, shape, grid, tokens);
        BlockwiseArg[] common = [BlockwiseArg.Literal(Seed), BlockwiseArg.Literal(stream), ArrayBlockwise.BlockIndex(grid), ArrayBlockwise.BlockShape(grid)];
        return DArray<T>.FromNode(ArrayBlockwise.Build(name, ArrayBlockwise.Letters(grid.Length), grid, DTypes.NameOf<T>(), task(common), [], shape));
    }

    private static void Require(bool valid, string message, string parameter)
    {
        if (!valid)
        {
            throw new ArgumentException(message + ".", parameter);
        }
    }
}
