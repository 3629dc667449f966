using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MiniDask.Protocol;
using MiniDask.Scheduler.Distributed;
using static MiniDask.Cli.Tests.CliProcesses;

namespace MiniDask.Cli.Tests.Commands;

/// <summary><c>minidask worker --nanny</c>: a worker process that dies, killed or out of memory, is replaced and its work recomputed.</summary>
public sealed partial class NannyTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    // Assemblies named MiniDask.* count as MiniDask's own and are not uploaded: workers preload this one for its tasks.
    private static readonly string TestAssembly = typeof(NannyTests).Assembly.Location;

    [Fact]
    public async Task Nanny_WorkerProcessKilled_StartsANewOneThatComputesAndLeavesOnSigterm()
    {
        var token = Guid.NewGuid().ToString("N");
        var processes = new List<Process>();
        try
        {
            var scheduler = Track(Start(token, "scheduler", "--port", "0"));
            var address = await ReadLineMatching(scheduler, SchedulerAddress());
            var nanny = Track(Start(token, "worker", address, "--nanny", "--preload", TestAssembly));
            var first = int.Parse(await ReadLineMatching(nanny, ChildStarted()), CultureInfo.InvariantCulture);
            await ReadLineMatching(nanny, WorkerStarted());

            using (var child = Process.GetProcessById(first))
            {
                child.Kill();
            }

            Assert.Contains("killed by signal 9", await ReadLineMatching(nanny, ChildDied()), StringComparison.Ordinal);
            var second = int.Parse(await ReadLineMatching(nanny, ChildStarted()), CultureInfo.InvariantCulture);
            Assert.NotEqual(first, second);
            await ReadLineMatching(nanny, WorkerStarted());

            await using (var client = await Client.ConnectAsync(address, new ClientOptions { Comm = new CommOptions { Token = token } }))
            {
                var sum = await client.SubmitAsync(Add, 20, 22);
                Assert.Equal(42, await sum.ResultAsync().WaitAsync(Timeout));
            }

            Signal(nanny);
            await nanny.WaitForExitAsync().WaitAsync(Timeout);
            Assert.Equal(0, nanny.ExitCode);
            Assert.False(IsRunning(second), $"worker process {second} outlived its nanny");
        }
        finally
        {
            processes.ForEach(Kill);
        }

        Process Track(Process process)
        {
            processes.Add(process);
            return process;
        }
    }

    [Fact]
    public async Task Nanny_TaskPastTheTerminateFraction_WorkerRestartedAndTheTaskRecomputed()
    {
        var token = Guid.NewGuid().ToString("N");
        var marks = Directory.CreateTempSubdirectory("minidask-nanny-").FullName;
        var processes = new List<Process>();
        try
        {
            var scheduler = Track(Start(token, "scheduler", "--port", "0"));
            var address = await ReadLineMatching(scheduler, SchedulerAddress());
            var nanny = Track(Start(token, "worker", address, "--nanny", "--memory-limit", "100MB", "--preload", TestAssembly));
            await ReadLineMatching(nanny, WorkerStarted());

            await using var client = await Client.ConnectAsync(address, new ClientOptions { Comm = new CommOptions { Token = token } });
            var result = await client.SubmitAsync(HogOnFirstAttempt, marks);

            Assert.Equal(2, await result.ResultAsync().WaitAsync(Timeout));
            Assert.Contains("out of memory", await ReadLineMatching(nanny, ChildDied()), StringComparison.Ordinal);
            Assert.Equal(2, Directory.GetFiles(marks).Length);
        }
        finally
        {
            processes.ForEach(Kill);
            Directory.Delete(marks, recursive: true);
        }

        Process Track(Process process)
        {
            processes.Add(process);
            return process;
        }
    }

    private static int Add(int a, int b) => a + b;

    /// <summary>Leaves a mark per attempt; the first holds 400 MB (touched, so it is resident) for up to 20 s, more than a 100 MB worker may.</summary>
    private static int HogOnFirstAttempt(string marks)
    {
        var attempt = Directory.GetFiles(marks).Length + 1;
        File.WriteAllText(Path.Combine(marks, $"attempt-{attempt}"), "");
        if (attempt == 1)
        {
            var hog = new byte[400_000_000];
            for (var i = 0; i < 20 * 10; i++)
            {
                System.Array.Fill(hog, (byte)i);
                Thread.Sleep(100);
            }

            GC.KeepAlive(hog);
        }

        return attempt;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^nanny \d+: started worker process (\d+)$")]
    private static partial Regex ChildStarted();

    [GeneratedRegex(@"^nanny \d+: worker process \d+ died (.*)$")]
    private static partial Regex ChildDied();
}
