using MiniDask.Protocol.Messages;
using MiniDask.Scheduler.Distributed;
using MiniDask.Testing;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>A worker past 95% of its memory limit ends its process, as Dask's nanny kills it: the task runs again on a fresh worker instead of failing.</summary>
public sealed class MemoryTerminationTests
{
    [Fact]
    public async Task Submit_TaskPastTheWorkersMemoryLimitOnce_WorkerIsRestartedAndTheTaskSucceedsOnTheNext()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"minidask-hog-{Guid.NewGuid():N}");
        try
        {
            await using var cluster = await LocalCluster.StartAsync(workers: 1, memoryLimit: 64_000_000, preload: [ClusterFixture.TestAssemblyPath]);
            await using var client = await cluster.ConnectAsync();

            var result = await (await client.SubmitAsync(HogOnce, marker, 256)).ResultAsync().WaitAsync(TimeSpan.FromSeconds(120));

            Assert.Equal(42L, result);
            await Eventually.HoldsAsync(() => cluster.WorkerProcesses.Count(p => p.HasExited) == 1, "the worker that went past its limit to have exited");
            Assert.Equal(WorkerExitCodes.MemoryLimit, cluster.WorkerProcesses.Single(p => p.HasExited).ExitCode);
            Assert.Equal(2, cluster.WorkerProcesses.Count);
        }
        finally
        {
            File.Delete(marker);
        }
    }

    /// <summary>The first run (no marker file yet) holds <paramref name="megabytes"/> MB, every page touched, until its worker ends; later runs return 42.</summary>
    private static long HogOnce(string marker, int megabytes)
    {
        if (File.Exists(marker))
        {
            return 42;
        }

        File.WriteAllText(marker, "hogging");
        var blocks = new List<byte[]>();
        for (var i = 0; i < megabytes; i++)
        {
            var block = new byte[1 << 20];
            for (var page = 0; page < block.Length; page += 4096)
            {
                block[page] = 1;
            }

            blocks.Add(block);
        }

        Thread.Sleep(TimeSpan.FromSeconds(30));
        return blocks.Count;
    }
}
