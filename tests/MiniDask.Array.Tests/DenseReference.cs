using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

/// <summary>Plain dense references: NumPy semantics written as loops over row-major data.</summary>
internal static class DenseReference
{
    /// <summary>Shapes with uneven chunks, size-1 axes, size-0 axes and a 0-d array.</summary>
    public static readonly (int[] Shape, int[] Chunks)[] Cases =
    [
        ([7, 5], [3, 2]),
        ([6], [4]),
        ([4, 1, 3], [3, 1, 2]),
        ([1, 1], [1, 1]),
        ([0, 4], [2, 3]),
        ([5, 0], [2, 2]),
        ([], []),
    ];

    public static double[] Values(int n, int seed, bool positive = false)
    {
        var random = new System.Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => Math.Round((positive ? 0.25 : -3) + (random.NextDouble() * 6), 3))];
    }

    /// <summary>The element of a broadcast operand read at output index <paramref name="outIndex"/>.</summary>
    public static T At<T>(T[] data, int[] shape, int[] outIndex)
    {
        var skip = outIndex.Length - shape.Length;
        var own = new int[shape.Length];
        for (var i = 0; i < shape.Length; i++)
        {
            own[i] = shape[i] == 1 ? 0 : outIndex[i + skip];
        }

        return data[ArrayIndex.Ravel(own, shape)];
    }

    public static int[] Broadcast(params int[][] shapes)
    {
        var rank = shapes.Max(s => s.Length);
        var result = new int[rank];
        for (var i = 1; i <= rank; i++)
        {
            result[^i] = shapes.Select(s => i <= s.Length ? s[^i] : 1).Where(d => d != 1).DefaultIfEmpty(1).First();
        }

        return result;
    }

    public static TOut[] Binary<T, TOut>(T[] x, int[] xShape, T[] y, int[] yShape, Func<T, T, TOut> f)
    {
        var shape = Broadcast(xShape, yShape);
        return [.. Enumerable.Range(0, ArrayIndex.Count(shape)).Select(i =>
        {
            var index = ArrayIndex.Unravel(i, shape);
            return f(At(x, xShape, index), At(y, yShape, index));
        })];
    }

    /// <summary>Reduces along <paramref name="axes"/> (null for all) with <paramref name="f"/> over each group, in row-major order.</summary>
    public static (TOut[] Data, int[] Shape) Reduce<T, TOut>(T[] data, int[] shape, int[]? axes, bool keepDims, Func<List<T>, TOut> f)
    {
        var reduced = new bool[shape.Length];
        foreach (var a in axes ?? [.. Enumerable.Range(0, shape.Length)])
        {
            reduced[a < 0 ? a + shape.Length : a] = true;
        }

        var kept = shape.Select((d, i) => reduced[i] ? 1 : d).ToArray();
        var groups = Enumerable.Range(0, ArrayIndex.Count(kept)).Select(_ => new List<T>()).ToArray();
        for (var i = 0; i < data.Length; i++)
        {
            var index = ArrayIndex.Unravel(i, shape);
            groups[ArrayIndex.Ravel([.. index.Select((v, a) => reduced[a] ? 0 : v)], kept)].Add(data[i]);
        }

        var outShape = keepDims ? kept : [.. shape.Where((_, i) => !reduced[i])];
        return ([.. groups.Select(f)], outShape);
    }

    public static bool[] Bools(NDArray<Bool> x) => [.. x.Data.Select(b => (bool)b)];
}
