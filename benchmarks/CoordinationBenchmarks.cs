using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MiniDask.Scheduler.Distributed;

namespace MiniDask.Benchmarks;

/// <summary>
/// Round trips of actors and coordination objects on a local cluster (2 worker processes, 1 thread
/// each, on loopback): one actor call (client to the actor's worker and back, not through the
/// scheduler), one queue put followed by one get (two requests to the scheduler), and a lock
/// acquire and release. Operations per second are 1 / (time per operation), times the operations
/// each benchmark does (2 for the queue and the lock).
/// Run: <c>dotnet run -c Release --project benchmarks -- --filter '*CoordinationBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class CoordinationBenchmarks
{
    private LocalCluster? cluster;
    private Client? client;
    private ActorHandle<BenchCounter>? counter;
    private DistributedQueue<int>? queue;
    private DistributedLock? gate;

    /// <summary>Starts the cluster, makes the actor, the queue and the lock.</summary>
    [GlobalSetup]
    public void Setup()
    {
        // MiniDask.* assemblies count as shipped with workers, so this one is preloaded rather than uploaded.
        cluster = LocalCluster.StartAsync(workers: 2, threadsPerWorker: 1, preload: [typeof(BenchCounter).Assembly.Location]).GetAwaiter().GetResult();
        client = cluster.ConnectAsync().GetAwaiter().GetResult();
        counter = client.SubmitActorAsync<BenchCounter>().GetAwaiter().GetResult();
        queue = client.Queue<int>("bench-queue");
        gate = client.Lock("bench-lock");
    }

    /// <summary>Stops the cluster.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        client?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        cluster?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>One call of an actor method, awaited.</summary>
    [Benchmark]
    public int ActorCall() => counter!.CallAsync(c => c.Increment(1)).GetAwaiter().GetResult();

    /// <summary>One put and one get on a queue, each awaited.</summary>
    [Benchmark]
    public int QueuePutThenGet()
    {
        queue!.PutAsync(7).GetAwaiter().GetResult();
        return queue.GetAsync().GetAwaiter().GetResult();
    }

    /// <summary>One acquire and one release of a free lock, each awaited.</summary>
    [Benchmark]
    public void LockAcquireThenRelease()
    {
        gate!.AcquireAsync().GetAwaiter().GetResult();
        gate.ReleaseAsync().GetAwaiter().GetResult();
    }

    private sealed class Config : ManualConfig
    {
        // In process: the work measured runs in the scheduler and worker processes, and building a
        // separate benchmark program would only add minutes to every run.
        public Config() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Throughput)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("short-inprocess"));
    }
}

/// <summary>The actor the benchmark calls.</summary>
public sealed class BenchCounter
{
    /// <summary>The count so far.</summary>
    public int Value { get; private set; }

    /// <summary>Adds <paramref name="by"/> and returns the count.</summary>
    public int Increment(int by) => Value += by;
}
