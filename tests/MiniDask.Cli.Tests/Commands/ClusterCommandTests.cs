using MiniDask.Array;
using MiniDask.Protocol;
using MiniDask.Scheduler.Distributed;
using static MiniDask.Cli.Tests.CliProcesses;

namespace MiniDask.Cli.Tests.Commands;

/// <summary><c>minidask scheduler</c> and <c>minidask worker</c> as real processes, stopped by SIGTERM.</summary>
public sealed class ClusterCommandTests
{
    [Fact]
    public async Task SchedulerAndWorker_StartedByHand_ComputeAndStopOnSigterm()
    {
        var token = Guid.NewGuid().ToString("N");
        var directory = Directory.CreateTempSubdirectory("minidask-cli-worker-").FullName;
        using var scheduler = Start(token, "scheduler", "--port", "0");
        try
        {
            var address = await ReadLineMatching(scheduler, SchedulerAddress());
            using var worker = Start(token, "worker", address, "--nthreads", "1", "--local-directory", directory, "--name", "by-hand");
            try
            {
                await ReadLineMatching(worker, WorkerStarted());
                await using var client = await Client.ConnectAsync(address, new ClientOptions { Comm = new CommOptions { Token = token } });

                var sum = await client.ComputeAsync((DArray.Ones(shape: [100, 100], chunks: [25, 25]) + 1).Sum());

                Assert.Equal(20_000.0, sum);
                Signal(worker);
                Assert.True(worker.WaitForExit(15_000), "the worker did not stop on SIGTERM");
                Assert.Equal(0, worker.ExitCode);
                Assert.Empty(Directory.GetFileSystemEntries(directory));
            }
            finally
            {
                Kill(worker);
            }

            Signal(scheduler);
            Assert.True(scheduler.WaitForExit(15_000), "the scheduler did not stop on SIGTERM");
            Assert.Equal(0, scheduler.ExitCode);
        }
        finally
        {
            Kill(scheduler);
            Directory.Delete(directory, recursive: true);
        }
    }
}
