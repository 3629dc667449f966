using MiniDask.Array;
using MiniDask.Array.Workloads;
using MiniDask.Bag.Workloads;
using MiniDask.Graph;
using MiniDask.Graph.Workloads;

namespace MiniDask.Cli.Bench;

/// <summary>
/// A benchmark workload: builds a fresh collection per run (graph construction is part of what
/// a user pays), and says how to turn its value into the JSON <c>result</c> field. Baseline is
/// the same computation without the engine (see <see cref="Baselines"/>).
/// </summary>
internal sealed record Workload(string Name, string Description, Func<Measurable> Build, Func<object> Baseline)
{
    /// <summary>Whether <c>minidask bench</c> runs it when no workload is named; large ones run only when named.</summary>
    public bool ByDefault { get; init; } = true;
}

/// <summary>One built workload: the collection (for its task count and graph) and the compute to time.</summary>
internal sealed record Measurable(IDaskCollection Collection, Func<IScheduler, object> Compute)
{
    /// <summary>Tasks in the collection's graph, before optimization.</summary>
    public int Tasks => Collection.Graph.Count;
}

/// <summary>The workloads <c>minidask bench</c> knows, in the order it runs them.</summary>
internal static class Workloads
{
    /// <summary>The wordcount input, made once per process: generating text is not what the workload measures.</summary>
    private static readonly Lazy<List<string>> WordCountLines = new(() => WordCount.Lines());

    public static IReadOnlyList<Workload> All { get; } =
    [
        new("sum", "DArray.Random([20000, 20000], chunks [2000, 2000]).Sum(): generation and reduction throughput", () =>
            Scalar(DArray.Random(shape: [20000, 20000], chunks: [2000, 2000], seed: 1).Sum()),
            () => Baselines.RandomSum(20000, 2000, seed: 1)),
        new("seed004", "the demo at size 10000, chunks 1000: ((x + x.T) - x.Mean(axis: 0)).Sum()", () =>
            Scalar(DemoExpression.Build(10000, 1000).Y.Sum()),
            () => Baselines.Seed004(10000, 1000, DemoExpression.Seed)),
        new("tiny", "(DArray.Ones([2000, 2000], chunks [20, 20]) + 1).Sum(): 10,000 blocks, scheduler overhead", () =>
            Scalar((DArray.Ones(shape: [2000, 2000], chunks: [20, 20]) + 1).Sum()),
            () => Baselines.OnesPlusOneSum(2000)),
        new("million", "(DArray.Ones([10000, 10000], chunks [10, 10]) + 1).Sum(): 1,000,000 blocks (3,333,667 tasks before fusion), graph size and per-task cost at scale", () =>
            Scalar((DArray.Ones(shape: [10000, 10000], chunks: [10, 10]) + 1).Sum()),
            () => Baselines.OnesPlusOneSum(10000)) { ByDefault = false },
        new("matmul", "a.MatMul(b).Sum() for a, b = DArray.Random([4000, 4000], chunks [1000, 1000]), seeds 1 and 2: block GEMM and a tree sum", () =>
            Scalar(DArray.Random(shape: [4000, 4000], chunks: [1000, 1000], seed: 1)
                .MatMul(DArray.Random(shape: [4000, 4000], chunks: [1000, 1000], seed: 2)).Sum()),
            () => Baselines.MatMulSum(4000, 1000)),
        new("outofcore", "DArray.Random([80000, 80000], chunks [4000, 4000]).Sum(): 51 GB generated and streamed through a few 128 MB blocks", () =>
            Scalar(DArray.Random(shape: [80000, 80000], chunks: [4000, 4000], seed: 1).Sum()),
            () => Baselines.RandomSum(80000, 4000, seed: 1)),
        new("wordcount", "1,000,000 lines of 10 words in 20 partitions: split, flatten, Frequencies(), TopK(3, by count)", WordCountWorkload,
            () => Baselines.WordCountTop3(WordCountLines.Value, WordCount.DefaultPartitions)),
        new("delayed", "DelayedSumTree: a binary tree of 9,999 small delayed sums over 10,000 integers, per-task overhead (seconds / tasks)", () =>
            Scalar(DelayedSumTree.Build()),
            () => DelayedSumTree.Direct()),
        new("lstsq", "Linalg.Lstsq of a 2,000,000 x 50 normal matrix in 100,000-row blocks (800 MB, never held whole) against b = A x + noise: max |x - x_true|", () =>
            LeastSquaresError(TallSkinnyLeastSquares.Build()),
            () => MaxError(TallSkinnyLeastSquares.Direct())),
        new("zarr-write", "DArray.Random([16000, 8000], chunks [2000, 2000]) (1.02 GB) stored into a Zarr array, Blosc LZ4 with byte shuffle: bytes written", ZarrWriteWorkload,
            () => ZarrRoundTrip.DirectWrite()),
        new("zarr-read", "DArray.FromZarr of that array (written once, untimed) summed: read and decompression throughput", () =>
            Scalar(DArray.FromZarr<double>(ZarrRoundTrip.ReadPath).Sum()),
            () => ZarrRoundTrip.DirectRead()),
    ];

    /// <summary>The workloads run when none is named.</summary>
    public static IReadOnlyList<Workload> Default => [.. All.Where(w => w.ByDefault)];

    /// <summary>The workload named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No workload has that name; the message lists the known ones.</exception>
    public static Workload Find(string name) =>
        All.FirstOrDefault(w => w.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown workload '{name}'. Known workloads: {string.Join(", ", All.Select(w => w.Name))}.");

    private static Measurable WordCountWorkload()
    {
        var top = WordCount.Build(WordCountLines.Value);
        return new(top, scheduler => top.Compute(scheduler).Select(p => new object[] { p.Item, p.Count }).ToArray());
    }

    private static Measurable ZarrWriteWorkload()
    {
        var source = ZarrRoundTrip.Source();
        return new(source, scheduler => ZarrRoundTrip.Write(source, scheduler));
    }

    private static Measurable LeastSquaresError(DArray<double> x) =>
        new(x, scheduler => MaxError(x.Compute(scheduler).Data));

    private static double MaxError(double[] x) =>
        x.Zip(TallSkinnyLeastSquares.TrueCoefficients(x.Length), (value, truth) => Math.Abs(value - truth)).Max();

    private static Measurable Scalar<T>(IDaskCollection<T> collection)
        where T : notnull =>
        new(collection, scheduler => collection.Compute(scheduler));
}
