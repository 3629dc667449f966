using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Registers the block ops of ordering, sets and counting (called from <see cref="ArrayOps"/>'
/// module initializer): top-k selection, unique values, membership, binning, search and the
/// positions of nonzero elements.
/// </summary>
internal static class SetOps
{
    /// <summary>The op summing partial counts of different lengths: <c>(partials[], string dtype, int length)</c>.</summary>
    public const string SumPartialsOp = "array.sum-partials";

    /// <summary>The op of a histogram's density: <c>(counts, double[][] edges)</c>.</summary>
    public const string DensityOp = "array.histogram-density";

    /// <summary>Registers the ops for every element type, booleans included (NumPy sorts, counts and searches booleans).</summary>
    public static void Register()
    {
        OpRegistry.Register(SumPartialsOp, SumPartials);
        OpRegistry.Register(DensityOp, Density);
        DTypeLists.ForEach(default(Registration));
    }

    /// <summary>
    /// Partial counts (float64 blocks) summed, the shorter ones padded with zeros (bincount's
    /// blocks see different largest values); the result in the dtype named, with at least
    /// <c>length</c> elements, or exactly that many when <c>exact</c>.
    /// </summary>
    private static object? SumPartials(object?[] args)
    {
        var partials = ((object?[])args[0]!).Cast<NDArray<double>>().ToArray();
        var dtype = (string)args[1]!;
        var length = (int)args[2]!;
        var exact = (bool)args[3]!;
        var shape = partials.Length == 0 ? [length] : partials.OrderByDescending(p => p.Length).First().Shape.ToArray();
        if (shape.Length == 1)
        {
            if (exact && shape[0] > length)
            {
                throw new ArgumentException($"Bincount found the value {shape[0] - 1}, which is not below the minlength {length} the output was declared with.");
            }

            shape[0] = Math.Max(shape[0], length);
        }

        var sum = new double[shape.Aggregate(1, (n, d) => n * d)];
        foreach (var partial in partials)
        {
            for (var i = 0; i < partial.Length; i++)
            {
                sum[i] += partial.Data[i];
            }
        }

        return dtype == "int64" ? new NDArray<long>([.. sum.Select(v => (long)v)], shape) : new NDArray<double>(sum, shape);
    }

    /// <summary>Counts turned into a density: each count over the total and its bin's volume.</summary>
    private static object? Density(object?[] args)
    {
        var counts = (NDArray<double>)args[0]!;
        var edges = (double[][])args[1]!;
        var total = counts.Data.Sum();
        var result = new NDArray<double>(counts.Shape);
        var index = new int[edges.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            var volume = 1.0;
            for (var d = 0; d < edges.Length; d++)
            {
                volume *= edges[d][index[d] + 1] - edges[d][index[d]];
            }

            result.Data[i] = counts.Data[i] / total / volume;
            for (var d = edges.Length - 1; d >= 0 && ++index[d] == edges[d].Length - 1; d--)
            {
                index[d] = 0;
            }
        }

        return result;
    }

    private readonly struct Registration : IDTypeAction
    {
        public void Run<T>()
            where T : unmanaged, INumber<T>
        {
            OpRegistry.Register(ArrayOps.Name<T>("topk"), SetOps<T>.TopK);
            OpRegistry.Register(ArrayOps.Name<T>("argtopk-chunk"), SetOps<T>.ArgTopKChunk);
            OpRegistry.Register(ArrayOps.Name<T>("argtopk"), SetOps<T>.ArgTopK);
            OpRegistry.Register(ArrayOps.Name<T>("unique-chunk"), SetOps<T>.UniqueChunk);
            OpRegistry.Register(ArrayOps.Name<T>("unique-merge"), SetOps<T>.UniqueMerge);
            OpRegistry.Register(ArrayOps.Name<T>("unique-inverse"), SetOps<T>.Inverse);
            OpRegistry.Register(ArrayOps.Name<T>("isin"), SetOps<T>.IsIn);
            OpRegistry.Register(ArrayOps.Name<T>("searchsorted"), SetOps<T>.SearchSorted);
            OpRegistry.Register(ArrayOps.Name<T>("digitize"), SetOps<T>.Digitize);
            OpRegistry.Register(ArrayOps.Name<T>("bincount"), SetOps<T>.Bincount);
            OpRegistry.Register(ArrayOps.Name<T>("histogramdd"), SetOps<T>.HistogramDd);
            OpRegistry.Register(ArrayOps.Name<T>("argwhere"), SetOps<T>.ArgWhere);
        }
    }
}
