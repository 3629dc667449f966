using System.Diagnostics;
using System.Text.RegularExpressions;
using MiniDask.Array;
using MiniDask.Protocol;
using MiniDask.Scheduler.Distributed;

namespace MiniDask.Cli.Tests.Commands;

/// <summary><c>minidask scheduler</c> and <c>minidask worker</c> as real processes, stopped by SIGTERM.</summary>
public sealed partial class ClusterCommandTests
{
    [Fact]
    public async Task SchedulerAndWorker_StartedByHand_ComputeAndStopOnSigterm()
    {
        var token = Guid.NewGuid().ToString("N");
        var directory = Directory.CreateTempSubdirectory("minidask-cli-worker-").FullName;
        using var scheduler = Start(token, "scheduler", "--port", "0");
        try
        {
            var address = await ReadLineMatching(scheduler, AddressPattern());
            using var worker = Start(token, "worker", address, "--nthreads", "1", "--local-directory", directory, "--name", "by-hand");
            try
            {
                await ReadLineMatching(worker, WorkerPattern());
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

    [GeneratedRegex(@"scheduler at (tcp://\S+)")]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"worker (\S+) at (tcp://\S+)")]
    private static partial Regex WorkerPattern();

    private static Process Start(string token, params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "minidask.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment[ClusterComm.TokenVariable] = token;
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> ReadLineMatching(Process process, Regex pattern)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (pattern.Match(line) is { Success: true } match)
            {
                return match.Groups[^1].Value;
            }
        }

        throw new InvalidOperationException($"Process {process.Id} ended before printing a line matching {pattern}.");
    }

    private static void Signal(Process process) => Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
        }
    }
}
