using System.Diagnostics;
using System.Globalization;
using MiniDask.Array;
using MiniDask.Scheduler.Distributed;
using Xunit.Abstractions;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>
/// A rechunk from row blocks to column blocks, and a persist, of an array larger than the one
/// worker's memory limit: both complete with the right result, the persist spills, and the
/// worker's peak resident memory is reported. By default a 3000 x 3000 array (72 MB) on a 32 MiB
/// worker; with <c>MINIDASK_MEMORY_TESTS=full</c> the 12000 x 12000 array (1.15 GB) on a 256 MiB
/// worker, which takes minutes.
/// </summary>
public sealed class MemoryLimitTests(ITestOutputHelper output)
{
    private const int RowsPerBlock = 250;

    private static (int N, long Limit) Case =>
        Environment.GetEnvironmentVariable("MINIDASK_MEMORY_TESTS") == "full" ? (12_000, 256L << 20) : (3_000, 32L << 20);

    /// <summary>With the default intermediate block limit (128 MiB, Dask's) and with an eighth of the worker's limit.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public async Task RechunkRowsToColumnsThenSum_ArrayLargerThanTheWorkerLimit_CompletesWithTheLocalSum(int limitDivisor)
    {
        var (n, limit) = Case;
        var x = DArray.Random([n, n], [RowsPerBlock, n], seed: 17);
        var expected = x.Sum().Compute(new LocalScheduler(threads: 2));
        long? blockSizeLimit = limitDivisor == 0 ? null : limit / limitDivisor;

        var (total, report) = await OnOneWorkerAsync(limit, (_, client) => client.ComputeAsync(x.Rechunk([n, RowsPerBlock], blockSizeLimit).Sum()));

        Assert.Equal(expected, total, expected * 1e-12);
        output.WriteLine($"rechunk rows->columns (block size limit {(blockSizeLimit is { } b ? $"{b >> 20} MiB" : "default")}) then sum, {n} x {n} float64: {report}");
    }

    [Fact]
    public async Task Persist_ArrayLargerThanTheWorkerLimit_SpillsAndComputesFromThePersistedBlocks()
    {
        var (n, limit) = Case;
        var x = DArray.Random([n, n], [RowsPerBlock, n], seed: 19);
        var expected = x.Sum().Compute(new LocalScheduler(threads: 2));

        var ((total, spilled), report) = await OnOneWorkerAsync(limit, async (cluster, client) =>
        {
            var persisted = await client.PersistAsync(x);
            var sum = await client.ComputeAsync(x.Sum(), new MiniDask.Graph.ComputeOptions { InlineCheapRoots = false });
            var spilled = await SpilledBytesAsync(cluster);
            await client.CancelAsync(persisted);
            return (sum, spilled);
        });

        Assert.Equal(expected, total, expected * 1e-12);
        Assert.True(spilled > 0, $"nothing spilled: {report}");
        output.WriteLine($"persist then sum, {n} x {n} float64: {report}, {spilled >> 20} MiB spilled while persisted");
    }

    /// <summary>The spilled bytes heartbeats report, once above zero or after 10 s (heartbeats lag the worker).</summary>
    private static async Task<long> SpilledBytesAsync(LocalCluster cluster)
    {
        var clock = Stopwatch.StartNew();
        long spilled;
        while ((spilled = cluster.Scheduler.Workers.Values.Sum(w => w.SpilledBytes)) == 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        return spilled;
    }

    private static async Task<(T Result, RunReport Report)> OnOneWorkerAsync<T>(long limit, Func<LocalCluster, Client, Task<T>> run)
    {
        var directory = Directory.CreateTempSubdirectory("minidask-memory-test-").FullName;
        try
        {
            var options = new LocalClusterOptions { LocalDirectory = directory, HeartbeatInterval = TimeSpan.FromMilliseconds(100) };
            await using var cluster = await LocalCluster.StartAsync(workers: 1, threadsPerWorker: 1, memoryLimit: limit, options: options);
            await using var client = await cluster.ConnectAsync();
            var baseline = Rss(cluster.WorkerProcesses[0], "VmRSS:");
            var clock = Stopwatch.StartNew();
            var result = await run(cluster, client).WaitAsync(TimeSpan.FromMinutes(15));
            return (result, new RunReport(limit, clock.Elapsed.TotalSeconds, baseline, Rss(cluster.WorkerProcesses[0], "VmHWM:")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A resident memory figure of the process in bytes: <c>VmRSS:</c> now, or <c>VmHWM:</c> its peak.</summary>
    private static long Rss(Process process, string field) =>
        long.Parse(File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;

    private sealed record RunReport(long Limit, double Seconds, long BaselineRss, long PeakRss)
    {
        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"worker limit {Limit >> 20} MiB, {Seconds:0.0} s, worker RSS {BaselineRss >> 20} MiB idle, peak {PeakRss >> 20} MiB ({(double)(PeakRss - BaselineRss) / Limit:0.00}x the limit above idle)");
    }
}
