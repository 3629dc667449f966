using System.Text.RegularExpressions;
using MiniDask.Array;
using MiniDask.Cli.Commands;
using MiniDask.Protocol;
using MiniDask.Protocol.Messages;
using MiniDask.Scheduler.Distributed;
using static MiniDask.Cli.Tests.CliProcesses;

namespace MiniDask.Cli.Tests.Commands;

/// <summary><c>minidask scheduler</c> requires a token unless told otherwise, and refuses an open cluster on a reachable address.</summary>
public sealed partial class SchedulerSecurityTests
{
    [Fact]
    public async Task Scheduler_WithoutAToken_GeneratesOnePrintsItWithTheAddressAndRefusesClientsWithoutIt()
    {
        using var scheduler = Start("", "scheduler", "--port", "0");
        try
        {
            var address = await ReadLineMatching(scheduler, SchedulerAddress());
            var withToken = await ReadLineMatching(scheduler, ConnectWith());
            Assert.StartsWith(address + "?token=", withToken, StringComparison.Ordinal);

            var refused = await Assert.ThrowsAsync<HandshakeException>(() => Client.ConnectAsync(address));
            Assert.Contains("token", refused.Message, StringComparison.OrdinalIgnoreCase);

            using var worker = Start("", "worker", withToken, "--nthreads", "1");
            try
            {
                await ReadLineMatching(worker, WorkerStarted());
                await using var client = await Client.ConnectAsync(withToken);
                Assert.Equal(20_000.0, await client.ComputeAsync((DArray.Ones(shape: [100, 100], chunks: [50, 50]) + 1).Sum()).WaitAsync(TimeSpan.FromSeconds(60)));
            }
            finally
            {
                Kill(worker);
            }
        }
        finally
        {
            Kill(scheduler);
        }
    }

    [Fact]
    public void Scheduler_NoAuthOnAllInterfacesWithoutAllowInsecure_RefusesToStart()
    {
        var (exit, _, error) = CliRunner.Run("scheduler", "--no-auth", "--host", "0.0.0.0", "--port", "0");

        Assert.Equal(2, exit);
        Assert.Contains("--no-auth on 0.0.0.0", error, StringComparison.Ordinal);
        Assert.Contains("--allow-insecure", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Scheduler_EmptyTokenOnAllInterfaces_IsNoAuthAndRefusesToStart()
    {
        var (exit, _, error) = CliRunner.Run("scheduler", "--token", "", "--host", "0.0.0.0", "--port", "0");

        Assert.Equal(2, exit);
        Assert.Contains("--allow-insecure", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Scheduler_TlsCertificateWithoutCaAndNoAuth_RefusesToStartSayingWhatToGive()
    {
        var (exit, _, error) = CliRunner.Run("scheduler", "--no-auth", "--tls-cert", "sched.pem", "--tls-key", "sched.key", "--port", "0");

        Assert.Equal(2, exit);
        Assert.Contains("--tls-cert without --tls-ca", error, StringComparison.Ordinal);
        Assert.Contains("give --tls-ca for mutual TLS, or a token", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheduler_NoAuthOnLoopback_WarnsAndServesAClientWithoutAToken()
    {
        var info = new System.Diagnostics.ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Minidask, "scheduler", "--no-auth", "--port", "0" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment[ClusterComm.TokenVariable] = "";
        using var scheduler = System.Diagnostics.Process.Start(info)!;
        try
        {
            var warning = await scheduler.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var address = await ReadLineMatching(scheduler, SchedulerAddress());

            Assert.StartsWith("warning: --no-auth: anyone who can reach 127.0.0.1 can run tasks", warning, StringComparison.Ordinal);
            await using var client = await Client.ConnectAsync(address, new ClientOptions { Comm = new CommOptions { Role = PeerRole.Client } });
            Assert.Equal(address, client.SchedulerAddress);
        }
        finally
        {
            Kill(scheduler);
        }
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.3.4.5", true)]
    [InlineData("localhost", true)]
    [InlineData("[::1]", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("10.0.0.7", false)]
    [InlineData("sched.example", false)]
    public void IsLoopback_Host_SaysWhetherOnlyThisMachineCanReachIt(string host, bool loopback) =>
        Assert.Equal(loopback, SchedulerSecurity.IsLoopback(host));

    [Fact]
    public void Decide_MutualTlsWithoutToken_RequiresNoTokenAndGeneratesNone()
    {
        var mode = SchedulerSecurity.Decide("0.0.0.0", null, null, "sched.pem", "ca.pem", noAuth: false, allowInsecure: false);

        Assert.Equal(new SchedulerSecurity.Mode(null, false, null), mode);
    }

    [Fact]
    public void Decide_TokenFromTheEnvironment_IsUsedAndNotGenerated()
    {
        var mode = SchedulerSecurity.Decide("0.0.0.0", null, "from-env", null, null, noAuth: false, allowInsecure: false);

        Assert.Equal(new SchedulerSecurity.Mode("from-env", false, null), mode);
    }

    [Fact]
    public void Decide_TlsWithoutCaAndNoToken_GeneratesATokenEachTime()
    {
        var first = SchedulerSecurity.Decide("0.0.0.0", null, null, "sched.pem", null, noAuth: false, allowInsecure: false);
        var second = SchedulerSecurity.Decide("0.0.0.0", null, null, "sched.pem", null, noAuth: false, allowInsecure: false);

        Assert.True(first.Generated);
        Assert.Equal(48, first.Token!.Length);
        Assert.Contains("--tls-cert without --tls-ca", first.Warning, StringComparison.Ordinal);
        Assert.NotEqual(first.Token, second.Token);
    }

    [GeneratedRegex(@"connect with (\S+\?token=\S+)")]
    private static partial Regex ConnectWith();
}
