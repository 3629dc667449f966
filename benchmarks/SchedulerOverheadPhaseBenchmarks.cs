using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using MiniDask.Array;
using MiniDask.Graph;
using MiniDask.Graph.Optimization;
using MiniDask.Scheduler;

namespace MiniDask.Benchmarks;

/// <summary>
/// The phases of <see cref="SchedulerOverheadBenchmarks"/>'s tiny workload, timed apart at 10,000,
/// 100,000 and 1,000,000 blocks (<c>(ones(n, n) in 10 x 10 chunks + 1).Sum()</c>, 3.33 tasks per
/// block before fusion): building the graph (Blockwise specs and the reduction tree), optimizing
/// it (layer culling and Blockwise fusion, laying the fused tasks out, validation, inlining and
/// linear fusion), ordering the optimized tasks, and the whole compute on the local scheduler.
/// The <c>ns/block</c> column divides each mean by the block count.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project benchmarks -- --filter '*SchedulerOverheadPhaseBenchmarks*'</c>.
/// Each size is built once per iteration; the short job (one warm-up, three iterations) suits the
/// seconds that the largest size takes.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class SchedulerOverheadPhaseBenchmarks
{
    private readonly LocalScheduler scheduler = new();
    private DScalar<double> sum = null!;
    private TaskGraph optimized = TaskGraph.Empty;

    /// <summary>The number of 10 x 10 blocks.</summary>
    [Params(10_000, 100_000, 1_000_000)]
    public int Blocks { get; set; }

    /// <summary>A fresh expression for each iteration, so no phase reuses another's work.</summary>
    [IterationSetup]
    public void BuildExpression()
    {
        sum = Build();
        optimized = GraphOptimizer.Optimize(sum.Graph, sum.OutputKeys);
    }

    /// <summary>Builds the expression's graph and counts its tasks (without making them).</summary>
    [Benchmark]
    public int BuildGraph() => Build().Graph.Count;

    /// <summary>Optimizes the graph for its output: what a compute does before ordering.</summary>
    [Benchmark]
    public int Optimize() => GraphOptimizer.Optimize(sum.Graph, sum.OutputKeys).Count;

    /// <summary>Orders the optimized tasks.</summary>
    [Benchmark]
    public int[] Order() => Ordering.Priorities(optimized);

    /// <summary>The whole compute on the local scheduler (every core), graph construction excluded.</summary>
    [Benchmark]
    public double Compute() => sum.Compute(scheduler);

    private DScalar<double> Build()
    {
        var size = (int)Math.Round(Math.Sqrt(Blocks)) * 10;
        return (DArray.Ones(shape: [size, size], chunks: [10, 10]) + 1).Sum();
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(3)
                .WithId("short"));
            AddColumn(new PerBlockColumn());
        }
    }

    /// <summary>The mean time divided by the benchmark's block count.</summary>
    private sealed class PerBlockColumn : IColumn
    {
        public string Id => nameof(PerBlockColumn);

        public string ColumnName => "ns/block";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Statistics;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Mean time per 10 x 10 block, in nanoseconds";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            var blocks = benchmarkCase.Parameters[nameof(Blocks)] is int n ? n : 0;
            return mean is { } nanoseconds && blocks > 0 ? (nanoseconds / blocks).ToString("F0", System.Globalization.CultureInfo.InvariantCulture) : "-";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
