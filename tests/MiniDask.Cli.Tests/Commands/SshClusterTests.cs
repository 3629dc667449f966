using System.Diagnostics;
using System.Globalization;
using System.Text;
using MiniDask.Cli;
using MiniDask.Protocol;
using MiniDask.Scheduler;
using MiniDask.Scheduler.Distributed;
using static MiniDask.Cli.Tests.CliProcesses;

namespace MiniDask.Cli.Tests.Commands;

/// <summary>
/// Clusters started over SSH for real: three hosts in network namespaces of their own, each
/// running sshd with a throwaway host key, reached with a throwaway client key, its own
/// known_hosts and an ssh configuration file. <see cref="SshCluster"/> and <c>minidask ssh</c>
/// start the scheduler on the first and workers on the others, compute the seed example, and stop
/// everything they started.
/// </summary>
public sealed class SshClusterTests
{
    private const string Net = "10.213.81";

    private const string Setup = """
        set -u
        fail() { echo "setup failed: $*"; exit 1; }
        mkdir -p /run/sshd
        ssh-keygen -q -t ed25519 -N "" -f "$WORK/host_key" || fail "ssh-keygen"
        ssh-keygen -q -t ed25519 -N "" -f "$WORK/client_key" || fail "ssh-keygen"
        cp "$WORK/client_key.pub" "$WORK/authorized_keys"
        cat > "$WORK/sshd_config" <<EOF
        HostKey $WORK/host_key
        AuthorizedKeysFile $WORK/authorized_keys
        PermitRootLogin prohibit-password
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        StrictModes no
        UsePAM no
        PrintMotd no
        EOF
        cat > "$WORK/ssh_config" <<EOF
        Host *
          User root
          IdentityFile $WORK/client_key
          IdentitiesOnly yes
          UserKnownHostsFile $WORK/known_hosts
          GlobalKnownHostsFile /dev/null
          StrictHostKeyChecking yes
          BatchMode yes
          ConnectTimeout 10
          LogLevel ERROR
        EOF
        ip netns add "${P}br" || fail "cannot create network namespaces here"
        ip netns exec "${P}br" ip link add br0 type bridge
        ip netns exec "${P}br" ip link set br0 up
        for n in 1 2 3 100; do
          ip link add "${P}$n-a" type veth peer name "${P}$n-b" || fail "veth"
          ip link set "${P}$n-b" netns "${P}br"
          ip netns exec "${P}br" ip link set "${P}$n-b" master br0 up
          if [ "$n" = 100 ]; then
            # This host's end, so the test process reaches the scheduler and the workers.
            ip addr add "$NET.$n/24" dev "${P}$n-a"
            ip link set "${P}$n-a" up
            continue
          fi
          ip netns add "${P}h$n"
          ip link set "${P}$n-a" netns "${P}h$n"
          ip netns exec "${P}h$n" ip addr add "$NET.$n/24" dev "${P}$n-a"
          ip netns exec "${P}h$n" ip link set "${P}$n-a" up
          ip netns exec "${P}h$n" ip link set lo up
          echo "$NET.$n $(cut -d' ' -f1,2 "$WORK/host_key.pub")" >> "$WORK/known_hosts"
          ip netns exec "${P}h$n" /usr/sbin/sshd -D -e -f "$WORK/sshd_config" -o "ListenAddress=$NET.$n" > "$WORK/sshd$n.log" 2>&1 < /dev/null &
          echo $! >> "$WORK/sshd.pids"
        done
        for n in 1 2 3; do
          for _ in $(seq 100); do ssh -F "$WORK/ssh_config" "$NET.$n" true 2>/dev/null && continue 2; sleep 0.1; done
          fail "sshd on $NET.$n does not answer: $(cat "$WORK/sshd$n.log")"
        done
        echo ready
        """;

    private const string Teardown = """
        [ -f "$WORK/sshd.pids" ] && kill $(cat "$WORK/sshd.pids") 2>/dev/null
        for n in 1 2 3; do ip netns del "${P}h$n" 2>/dev/null; done
        ip netns del "${P}br" 2>/dev/null
        ip link del "${P}100-a" 2>/dev/null
        exit 0
        """;

    [SshServerFact]
    public async Task StartAsync_ThreeHostsOverSsh_ComputesTheSeedExampleAndStopsEverything()
    {
        await WithHostsAsync(async work =>
        {
            var log = new StringWriter();
            var options = new SshClusterOptions { SshConfigFile = Path.Combine(work, "ssh_config"), SchedulerPort = 8786, Log = log };
            string[] hosts = [$"{Net}.1", $"{Net}.2", $"{Net}.3"];

            await using (var cluster = await SshCluster.StartAsync(hosts, options))
            {
                await using var client = await cluster.ConnectAsync();
                var sum = await client.ComputeAsync(DemoExpression.Build(400, 100).Y.Sum());

                Assert.Equal($"tcp://{Net}.1:8786", cluster.SchedulerAddress);
                Assert.Equal(2, cluster.WorkerAddresses.Count);
                Assert.Equal(LocalSeedSum(), sum, 1e-9 * Math.Abs(sum));
            }

            var output = log.ToString();
            Assert.Contains($"[{Net}.1] scheduler at tcp://0.0.0.0:8786", output, StringComparison.Ordinal);
            Assert.Contains($"[{Net}.2] worker {Net}.2-", output, StringComparison.Ordinal);
            Assert.Contains($"[{Net}.3] worker {Net}.3-", output, StringComparison.Ordinal);
            Assert.Contains("stopped", output, StringComparison.Ordinal);
            await NoneLeftAsync("8786");
        });
    }

    [SshServerFact]
    public async Task SshCommand_TwoHosts_PrintsTheConnectAddressComputesAndStopsOnSigterm()
    {
        await WithHostsAsync(async work =>
        {
            var errors = new StandardError();
            using var ssh = Start("", errors, "ssh", $"{Net}.1", $"{Net}.2", "--ssh-config", Path.Combine(work, "ssh_config"), "--port", "8787", "--nthreads", "2");
            try
            {
                var address = await ReadLineMatching(ssh, new(@"^clients connect with (\S+)$")).ContinueWith(
                    read => read.IsCompletedSuccessfully ? read.Result : throw new InvalidOperationException($"minidask ssh did not start: {errors.Text}", read.Exception));
                await using (var client = await Client.ConnectAsync(address))
                {
                    Assert.Equal(LocalSeedSum(), await client.ComputeAsync(DemoExpression.Build(400, 100).Y.Sum()), 1e-6);
                }

                Signal(ssh);
                var stopped = await ReadLineMatching(ssh, new(@"^(ssh cluster stopped)$"));

                Assert.Equal("ssh cluster stopped", stopped);
                Assert.True(ssh.WaitForExit(30_000), "minidask ssh did not exit");
                Assert.Equal(0, ssh.ExitCode);
                Assert.StartsWith($"tcp://{Net}.1:8787?token=", address, StringComparison.Ordinal);
                Assert.Contains($"[{Net}.2] worker", errors.Text, StringComparison.Ordinal);
                await NoneLeftAsync("8787");
            }
            finally
            {
                Kill(ssh);
            }
        });
    }

    [SshServerFact]
    public async Task ScaleAsyncAndAdapt_OverSsh_GrowAndShrinkTheWorkersKeepingTheirResults()
    {
        await WithHostsAsync(async work =>
        {
            var options = new SshClusterOptions { SshConfigFile = Path.Combine(work, "ssh_config"), SchedulerPort = 8788, Log = new StringWriter() };
            var runs = Directory.CreateDirectory(Path.Combine(work, "runs")).FullName;
            await using (var cluster = await SshCluster.StartAsync([$"{Net}.1", $"{Net}.2", $"{Net}.3"], options))
            {
                await using var client = await cluster.ConnectAsync();

                await cluster.ScaleAsync(4);
                Assert.Equal(4, cluster.WorkerAddresses.Count);
                Assert.Equal(4, (await client.SchedulerInfoAsync()).Workers.Count);
                Assert.Equal(2, cluster.WorkerAddresses.Count(a => a.StartsWith($"tcp://{Net}.2:", StringComparison.Ordinal)));
                var futures = new List<Future<long>>();
                for (var i = 0L; i < 16; i++)
                {
                    futures.Add(await client.SubmitAsync(CountedSquare, runs, i));
                }

                var squares = await Task.WhenAll(futures.Select(f => f.ResultAsync()));

                await cluster.ScaleAsync(1);
                var remaining = Assert.Single(cluster.WorkerAddresses);
                Assert.Single((await client.SchedulerInfoAsync()).Workers);
                Assert.All((await client.WhoHasAsync(futures)).Values, holders => Assert.Equal([remaining], holders));
                Assert.Equal(squares, await Task.WhenAll(futures.Select(f => f.ResultAsync())));
                Assert.Equal(16, Directory.GetFiles(runs).Length);

                var adaptOptions = new AdaptOptions { Interval = TimeSpan.FromMilliseconds(200), IdleBeforeRetire = TimeSpan.FromSeconds(1), TargetDuration = TimeSpan.FromSeconds(1) };
                await using var adaptive = cluster.Adapt(minimum: 1, maximum: 3, adaptOptions);

                // 24 tasks of 0.5 s: 12 s of work on one thread, far past the 1 s target.
                var naps = new List<Future<long>>();
                for (var i = 0L; i < 24; i++)
                {
                    naps.Add(await client.SubmitAsync(Nap, 500, i));
                }

                await MiniDask.Testing.Eventually.HoldsAsync(() => cluster.WorkerAddresses.Count == 3, "the cluster to grow to 3 workers");
                Assert.Equal(Enumerable.Range(0, 24).Select(i => (long)i), await Task.WhenAll(naps.Select(f => f.ResultAsync())));
                await MiniDask.Testing.Eventually.HoldsAsync(
                    () => cluster.WorkerAddresses.Count == 1 && cluster.RequestedWorkers == 1, "the idle cluster to shrink to 1 worker");
                Assert.Equal(squares, await Task.WhenAll(futures.Select(f => f.ResultAsync())));
                Assert.Equal(16, Directory.GetFiles(runs).Length);
                Assert.Null(adaptive.Error);
            }

            await NoneLeftAsync("8788");
        });
    }

    /// <summary>The square of <paramref name="x"/>, recording the run as a file of its own in <paramref name="directory"/> (the hosts share this machine's files).</summary>
    private static long CountedSquare(string directory, long x)
    {
        File.WriteAllText(Path.Combine(directory, $"{x}-{Guid.NewGuid():N}"), "");
        return x * x;
    }

    /// <summary>A task of about <paramref name="milliseconds"/> of work: returns <paramref name="value"/> after that long.</summary>
    private static long Nap(int milliseconds, long value)
    {
        Thread.Sleep(milliseconds);
        return value;
    }

    /// <summary>Waits (15 s at most: sshd tears sessions down after the command exits) until no process names the scheduler at <paramref name="port"/>.</summary>
    private static Task NoneLeftAsync(string port) =>
        MiniDask.Testing.Eventually.HoldsAsync(
            () => ProcessesNaming($"{Net}.1:{port}").Concat(ProcessesNaming($"--port\0{port}")).ToList() is [],
            $"every process of the cluster on port {port} to have exited",
            TimeSpan.FromSeconds(15));

    private static double LocalSeedSum()
    {
        using var local = new LocalScheduler(2);
        return DemoExpression.Build(400, 100).Y.Sum().Compute(local);
    }

    /// <summary>Runs <paramref name="test"/> with the hosts up, and takes them down after, whatever happens.</summary>
    private static async Task WithHostsAsync(Func<string, Task> test)
    {
        var work = Directory.CreateTempSubdirectory("minidask-ssh-").FullName;
        var prefix = $"ms{Environment.ProcessId % 100_000}";
        try
        {
            var (code, output) = await RunScriptAsync(Setup, work, prefix);
            Assert.True(code == 0 && output.Contains("ready", StringComparison.Ordinal), output);
            await test(work);
        }
        finally
        {
            await RunScriptAsync(Teardown, work, prefix);
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(int Code, string Output)> RunScriptAsync(string script, string work, string prefix)
    {
        var path = Path.Combine(work, $"script-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(path, script);
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(path);
        info.Environment["P"] = prefix;
        info.Environment["NET"] = Net;
        info.Environment["WORK"] = work;
        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync();
        return (process.ExitCode, output + await errors);
    }

    /// <summary>The ids of processes whose command line contains <paramref name="text"/> (arguments joined by NUL).</summary>
    private static List<int> ProcessesNaming(string text)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != Environment.ProcessId)
            {
                try
                {
                    if (Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(directory, "cmdline"))).Contains(text, StringComparison.Ordinal))
                    {
                        found.Add(pid);
                    }
                }
                catch (IOException)
                {
                    // The process ended while it was read.
                }
                catch (UnauthorizedAccessException)
                {
                    // Not ours to read.
                }
            }
        }

        return found;
    }
}

/// <summary>Runs only as root on Linux with iproute2, OpenSSH's server and client; skips, saying which is missing, otherwise.</summary>
public sealed class SshServerFactAttribute : FactAttribute
{
    /// <summary>Decides whether the test can run here.</summary>
    public SshServerFactAttribute()
    {
        var missing = new (string Tool, string[] Paths)[]
        {
            ("iproute2 (ip)", ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip"]),
            ("openssh-server (sshd)", ["/usr/sbin/sshd"]),
            ("openssh-client (ssh)", ["/usr/bin/ssh"]),
            ("openssh-client (ssh-keygen)", ["/usr/bin/ssh-keygen"]),
        }.Where(t => !t.Paths.Any(File.Exists)).Select(t => t.Tool).ToList();
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Skip = "needs root on Linux to create network namespaces and run sshd in them";
        }
        else if (missing.Count > 0)
        {
            Skip = $"needs {string.Join(", ", missing)} (.ci/run installs openssh-server when it runs as root)";
        }
    }
}
