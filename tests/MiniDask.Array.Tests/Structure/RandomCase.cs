using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

/// <summary>A random shape (size-1 and size-0 axes included) with uneven chunks, its dense data and the chunked array over it.</summary>
internal sealed record RandomCase(int Seed, int[] Shape, int[][] Chunks, Dense Dense, DArray<double> Array)
{
    public static IEnumerable<object[]> Seeds(int count) => Enumerable.Range(1, count).Select(s => new object[] { s });

    public static RandomCase Create(int seed, bool allowEmpty = true)
    {
        var rng = new Random(seed);
        var rank = rng.Next(1, 4);
        var shape = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var roll = rng.Next(10);
            shape[i] = roll == 0 && allowEmpty ? 0 : roll == 1 ? 1 : rng.Next(2, 9);
        }

        var chunks = shape.Select(d => UnevenChunks(rng, d)).ToArray();
        var dense = Dense.Random(shape, seed);
        var array = DArray.FromArray(new NDArray<double>(dense.Data, shape), chunks);
        return new RandomCase(seed, shape, chunks, dense, array);
    }

    public static int[] UnevenChunks(Random rng, int dim)
    {
        if (dim == 0)
        {
            return [0];
        }

        var chunks = new List<int>();
        var left = dim;
        while (left > 0)
        {
            var c = Math.Min(left, rng.Next(1, 4));
            chunks.Add(c);
            left -= c;
        }

        return [.. chunks];
    }

    public override string ToString() => $"seed {Seed}: shape {Shapes.Format(Shape)}";
}
