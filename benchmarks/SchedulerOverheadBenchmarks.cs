using BenchmarkDotNet.Attributes;
using MiniDask.Array;
using MiniDask.Graph;
using MiniDask.Scheduler;

namespace MiniDask.Benchmarks;

/// <summary>
/// What the local scheduler costs per task. <c>NoOpTasks</c> runs 10,000 independent tasks that
/// do nothing (so its time per task is scheduling overhead alone); <c>NoOpChain</c> the same as a
/// reduction tree; <c>Tiny</c> is the <c>minidask bench tiny</c> workload, graph construction
/// included. Divide by the task count (printed as a column) for microseconds per task.
/// <see cref="SchedulerOverheadPhaseBenchmarks"/> times the phases of the tiny workload apart
/// (build, optimize, order, run) at 10,000, 100,000 and 1,000,000 blocks.
/// </summary>
[MemoryDiagnoser]
public class SchedulerOverheadBenchmarks
{
    private const string NoOp = "bench.noop";
    private TaskGraph independent = TaskGraph.Empty;
    private List<Key> independentKeys = [];
    private TaskGraph tree = TaskGraph.Empty;
    private Key treeRoot = new("none");
    private readonly LocalScheduler scheduler = new();

    [GlobalSetup]
    public void Setup()
    {
        if (!OpRegistry.IsRegistered(NoOp))
        {
            OpRegistry.Register(NoOp, static _ => null);
        }

        var tasks = new Dictionary<Key, DaskTask>();
        for (var i = 0; i < 10_000; i++)
        {
            tasks[new Key("noop", i)] = new DaskTask(NoOp);
        }

        independent = TaskGraph.FromTasks(tasks);
        independentKeys = [.. tasks.Keys];

        var treeTasks = new Dictionary<Key, DaskTask>();
        var level = new List<Key>();
        for (var i = 0; i < 10_000; i++)
        {
            var k = new Key("leaf", i);
            treeTasks[k] = new DaskTask(NoOp);
            level.Add(k);
        }

        for (var depth = 0; level.Count > 1; depth++)
        {
            var next = new List<Key>();
            for (var g = 0; g < level.Count; g += 4)
            {
                var k = new Key($"combine-{depth}", g / 4);
                treeTasks[k] = new DaskTask(NoOp, TaskArg.Refs(level.Skip(g).Take(4)));
                next.Add(k);
            }

            level = next;
        }

        tree = TaskGraph.FromTasks(treeTasks);
        treeRoot = level[0];
    }

    /// <summary>10,000 independent no-op tasks, all requested.</summary>
    [Benchmark(OperationsPerInvoke = 10_000)]
    public object?[] NoOpTasks() => scheduler.Get(independent, independentKeys);

    /// <summary>A 4-ary reduction tree of no-ops over 10,000 leaves (13,333 tasks).</summary>
    [Benchmark(OperationsPerInvoke = 13_333)]
    public object?[] NoOpTree() => scheduler.Get(tree, [treeRoot]);

    /// <summary>The tiny workload: 10,000 blocks of 20 x 20, graph construction included; per task of the unoptimized graph.</summary>
    [Benchmark(OperationsPerInvoke = 33_336)]
    public double Tiny() => (DArray.Ones(shape: [2000, 2000], chunks: [20, 20]) + 1).Sum().Compute(scheduler);
}
