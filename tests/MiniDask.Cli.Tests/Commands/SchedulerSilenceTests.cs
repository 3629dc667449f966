using System.Diagnostics;
using System.Globalization;
using MiniDask.Array;
using MiniDask.Protocol;
using MiniDask.Scheduler.Distributed;
using static MiniDask.Cli.Tests.CliProcesses;

namespace MiniDask.Cli.Tests.Commands;

/// <summary>
/// A scheduler that goes silent without closing anything (SIGSTOP: no reset, no FIN, as behind a
/// cut link): its client's pending compute fails and its worker leaves, both within their bound.
/// </summary>
public sealed class SchedulerSilenceTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task StoppedScheduler_PendingComputeAndWorker_FailAndLeaveWithinTheSchedulerTimeout()
    {
        var token = Guid.NewGuid().ToString("N");
        using var scheduler = Start(token, "scheduler", "--port", "0");
        Process? worker = null;
        try
        {
            var address = await ReadLineMatching(scheduler, SchedulerAddress());
            worker = Start(token, "worker", address, "--scheduler-timeout", Bound.TotalSeconds.ToString(CultureInfo.InvariantCulture), "--reconnect-timeout", "0");
            await ReadLineMatching(worker, WorkerStarted());
            var options = new ClientOptions { Comm = new CommOptions { Token = token }, SchedulerTimeout = Bound };
            await using var client = await Client.ConnectAsync(address, options);
            Assert.Equal(20_000.0, await client.ComputeAsync((DArray.Ones(shape: [100, 100], chunks: [25, 25]) + 1).Sum()));

            SendSignal(scheduler, "STOP");
            var clock = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<SchedulerSilentException>(() => client.ComputeAsync(DArray.Ones(shape: [10, 10], chunks: [5, 5]).Sum()));
            var failedAfter = clock.Elapsed;
            var stopped = await ReadLineMatching(worker, new(@"^worker .* stopped: (.*)$"));
            var leftAfter = clock.Elapsed;

            Assert.Contains($"lost the scheduler at {address} (no reply for 3 s)", error.Message, StringComparison.Ordinal);
            Assert.Equal($"lost the scheduler at {address} (no reply for 3 s)", stopped);
            Assert.InRange(failedAfter, Bound - TimeSpan.FromSeconds(1), Bound * 3);
            Assert.InRange(leftAfter, TimeSpan.Zero, Bound * 3);
            Assert.True(worker.WaitForExit(10_000), "the worker did not exit after leaving");
        }
        finally
        {
            SendSignal(scheduler, "CONT");
            if (worker is not null)
            {
                Kill(worker);
                worker.Dispose();
            }

            Kill(scheduler);
        }
    }

    private static void SendSignal(Process process, string signal) =>
        Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
}
