using System.Diagnostics;
using System.Text.RegularExpressions;
using MiniDask.Array;
using MiniDask.Protocol;
using MiniDask.Scheduler.Distributed;
using static MiniDask.Cli.Tests.CliProcesses;

namespace MiniDask.Cli.Tests.Commands;

/// <summary>Workers started by the command line on one <c>--local-directory</c>: each locks its own directory, and a new one purges what killed ones left.</summary>
public sealed partial class WorkDirectoryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Worker_StartedWhereAKilledWorkerSpilled_PurgesItsDirectoryButNotALiveWorkers()
    {
        var token = Guid.NewGuid().ToString("N");
        var local = Directory.CreateTempSubdirectory("minidask-workdirs-").FullName;
        var processes = new List<Process>();
        try
        {
            var scheduler = Track(Start(token, "scheduler", "--port", "0"));
            var address = await ReadLineMatching(scheduler, SchedulerAddress());
            var killed = Track(Start(token, "worker", address, "--memory-limit", "20MB", "--local-directory", local, "--name", "killed"));
            var killedDirectory = await ReadLineMatching(killed, SpillDirectory());

            // 32 MB persisted on a worker that spills past 12 MB.
            await using (var client = await Client.ConnectAsync(address, new ClientOptions { Comm = new CommOptions { Token = token } }))
            {
                var persisted = await client.PersistAsync(DArray.Ones(shape: [2000, 2000], chunks: [250, 250]));
                await client.GatherAsync(persisted).WaitAsync(Timeout);
                Assert.NotEmpty(Directory.GetFiles(killedDirectory));

                // A worker starting beside a live one leaves the live one's directory alone.
                var alive = Track(Start(token, "worker", address, "--local-directory", local, "--name", "alive"));
                var aliveDirectory = await ReadLineMatching(alive, SpillDirectory());
                Assert.True(Directory.Exists(killedDirectory));

                killed.Kill();
                await killed.WaitForExitAsync().WaitAsync(Timeout);
                Assert.NotEmpty(Directory.GetFiles(killedDirectory));

                var next = Track(Start(token, "worker", address, "--local-directory", local, "--name", "next"));
                var nextDirectory = await ReadLineMatching(next, SpillDirectory());

                Assert.False(Directory.Exists(killedDirectory), $"{killedDirectory} of the killed worker is still there");
                Assert.False(File.Exists(killedDirectory + ".dirlock"));
                Assert.True(File.Exists(aliveDirectory + ".dirlock"));
                Assert.True(File.Exists(nextDirectory + ".dirlock"));

                foreach (var worker in new[] { alive, next })
                {
                    Signal(worker);
                    await worker.WaitForExitAsync().WaitAsync(Timeout);
                }
            }

            // Workers that leave gracefully take their directories and locks with them.
            Assert.Empty(Directory.GetFileSystemEntries(local));
        }
        finally
        {
            processes.ForEach(Kill);
            Directory.Delete(local, recursive: true);
        }

        Process Track(Process process)
        {
            processes.Add(process);
            return process;
        }
    }

    [GeneratedRegex(@"^worker .* spill directory (\S+)$")]
    private static partial Regex SpillDirectory();
}
