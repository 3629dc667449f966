using System.Numerics.Tensors;
using MiniDask.Bag.Workloads;
using MiniDask.Kernels;

namespace MiniDask.Cli.Bench;

/// <summary>
/// The single-node baselines: each workload's computation written directly over arrays and
/// lists, as a careful engineer would without an engine (Parallel.For over all cores,
/// TensorPrimitives, one native BLAS call, whole arrays materialized where that is the natural
/// way). They generate the same random numbers as the workloads (<see cref="BlockRandom"/>, block
/// by block), so results agree up to the order of floating-point additions.
/// </summary>
internal static class Baselines
{
    /// <summary>One loop body per core: more would only add scratch buffers.</summary>
    private static readonly ParallelOptions Cores = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>Sum of uniform random numbers generated block by block into one reused buffer per thread.</summary>
    public static double RandomSum(int size, int chunk, long seed)
    {
        using var scratch = new ThreadLocal<double[]>(() => new double[chunk * chunk]);
        var perAxis = size / chunk;
        var total = 0.0;
        var gate = new object();
        Parallel.For(
            0,
            perAxis * perAxis,
            Cores,
            () => 0.0,
            (block, _, sum) =>
            {
                var buffer = scratch.Value!;
                BlockRandom.FillUniform(buffer, seed, [block / perAxis, block % perAxis]);
                return sum + TensorPrimitives.Sum<double>(buffer);
            },
            sum =>
            {
                lock (gate)
                {
                    total += sum;
                }
            });
        return total;
    }

    /// <summary>
    /// The demo, <c>((x + x.T) - x.Mean(axis: 0)).Sum()</c>: x materialized whole, its column means,
    /// then the sum over tiles of x plus the transposed tile minus the means, without materializing y.
    /// </summary>
    public static double Seed004(int size, int chunk, long seed)
    {
        var x = Materialize(size, chunk, seed);
        var perAxis = size / chunk;
        var columnSums = new double[size];
        var gate = new object();
        Parallel.For(
            0,
            perAxis,
            Cores,
            () => new double[size],
            (rowBlock, _, sums) =>
            {
                for (var i = rowBlock * chunk; i < (rowBlock + 1) * chunk; i++)
                {
                    TensorPrimitives.Add(sums, x.AsSpan(i * size, size), sums);
                }

                return sums;
            },
            sums =>
            {
                lock (gate)
                {
                    TensorPrimitives.Add(columnSums, sums, columnSums);
                }
            });
        var means = new double[size];
        TensorPrimitives.Divide(columnSums, size, means);

        var total = 0.0;
        using var scratch = new ThreadLocal<double[]>(() => new double[chunk * chunk]);
        Parallel.For(
            0,
            perAxis * perAxis,
            Cores,
            () => 0.0,
            (tile, _, sum) =>
            {
                // y's tile (ti, tj) is x's tile plus the transpose of x's tile (tj, ti), less the means.
                int ti = tile / perAxis, tj = tile % perAxis;
                var transposed = scratch.Value!;
                for (var r0 = 0; r0 < chunk; r0 += 32)
                {
                    for (var c0 = 0; c0 < chunk; c0 += 32)
                    {
                        for (var r = r0; r < Math.Min(r0 + 32, chunk); r++)
                        {
                            for (var c = c0; c < Math.Min(c0 + 32, chunk); c++)
                            {
                                transposed[(c * chunk) + r] = x[(((tj * chunk) + r) * size) + (ti * chunk) + c];
                            }
                        }
                    }
                }

                for (var i = 0; i < chunk; i++)
                {
                    var row = transposed.AsSpan(i * chunk, chunk);
                    TensorPrimitives.Add(row, x.AsSpan((((ti * chunk) + i) * size) + (tj * chunk), chunk), row);
                    TensorPrimitives.Subtract(row, means.AsSpan(tj * chunk, chunk), row);
                    sum += TensorPrimitives.Sum<double>(row);
                }

                return sum;
            },
            sum =>
            {
                lock (gate)
                {
                    total += sum;
                }
            });
        return total;
    }

    /// <summary>Two random matrices materialized whole, one GEMM call of the native BLAS, and a sum.</summary>
    public static double MatMulSum(int size, int chunk)
    {
        var a = new NDArray<double>(Materialize(size, chunk, 1), [size, size]);
        var b = new NDArray<double>(Materialize(size, chunk, 2), [size, size]);
        Gemm.SetNativeThreads(Environment.ProcessorCount);
        try
        {
            return TensorPrimitives.Sum<double>(Gemm.Multiply(a, b).Span);
        }
        finally
        {
            Gemm.SetNativeThreads(1);
        }
    }

    /// <summary><c>(ones + 1).Sum()</c> over one whole array.</summary>
    public static double OnesPlusOneSum(int size)
    {
        var x = new double[size * size];
        x.AsSpan().Fill(1.0);
        TensorPrimitives.Add(x, 1.0, x);
        return TensorPrimitives.Sum<double>(x);
    }

    /// <summary>
    /// Word frequencies counted per partition in parallel, without allocating a string per word
    /// (span keys through the dictionary's alternate lookup), merged, then the three most frequent.
    /// </summary>
    public static object[][] WordCountTop3(List<string> lines, int partitions)
    {
        var counts = new Dictionary<string, long>();
        var gate = new object();
        var per = (lines.Count + partitions - 1) / partitions;
        Parallel.For(
            0,
            partitions,
            Cores,
            () => new Dictionary<string, long>(),
            (partition, _, local) =>
            {
                var lookup = local.GetAlternateLookup<ReadOnlySpan<char>>();
                for (var i = partition * per; i < Math.Min(lines.Count, (partition + 1) * per); i++)
                {
                    foreach (var range in lines[i].AsSpan().Split(' '))
                    {
                        var word = lines[i].AsSpan()[range];
                        lookup[word] = lookup.TryGetValue(word, out var n) ? n + 1 : 1;
                    }
                }

                return local;
            },
            local =>
            {
                lock (gate)
                {
                    foreach (var (word, n) in local)
                    {
                        counts[word] = counts.GetValueOrDefault(word) + n;
                    }
                }
            });

        // Ties keep the vocabulary's order, as the bag's TopK keeps first occurrences.
        return [.. counts
            .OrderByDescending(p => p.Value)
            .ThenBy(p => WordCount.Vocabulary.ToList().IndexOf(p.Key))
            .Take(3)
            .Select(p => new object[] { p.Key, p.Value })];
    }

    /// <summary>A square random array materialized whole, block by block with the workloads' generator.</summary>
    private static double[] Materialize(int size, int chunk, long seed)
    {
        using var scratch = new ThreadLocal<double[]>(() => new double[chunk * chunk]);
        var x = GC.AllocateUninitializedArray<double>(size * size);
        var perAxis = size / chunk;
        Parallel.For(
            0,
            perAxis * perAxis,
            Cores,
            () => 0,
            (block, _, state) =>
            {
                var buffer = scratch.Value!;
                int bi = block / perAxis, bj = block % perAxis;
                BlockRandom.FillUniform(buffer, seed, [bi, bj]);
                for (var r = 0; r < chunk; r++)
                {
                    buffer.AsSpan(r * chunk, chunk).CopyTo(x.AsSpan(((bi * chunk) + r) * size + (bj * chunk), chunk));
                }

                return state;
            },
            _ => { });
        return x;
    }
}
