using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MiniDask.Array;
using MiniDask.Protocol;
using MiniDask.Protocol.Messages;
using MiniDask.Scheduler.Distributed;
using MiniDask.Testing;
using static MiniDask.Cli.Tests.CliProcesses;

namespace MiniDask.Cli.Tests.Commands;

/// <summary>
/// A worker outlives its scheduler by default: killed and started again on the same port, the
/// scheduler gets the worker back; one that never returns is given up after the reconnect timeout.
/// </summary>
public sealed class WorkerReconnectTests
{
    [Fact]
    public async Task Worker_DefaultSettingsSchedulerKilledAndStartedAgainOnItsPort_RegistersAgainWithItsResultsAndComputes()
    {
        var token = Guid.NewGuid().ToString("N");
        var port = LoopbackPorts.Unused().ToString(CultureInfo.InvariantCulture);
        var errors = new StandardError();
        var scheduler = Start(token, "scheduler", "--port", port);
        var worker = Start(token, errors, "worker", $"tcp://127.0.0.1:{port}");
        try
        {
            var address = await ReadLineMatching(scheduler, SchedulerAddress());
            await ReadLineMatching(worker, WorkerStarted());
            var options = new ClientOptions { Comm = new CommOptions { Token = token } };
            var client = await Client.ConnectAsync(address, options);
            var held = DArray.Ones(shape: [100, 100], chunks: [25, 25]) + 1;
            var persisted = held.Persist(client);
            Assert.Equal(20_000.0, await client.ComputeAsync(persisted.Sum()));

            // The client still holds the 16 blocks when the scheduler dies, so the worker keeps them.
            scheduler.Kill();
            await scheduler.WaitForExitAsync();
            scheduler.Dispose();
            await errors.WaitForAsync($"reconnecting for up to {WorkerDefaults.ReconnectTimeout.TotalSeconds} s", TimeSpan.FromSeconds(30));
            await Assert.ThrowsAnyAsync<Exception>(() => client.ComputeAsync(persisted.Sum()));
            await client.DisposeAsync();
            scheduler = Start(token, "scheduler", "--port", port);
            await ReadLineMatching(scheduler, SchedulerAddress());
            await errors.WaitForAsync("registered again with the scheduler", TimeSpan.FromSeconds(30));
            // The 16 persisted blocks, and any of the sum's intermediates whose release the dead scheduler never sent.
            var reported = Regex.Match(errors.Text, @"reporting the (\d+) results it holds");
            Assert.True(reported.Success, errors.Text);
            Assert.InRange(int.Parse(reported.Groups[1].Value, CultureInfo.InvariantCulture), 16, 16 + 16 + 5);

            await using var again = await Client.ConnectAsync(address, options);
            var sum = await again.ComputeAsync((DArray.Ones(shape: [100, 100], chunks: [25, 25]) * 3).Sum());

            Assert.Equal(30_000.0, sum);
            Assert.False(worker.HasExited, "the worker left instead of waiting for its scheduler");
            Signal(worker);
            Assert.True(worker.WaitForExit(15_000), "the worker did not stop on SIGTERM");
            Assert.Equal(0, worker.ExitCode);
        }
        finally
        {
            Kill(worker);
            worker.Dispose();
            Kill(scheduler);
            scheduler.Dispose();
        }
    }

    [Fact]
    public async Task Worker_SchedulerKilledAndNeverBack_LeavesAfterTheReconnectTimeoutSayingWhy()
    {
        var token = Guid.NewGuid().ToString("N");
        var errors = new StandardError();
        using var scheduler = Start(token, "scheduler", "--port", "0");
        Process? worker = null;
        try
        {
            var address = await ReadLineMatching(scheduler, SchedulerAddress());
            worker = Start(token, errors, "worker", address, "--reconnect-timeout", "2");
            await ReadLineMatching(worker, WorkerStarted());

            scheduler.Kill();
            await errors.WaitForAsync("reconnecting for up to 2 s", TimeSpan.FromSeconds(30));
            var stopped = await ReadLineMatching(worker, new(@"^worker .* stopped: (.*)$"));

            Assert.StartsWith($"lost the scheduler at {address}", stopped, StringComparison.Ordinal);
            Assert.Contains($"no scheduler at {address} took it back within 2 s", stopped, StringComparison.Ordinal);
            Assert.True(worker.WaitForExit(15_000), "the worker did not exit after giving up");
            Assert.Equal(0, worker.ExitCode);
        }
        finally
        {
            if (worker is not null)
            {
                Kill(worker);
                worker.Dispose();
            }

            Kill(scheduler);
        }
    }

    [Fact]
    public async Task Worker_SigtermWhileReconnecting_StopsOnceWithoutTryingAgain()
    {
        var token = Guid.NewGuid().ToString("N");
        var errors = new StandardError();
        using var scheduler = Start(token, "scheduler", "--port", "0");
        Process? worker = null;
        try
        {
            var address = await ReadLineMatching(scheduler, SchedulerAddress());
            worker = Start(token, errors, "worker", address);
            await ReadLineMatching(worker, WorkerStarted());
            scheduler.Kill();
            await errors.WaitForAsync("reconnecting for up to", TimeSpan.FromSeconds(30));

            Signal(worker);
            var stopped = await ReadLineMatching(worker, new(@"^worker .* stopped: (.*)$"));

            Assert.True(worker.WaitForExit(15_000), "the worker did not exit on SIGTERM while reconnecting");
            Assert.Equal(0, worker.ExitCode);
            Assert.DoesNotContain("lost the scheduler", stopped, StringComparison.Ordinal);
            Assert.Single(errors.Text.Split('\n'), line => line.Contains("reconnecting for up to", StringComparison.Ordinal));
        }
        finally
        {
            if (worker is not null)
            {
                Kill(worker);
                worker.Dispose();
            }

            Kill(scheduler);
        }
    }

    [Fact]
    public async Task Worker_SchedulerStoppedGracefully_LeavesAtOnceDespiteTheReconnectTimeout()
    {
        var token = Guid.NewGuid().ToString("N");
        using var scheduler = Start(token, "scheduler", "--port", "0");
        Process? worker = null;
        try
        {
            var address = await ReadLineMatching(scheduler, SchedulerAddress());
            worker = Start(token, "worker", address, "--reconnect-timeout", "600");
            await ReadLineMatching(worker, WorkerStarted());

            Signal(scheduler);
            var stopped = await ReadLineMatching(worker, new(@"^worker .* stopped: (.*)$"));

            Assert.Equal("closed by the scheduler: the scheduler is stopping", stopped);
            Assert.True(worker.WaitForExit(15_000), "the worker did not exit");
        }
        finally
        {
            if (worker is not null)
            {
                Kill(worker);
                worker.Dispose();
            }

            Kill(scheduler);
        }
    }
}
