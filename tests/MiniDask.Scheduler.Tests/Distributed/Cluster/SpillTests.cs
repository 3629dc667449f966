using MiniDask.Graph;
using MiniDask.Scheduler.Distributed;
using static MiniDask.Scheduler.Tests.TestOps;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>A worker with a small memory limit spills results to its directory and removes it on exit.</summary>
public sealed class SpillTests
{
    [Fact]
    public async Task Get_ResultsBeyondTheMemoryLimit_SpillAndTheDirectoryIsRemovedOnExit()
    {
        var directory = Directory.CreateTempSubdirectory("minidask-spill-test-").FullName;
        try
        {
            var options = new LocalClusterOptions { LocalDirectory = directory, HeartbeatInterval = TimeSpan.FromMilliseconds(100) };
            long spilled;
            await using (var cluster = await LocalCluster.StartAsync(workers: 1, threadsPerWorker: 1, memoryLimit: 1_000_000, preload: [ClusterFixture.TestAssemblyPath], options: options))
            {
                await using var client = await cluster.ConnectAsync();
                var tasks = Enumerable.Range(0, 30).ToDictionary(i => new Key("big", i), i => T(Big, L(16_384), L(i)));
                var keys = tasks.Keys.ToList();

                var results = await client.GetAsync(TaskGraph.FromTasks(tasks), keys).WaitAsync(TimeSpan.FromSeconds(60));

                Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), results.Select(r => ((long[])r!)[0]));
                Assert.All(results, r => Assert.Equal(16_384, ((long[])r!).Length));
                Assert.NotEmpty(Directory.GetDirectories(directory));
                spilled = await SpilledBytes(cluster, expected: 1_000_000);
            }

            Assert.True(spilled > 1_000_000, $"spilled {spilled} bytes, expected most of the 3.9 MB of results");
            Assert.Empty(Directory.GetFileSystemEntries(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// The spilled bytes the scheduler knows of, once they pass <paramref name="expected"/> or after
    /// 10 s: heartbeats carry them, so a reading taken mid-run lags what the worker has written.
    /// </summary>
    private static async Task<long> SpilledBytes(LocalCluster cluster, long expected)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long spilled;
        while ((spilled = cluster.Scheduler.Workers.Values.Sum(w => w.SpilledBytes)) <= expected && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        return spilled;
    }
}
