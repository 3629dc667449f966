using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MiniDask.Cli.Tests.Commands;

/// <summary>
/// A scheduler, a worker and a client in network namespaces of their own, joined by a bridge (the
/// setup of scripts/netns-cluster-test.sh). The scheduler's link is cut in the middle of a
/// computation: packets are dropped, nothing is reset, and still the client fails and the worker
/// leaves within their scheduler timeout.
/// </summary>
public sealed partial class CutLinkTests
{
    private const int TimeoutSeconds = 4;

    private const string Runner = """
        set -u
        skip() { echo "skip: $*"; exit 77; }
        pids=()
        cleanup() { for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null; done; for h in s w c br; do ip netns del "${P}$h" 2>/dev/null; done; }
        trap cleanup EXIT
        ip netns add "${P}br" || skip "cannot create network namespaces here"
        ip netns exec "${P}br" ip link add br0 type bridge
        ip netns exec "${P}br" ip link set br0 up
        n=1
        for h in s w c; do
          ip netns add "${P}$h"
          ip link add "${P}$h-a" type veth peer name "${P}$h-b"
          ip link set "${P}$h-a" netns "${P}$h"
          ip link set "${P}$h-b" netns "${P}br"
          ip netns exec "${P}br" ip link set "${P}$h-b" master br0 up
          ip netns exec "${P}$h" ip addr add "$NET.$n/24" dev "${P}$h-a"
          ip netns exec "${P}$h" ip link set "${P}$h-a" up
          ip netns exec "${P}$h" ip link set lo up
          n=$((n + 1))
        done
        export MINIDASK_TOKEN="cut-$RANDOM$RANDOM"
        ip netns exec "${P}s" "$DOTNET" "$CLI" scheduler --host "$NET.1" --port 8786 > "$WORK/scheduler.log" 2>&1 &
        pids+=($!)
        for _ in $(seq 200); do grep -q '^scheduler at' "$WORK/scheduler.log" && break; sleep 0.1; done
        ip netns exec "${P}w" "$DOTNET" "$CLI" worker "tcp://$NET.1:8786" --host "$NET.2" --scheduler-timeout "$TIMEOUT" --reconnect-timeout 0 > "$WORK/worker.log" 2>&1 &
        worker=$!
        pids+=($worker)
        for _ in $(seq 200); do grep -q '^worker ' "$WORK/worker.log" && break; sleep 0.1; done
        ip netns exec "${P}c" "$DOTNET" "$CLI" bench --scheduler "tcp://$NET.1:8786" --scheduler-timeout "$TIMEOUT" --repeat 1000 seed004 > "$WORK/client.out" 2> "$WORK/client.err" &
        client=$!
        pids+=($client)
        # The client is computing once tasks run on the worker.
        for _ in $(seq 300); do grep -q 'joined' "$WORK/scheduler.log" && [ -n "$(ip netns exec "${P}s" ss -Htn state established "( sport = :8786 )" | sed -n 2p)" ] && break; sleep 0.1; done
        sleep 2
        ip netns exec "${P}br" ip link set "${P}s-b" down
        cut=$EPOCHREALTIME
        wait "$client"
        status=$?
        echo "client exit $status after $(( (${EPOCHREALTIME/./} - ${cut/./}) / 1000 )) ms"
        wait "$worker"
        echo "worker exit $? after $(( (${EPOCHREALTIME/./} - ${cut/./}) / 1000 )) ms"
        echo "--- client"; tail -n 5 "$WORK/client.err"
        echo "--- worker"; cat "$WORK/worker.log"
        """;

    [NetworkNamespaceFact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task SchedulerLinkCut_MidComputation_ClientFailsAndWorkerLeavesWithinTheirTimeout()
    {
        var work = Directory.CreateTempSubdirectory("minidask-cutlink-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(work, "runner.sh"), Runner);
            var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(Path.Combine(work, "runner.sh"));
            info.Environment["P"] = $"mc{Environment.ProcessId % 100_000}";
            info.Environment["NET"] = "10.213.79";
            info.Environment["WORK"] = work;
            info.Environment["DOTNET"] = CliProcesses.DotnetHost();
            info.Environment["CLI"] = CliProcesses.Minidask;
            info.Environment["TIMEOUT"] = TimeoutSeconds.ToString(CultureInfo.InvariantCulture);
            using var runner = Process.Start(info)!;
            var errors = runner.StandardError.ReadToEndAsync();
            var output = await runner.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromMinutes(3));
            await runner.WaitForExitAsync();
            output += await errors;
            Assert.True(runner.ExitCode != 77, output);

            var scheduler = "tcp://10.213.79.1:8786";
            var lost = $"lost the scheduler at {scheduler} (no reply for {TimeoutSeconds} s)";
            var client = ClientExit().Match(output);
            var worker = WorkerExit().Match(output);
            Assert.True(client.Success && worker.Success, output);
            Assert.NotEqual("0", client.Groups[1].Value);
            Assert.Contains(lost, output[output.IndexOf("--- client", StringComparison.Ordinal)..], StringComparison.Ordinal);
            Assert.Contains($"stopped: {lost}", output, StringComparison.Ordinal);

            // Within the timeout plus the processes' own reaction time; silence is counted from the
            // last message the client received, which may be up to two ping intervals before the cut.
            Assert.InRange(int.Parse(client.Groups[2].Value, CultureInfo.InvariantCulture), (TimeoutSeconds - 2) * 1000, 3 * TimeoutSeconds * 1000);
            Assert.InRange(int.Parse(worker.Groups[1].Value, CultureInfo.InvariantCulture), 0, 3 * TimeoutSeconds * 1000);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [GeneratedRegex(@"client exit (\d+) after (\d+) ms")]
    private static partial Regex ClientExit();

    [GeneratedRegex(@"worker exit \d+ after (\d+) ms")]
    private static partial Regex WorkerExit();
}
