using MiniDask.Graph;
using MiniDask.Protocol;
using MiniDask.Scheduler.Distributed;
using static MiniDask.Scheduler.Tests.Distributed.Cluster.FuturesOps;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>Retries, resources, worker restrictions, scatter and tasks that submit tasks, each on a cluster of real worker processes started for it.</summary>
public sealed class TaskOptionsClusterTests
{
    private const int ScatterElements = 12_500_000;
    private const long ScatterBytes = ScatterElements * 8L;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static Task<LocalCluster> StartAsync(int workers, int threads = 1, IReadOnlyList<string>? resources = null) =>
        LocalCluster.StartAsync(workers, threads, preload: [ClusterFixture.TestAssemblyPath], options: new LocalClusterOptions { WorkerResources = resources ?? [] });

    [Fact]
    public async Task SubmitAsync_RetriesTwo_TaskFailingTwiceThenSucceedsOnItsThirdAttempt()
    {
        await using var cluster = await StartAsync(workers: 1);
        await using var client = await cluster.ConnectAsync();
        var attempts = Path.Combine(Directory.CreateTempSubdirectory("minidask-retries-").FullName, "attempts");

        Future<int> future;
        using (TaskAnnotations.Annotate(new TaskAnnotations { Retries = 2 }))
        {
            future = await client.SubmitAsync(FailTimesThenCount, attempts, 2);
        }

        Assert.Equal(3, await future.ResultAsync().WaitAsync(Patience));
        Assert.Equal(3, File.ReadAllLines(attempts).Length);
        Assert.Equal(3, cluster.Scheduler.Inspect(s => s.Tasks[future.Key].RunCount));
        await future.DisposeAsync();
    }

    [Fact]
    public async Task SubmitAsync_RetriesOne_TaskFailingTwiceReportsTheSecondError()
    {
        await using var cluster = await StartAsync(workers: 1);
        await using var client = await cluster.ConnectAsync();
        var attempts = Path.Combine(Directory.CreateTempSubdirectory("minidask-retries-").FullName, "attempts");

        Future<int> future;
        using (TaskAnnotations.Annotate(new TaskAnnotations { Retries = 1 }))
        {
            future = await client.SubmitAsync(FailTimesThenCount, attempts, 2);
        }

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => future.ResultAsync().WaitAsync(Patience));
        Assert.Equal("attempt 2 fails on purpose", error.InnerException!.Message);
        Assert.Equal(2, File.ReadAllLines(attempts).Length);
        await future.DisposeAsync();
    }

    [Fact]
    public async Task Resources_GpuTasks_RunOnlyOnTheWorkerStartedWithGpuResources()
    {
        await using var cluster = await StartAsync(workers: 3, threads: 2, resources: ["", "GPU=1,MEMORY=16e9", ""]);
        await using var client = await cluster.ConnectAsync();
        var info = await client.SchedulerInfoAsync();
        var gpu = Assert.Single(info.Workers.Values, w => w.Resources.ContainsKey("GPU"));
        Assert.Equal(1, gpu.Resources["GPU"]);
        Assert.Equal(16e9, gpu.Resources["MEMORY"]);

        var gpuTasks = new List<Future<string>>();
        using (TaskAnnotations.Annotate(new TaskAnnotations { Resources = new Dictionary<string, double> { ["GPU"] = 1 } }))
        {
            for (var i = 0; i < 12; i++)
            {
                gpuTasks.Add(await client.SubmitAsync(WhereAmI, i));
            }
        }

        var cpuTasks = new List<Future<string>>();
        for (var i = 0; i < 12; i++)
        {
            cpuTasks.Add(await client.SubmitAsync(WhereAmI, 100 + i));
        }

        var gpuPlaces = await client.GatherAsync(gpuTasks);
        var cpuPlaces = await client.GatherAsync(cpuTasks);
        await client.CancelAsync([.. gpuTasks, .. cpuTasks]);

        Assert.All(gpuPlaces, place => Assert.Equal(gpu.Address, place));
        Assert.All(cpuPlaces, place => Assert.Contains(place, info.Workers.Keys));
    }

    [Fact]
    public async Task ComputeOptions_Annotations_RestrictEveryTaskOfACollectionToOneWorkerByName()
    {
        await using var cluster = await StartAsync(workers: 2);
        await using var client = await cluster.ConnectAsync();
        var x = MiniDask.Array.DArray.Ones([40, 40], chunks: [10, 10]);

        var total = await client.ComputeAsync(x.Sum(), new ComputeOptions { Annotations = new TaskAnnotations { Workers = ["local-1"] } });

        Assert.Equal(1600.0, total);
        var ran = cluster.Scheduler.Inspect(s => s.TransitionLog
            .Where(r => r.Finish == SchedulerTaskState.Processing && r.Worker is not null)
            .Select(r => r.Worker!).Distinct().ToList());
        var named = (await client.SchedulerInfoAsync()).Workers.Values.Single(w => w.Name == "local-1").Address;
        Assert.Equal([named], ran);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ScatterAsync_HundredMegabytesUsedByFiftyTasks_CrossesTheNetworkOncePerWorker(bool broadcast)
    {
        await using var cluster = await StartAsync(workers: 3);
        var traffic = new CommTraffic();
        await using var client = await Client.ConnectAsync(cluster.SchedulerAddress, new ClientOptions { Comm = cluster.ClientComm with { Traffic = traffic } });
        var data = new double[ScatterElements];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = i % 1000;
        }

        var before = traffic.Snapshot();
        await using var scattered = await client.ScatterAsync(data, broadcast);
        var sent = (traffic.Snapshot() - before).BytesSent;
        var workers = (await client.SchedulerInfoAsync()).Workers.Keys.Order().ToList();
        var holders = (await client.WhoHasAsync([scattered]))[scattered.Key];

        var reads = new List<Future<string>>();
        for (var i = 0; i < 50; i++)
        {
            // Each task is pinned to a worker in turn, so all three read the array.
            using (TaskAnnotations.Annotate(new TaskAnnotations { Workers = [workers[i % workers.Count]] }))
            {
                reads.Add(await client.SubmitAsync(ReadAt, scattered, i * 1001));
            }
        }

        var values = await client.GatherAsync(reads);
        await client.CancelAsync(reads);
        var fetched = await client.RunAsync(() => MiniDask.Scheduler.Distributed.Worker.Current.FetchedBytes);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"{i * 1001 % 1000}@{workers[i % workers.Count]}"), values);
        Assert.Equal(broadcast ? workers : [holders.Single()], holders.Order());
        Assert.InRange(sent, ScatterBytes * holders.Count, (ScatterBytes * holders.Count) + 1_000_000);
        foreach (var worker in workers)
        {
            // A holder reads the array in place; any other worker fetches it exactly once for all its tasks.
            Assert.Equal(holders.Contains(worker) ? 0 : ScatterBytes, fetched[worker], tolerance: ScatterBytes / 100);
        }
    }

    [Fact]
    public async Task GetClient_TaskSubmittingAndWaitingWhileSeceded_CompletesOnOneThread()
    {
        await using var cluster = await StartAsync(workers: 1, threads: 1);
        await using var client = await cluster.ConnectAsync();

        await using var parent = await client.SubmitAsync(SumOfSquaresFromTask, 5L);

        Assert.Equal(0L + 1 + 4 + 9 + 16, await parent.ResultAsync().WaitAsync(Patience));
    }
}
