using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

/// <summary>
/// A random array and boolean mask for the masking tests: rank 0 to 3, size-0 and size-1 axes,
/// uneven chunks that differ between the array and its mask, and masks that are all false, all
/// true or random. Values are plain row-major arrays, so the reference is a loop.
/// </summary>
internal sealed record MaskCase(int Seed, int[] Shape, int[][] Chunks, int[][] MaskChunks, double[] Values, bool[] Mask, string Pattern)
{
    public static IEnumerable<object[]> Seeds(int count) => Enumerable.Range(1, count).Select(s => new object[] { s });

    public static MaskCase Create(int seed, int minRank = 0)
    {
        var rng = new Random(seed);
        var rank = rng.Next(minRank, 4);
        var shape = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var roll = rng.Next(10);
            shape[i] = roll == 0 ? 0 : roll == 1 ? 1 : rng.Next(2, 8);
        }

        var n = shape.Aggregate(1, (a, b) => a * b);
        var values = Enumerable.Range(0, n).Select(_ => Math.Round((rng.NextDouble() * 200) - 100, 2)).ToArray();
        var pattern = (seed % 4) switch { 0 => "all false", 1 => "all true", _ => "random" };
        var density = rng.NextDouble();
        var mask = Enumerable.Range(0, n).Select(_ => pattern == "all true" || (pattern == "random" && rng.NextDouble() < density)).ToArray();
        return new MaskCase(seed, shape, Uneven(rng, shape), Uneven(rng, shape), values, mask, pattern);
    }

    public static int[][] Uneven(Random rng, int[] shape) => [.. shape.Select(d => RandomCase.UnevenChunks(rng, d))];

    /// <summary>The values as <typeparamref name="T"/>: booleans are the positive values, integers the values times 10 rounded.</summary>
    public static T[] Convert<T>(double[] values)
        where T : unmanaged, INumber<T> =>
        [.. values.Select(v => typeof(T) == typeof(Bool) ? (T)(object)(Bool)(v > 0)
            : typeof(T) == typeof(int) || typeof(T) == typeof(long) ? T.CreateChecked(Math.Round(v * 10))
            : T.CreateChecked(v))];

    public T[] Convert<T>()
        where T : unmanaged, INumber<T> => Convert<T>(Values);

    public DArray<T> Array<T>()
        where T : unmanaged, INumber<T> => DArray.FromArray(new NDArray<T>(Convert<T>(Values), Shape), Chunks);

    public DArray<Bool> MaskArray() => DArray.FromArray(new NDArray<Bool>([.. Mask.Select(m => (Bool)m)], Shape), MaskChunks);

    /// <summary>NumPy's <c>x[mask]</c>: the values where the mask holds, row-major.</summary>
    public T[] Expected<T>()
        where T : unmanaged, INumber<T> => [.. Convert<T>(Values).Where((_, i) => Mask[i])];

    public override string ToString() => $"seed {Seed}: shape {Shapes.Format(Shape)}, chunks {Format(Chunks)}, mask chunks {Format(MaskChunks)}, {Pattern}";

    private static string Format(int[][] chunks) => string.Join(" x ", chunks.Select(c => Shapes.Format(c)));
}
