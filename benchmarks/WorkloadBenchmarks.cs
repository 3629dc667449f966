using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using MiniDask.Cli.Bench;
using MiniDask.Graph;
using MiniDask.Scheduler;
using MiniDask.Scheduler.Distributed;

namespace MiniDask.Benchmarks;

/// <summary>
/// Every <c>minidask bench</c> workload three ways: the single-node baseline (the same computation
/// written directly over arrays on all cores, no engine; the ratio column is relative to it),
/// MiniDask on the local scheduler with every core, and MiniDask on a LocalCluster of 2 worker
/// processes of 1 thread each. The workloads and baselines are the very ones <c>minidask bench</c>
/// runs (src/Cli/Bench), so the two agree.
/// </summary>
/// <remarks>
/// The job suits a small machine: one process per case, one warm-up and three timed runs of one
/// operation each (the workloads take from milliseconds to tens of seconds, so no pilot stage).
/// Run all of it with <c>dotnet run -c Release --project benchmarks -- --filter '*WorkloadBenchmarks*'</c>;
/// <c>MINIDASK_BENCH_WORKLOADS=sum,tiny</c> picks workloads.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class WorkloadBenchmarks
{
    private LocalScheduler local = new();
    private LocalCluster? cluster;
    private Client? client;
    private Workload workload = Workloads.All[0];

    /// <summary>The workload, by its <c>minidask bench</c> name.</summary>
    [ParamsSource(nameof(Names))]
    public string Name { get; set; } = "";

    /// <summary>
    /// Every workload's name that <c>minidask bench</c> runs by default, in its order, or those listed (comma-separated)
    /// in the environment variable <c>MINIDASK_BENCH_WORKLOADS</c>.
    /// </summary>
    public static IEnumerable<string> Names =>
        Environment.GetEnvironmentVariable("MINIDASK_BENCH_WORKLOADS") is { Length: > 0 } chosen
            ? chosen.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => Workloads.Find(n).Name)
            : Workloads.Default.Select(w => w.Name);

    /// <summary>Finds the workload and makes the local scheduler.</summary>
    [GlobalSetup(Targets = [nameof(Baseline), nameof(Local)])]
    public void Setup()
    {
        workload = Workloads.Find(Name);
        local = new LocalScheduler();
    }

    /// <summary>Also starts a 2-worker LocalCluster (scheduler in this process, workers as processes) and connects.</summary>
    [GlobalSetup(Target = nameof(Distributed))]
    public void SetupCluster()
    {
        Setup();
        cluster = LocalCluster.StartAsync(workers: 2, threadsPerWorker: 1).GetAwaiter().GetResult();
        client = cluster.ConnectAsync().GetAwaiter().GetResult();
    }

    /// <summary>Stops the cluster, if one was started.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        client?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        cluster?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The single-node baseline.</summary>
    [Benchmark(Baseline = true)]
    public object Baseline() => workload.Baseline();

    /// <summary>MiniDask on the local scheduler, graph construction included.</summary>
    [Benchmark]
    public object Local() => workload.Build().Compute(local);

    /// <summary>MiniDask on 2 worker processes of 1 thread, graph construction included.</summary>
    [Benchmark]
    public object Distributed() => workload.Build().Compute(client!);

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithId("short"));
    }
}
