using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MiniDask.Array;
using MiniDask.Graph;
using MiniDask.Kernels;
using MiniDask.Protocol;
using MiniDask.Scheduler.Distributed;
using MiniDask.Testing;
using Xunit.Abstractions;
using static MiniDask.Scheduler.Tests.TestOps;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>
/// Protocol fuzz against a running cluster: thousands of seeded, mutated frames at the scheduler's
/// port and at a worker's peer port, from several connections at once, while a client computes
/// beside them. Each bad connection must be closed by the server, and nobody else may notice:
/// the computation stays bit-exact, no worker leaves, no persisted block is lost.
/// </summary>
public sealed class ProtocolFuzzClusterTests(ClusterFixture fixture, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    /// <summary>The default seed; set MINIDASK_FUZZ_SEED to replay or explore another.</summary>
    private const int DefaultSeed = 61_923;

    private const int Cases = 3000;
    private const int Concurrency = 8;
    private const int MinComputeRounds = 3;

    // A bad frame should make the server close at once; a frame that is (still) valid or merely
    // truncated leaves the connection open until this side half-closes it.
    private static readonly TimeSpan OwnCloseWindow = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ComputeTimeout = TimeSpan.FromSeconds(60);

    private enum Outcome
    {
        ClosedByServer,
        ClosedAfterOurEof,
        StillOpen,
        ValidHandshakeRefused,
        ConnectFailed,
    }

    [Fact]
    public async Task ThreeThousandMutatedFrames_AtSchedulerAndWorker_ClosesEachAndComputationStaysExact()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MINIDASK_FUZZ_SEED"), out var chosen) ? chosen : DefaultSeed;
        var clock = Stopwatch.StartNew();
        var scheduler = fixture.Cluster.Scheduler;
        var workersBefore = scheduler.Workers.Keys.Order(StringComparer.Ordinal).ToArray();
        var pidsBefore = fixture.Cluster.WorkerProcesses.Select(p => p.Id).ToArray();
        Assert.Equal(2, workersBefore.Length);

        var x = DArray.Random(shape: [400, 400], chunks: [100, 100], seed: 42);
        var persisted = await fixture.Client.PersistAsync(x);
        var blocksBefore = (await fixture.Client.GatherAsync(persisted)).Select(BlockBytes).ToArray();
        var holdersBefore = Holders(persisted);
        var persistClient = scheduler.Inspect(s => s.Clients.Keys.Single(id => id.StartsWith(fixture.Client.Id + "#", StringComparison.Ordinal)));
        var expressions = Expressions(x);

        var cases = await ProtocolFuzzCases.BuildAsync(Cases, seed, new FuzzContext(
            fixture.Cluster.ClientComm.Token!, workersBefore[0], persistClient, [.. persisted.Select(f => f.Key)]));
        var fuzzLogStart = fixture.Log.Entries.Count;
        using var fuzzing = new CancellationTokenSource();
        var computations = Task.Run(() => ComputeWhileFuzzingAsync(expressions, fuzzing.Token));
        var outcomes = new ConcurrentBag<(FuzzCase Case, Outcome Outcome)>();
        var refusals = new ConcurrentBag<string>();
        var fuzzClock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (c, _) =>
        {
            var address = CommAddress.Parse(c.Target == FuzzTarget.Scheduler ? scheduler.Address : workersBefore[0]);
            outcomes.Add((c, await SendAsync(address, c, refusals)));
        });
        var fuzzSeconds = fuzzClock.Elapsed.TotalSeconds;
        await fuzzing.CancelAsync();
        var (rounds, mismatches) = await computations;

        var counts = Enum.GetValues<Outcome>().ToDictionary(o => o, o => outcomes.Count(r => r.Outcome == o));
        var log = fixture.Log.Entries.Skip(fuzzLogStart).ToList();
        var loopFailures = log.Where(e => e.Message.StartsWith("Scheduler loop failed", StringComparison.Ordinal)).Select(e => e.Message).ToList();
        output.WriteLine($"seed {seed}: {Cases} cases in {fuzzSeconds:0.0}s, {rounds} valid computations beside them");
        output.WriteLine(string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}")));
        output.WriteLine($"handshake refusals seen by the fuzzer: {refusals.Count}; distinct: {string.Join(" | ", refusals.Select(Shorten).Distinct().Take(12))}");
        output.WriteLine($"scheduler log entries while fuzzing: {log.Count}; loop failures: {loopFailures.Count}; most frequent:");
        foreach (var (count, message) in MostFrequent(log.Select(e => e.Message), 25))
        {
            output.WriteLine($"  {count} x {message}");
        }

        var replay = $"(seed {seed}; set MINIDASK_FUZZ_SEED={seed} to replay)";
        Assert.True(mismatches.IsEmpty, $"valid computations returned wrong values {replay}: {string.Join("; ", mismatches)}");
        Assert.True(rounds >= MinComputeRounds, $"only {rounds} computations ran beside the fuzz {replay}");
        Assert.True(counts[Outcome.ConnectFailed] == 0, $"{counts[Outcome.ConnectFailed]} fuzz connections could not connect {replay}: {Describe(outcomes, Outcome.ConnectFailed)}");
        Assert.True(counts[Outcome.ValidHandshakeRefused] == 0, $"a valid handshake was refused {replay}: {Describe(outcomes, Outcome.ValidHandshakeRefused)}");
        Assert.True(counts[Outcome.StillOpen] == 0, $"{counts[Outcome.StillOpen]} fuzz connections were never closed by the server {replay}: {Describe(outcomes, Outcome.StillOpen)}");
        Assert.True(counts[Outcome.ClosedByServer] >= Cases / 2, $"only {counts[Outcome.ClosedByServer]} of {Cases} bad connections were closed by the server without waiting for our EOF {replay}");
        Assert.True(loopFailures.Count == 0, $"the scheduler hit unexpected exceptions handling fuzz messages {replay}: {string.Join(Environment.NewLine, loopFailures.Distinct().Take(5))}");
        Assert.True(log.Any(e => e.Message.StartsWith("Refused connection", StringComparison.Ordinal)), $"no refused handshake was logged {replay}");
        Assert.True(log.Any(e => e.Message.StartsWith("Closing connection", StringComparison.Ordinal)), $"no connection closed for bad input was logged {replay}");
        Assert.Contains(refusals, r => r.Contains("wrong token", StringComparison.Ordinal));
        Assert.Contains(refusals, r => r.Contains("malformed handshake", StringComparison.Ordinal));

        // Nobody else was affected: the same workers (same processes), the persisted blocks where they were, the state consistent.
        Assert.Equal(workersBefore, scheduler.Workers.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(pidsBefore, fixture.Cluster.WorkerProcesses.Select(p => p.Id).ToArray());
        Assert.All(fixture.Cluster.WorkerProcesses, p => Assert.False(p.HasExited, $"worker process {p.Id} exited {replay}"));
        scheduler.Inspect(s =>
        {
            s.Validate();
            return true;
        });
        var holdersAfter = Holders(persisted);
        Assert.All(holdersBefore, kv => Assert.Subset(holdersAfter[kv.Key].ToHashSet(), kv.Value.ToHashSet()));
        var blocksAfter = (await fixture.Client.GatherAsync(persisted).WaitAsync(ComputeTimeout)).Select(BlockBytes).ToArray();
        Assert.Equal(blocksBefore, blocksAfter);

        // The scheduler still serves a new client and a new computation.
        await using var fresh = await fixture.Cluster.ConnectAsync();
        var y = DArray.Random(shape: [300, 300], chunks: [100, 100], seed: 7);
        var after = ((y + y.T) - y.Mean(axis: 0)).Sum();
        Assert.Equal(Bits(after.Compute(new LocalScheduler(threads: 2))), Bits(await fresh.ComputeAsync(after).WaitAsync(ComputeTimeout)));
        var chain = await fresh.GetAsync(Chain("after-fuzz", 20), [new Key("after-fuzz", 19)]).WaitAsync(ComputeTimeout);
        Assert.Equal(20L, chain[0]);
        await fixture.Client.CancelAsync(persisted);
        output.WriteLine($"test body took {clock.Elapsed.TotalSeconds:0.0}s");

        // Last, as it waits: every fuzz client is gone from the scheduler's state, with its tasks.
        Assert.True(await FuzzStateGoneAsync(TimeSpan.FromSeconds(15)), $"fuzz clients or tasks are still in the scheduler's state {replay}: {FuzzLeftovers()}");
    }

    [Theory]
    [InlineData("cycle")]
    [InlineData("self")]
    public async Task UpdateGraph_WithACycle_FromAPeerThatLeaves_LeavesNoTaskBehind(string shape)
    {
        var name = $"rogue-{shape}";
        var tasks = shape == "cycle"
            ? new Dictionary<Key, DaskTask> { [new Key(name, 0)] = T(Inc, new Key(name, 1)), [new Key(name, 1)] = T(Inc, new Key(name, 0)) }
            : new Dictionary<Key, DaskTask> { [new Key(name, 0)] = T(Inc, new Key(name, 0)) };

        await using (var rogue = await Comm.ConnectAsync(fixture.Cluster.SchedulerAddress, fixture.Cluster.ClientComm))
        {
            await rogue.SendAsync(TaskSpecs.UpdateGraphMessage(tasks, [new Key(name, 0)], client: name));
            await Task.Delay(200);
        }

        var clock = Stopwatch.StartNew();
        string Left() => fixture.Cluster.Scheduler.Inspect(s => string.Join("; ",
            s.Tasks.Values.Where(t => t.Key.Name == name).Select(t => $"{t.Key} {t.State} wanted by {t.WhoWants.Count}, waiters {t.Waiters.Count}")
                .Concat(s.Clients.Keys.Where(c => c == name))));
        while (Left().Length > 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        Assert.True(Left().Length == 0, $"the scheduler still holds the {shape} graph of a client that left: {Left()}");
    }

    private async Task<(int Rounds, ConcurrentQueue<string> Mismatches)> ComputeWhileFuzzingAsync(
        IReadOnlyList<(string Name, DScalar<double> Expression, double Expected)> expressions, CancellationToken fuzzing)
    {
        var mismatches = new ConcurrentQueue<string>();
        var rounds = 0;
        while (!fuzzing.IsCancellationRequested || rounds < MinComputeRounds)
        {
            var (name, expression, expected) = expressions[rounds % expressions.Count];
            try
            {
                var got = await fixture.Client.ComputeAsync(expression).WaitAsync(ComputeTimeout);
                if (Bits(got) != Bits(expected))
                {
                    mismatches.Enqueue($"round {rounds}, {name}: expected {expected:R}, got {got:R}");
                }
            }
            catch (Exception e)
            {
                mismatches.Enqueue($"round {rounds}, {name}: {e.GetType().Name}: {e.Message}");
            }

            rounds++;
        }

        return (rounds, mismatches);
    }

    private static List<(string Name, DScalar<double> Expression, double Expected)> Expressions(DArray<double> x)
    {
        var local = new LocalScheduler(threads: 2);
        List<(string Name, DScalar<double> Expression)> all =
        [
            ("((x + x.T) - x.Mean(axis: 0)).Sum()", ((x + x.T) - x.Mean(axis: 0)).Sum()),
            ("(x * x.T).Std()", (x * x.T).Std()),
            ("(x - x.T).Max()", (x - x.T).Max()),
        ];
        return [.. all.Select(e => (e.Name, e.Expression, e.Expression.Compute(local)))];
    }

    /// <summary>
    /// Connects, sends the case's handshake (if any) and its mutated bytes, then waits for the server
    /// to close: first on its own, then after this side half-closes.
    /// </summary>
    private static async Task<Outcome> SendAsync(CommAddress address, FuzzCase c, ConcurrentBag<string> refusals)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var connecting = new CancellationTokenSource(CloseTimeout);
            await socket.ConnectAsync(address.Host, address.Port, connecting.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return Outcome.ConnectFailed;
        }

        await using var stream = new NetworkStream(socket, ownsSocket: false);
        if (c.Handshake is not null && !await HandshakeAcceptedAsync(stream, c.Handshake))
        {
            return Outcome.ValidHandshakeRefused;
        }

        var received = new MemoryStream();
        try
        {
            await stream.WriteAsync(c.Frame);
            if (await DrainAsync(stream, received, OwnCloseWindow))
            {
                return Outcome.ClosedByServer;
            }

            socket.Shutdown(SocketShutdown.Send);
            return await DrainAsync(stream, received, CloseTimeout) ? Outcome.ClosedAfterOurEof : Outcome.StillOpen;
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            // The server reset the connection: that is closing it too.
            return Outcome.ClosedByServer;
        }
        finally
        {
            if (c.Handshake is null)
            {
                await KeepRefusalAsync(received, refusals);
            }
        }
    }

    /// <summary>Sends a valid handshake; false when the server refuses it, closes, or does not answer.</summary>
    private static async Task<bool> HandshakeAcceptedAsync(NetworkStream stream, byte[] handshake)
    {
        try
        {
            await stream.WriteAsync(handshake);
            var reply = await FrameCodec.ReadAsync(stream, FrameLimits.Handshake).AsTask().WaitAsync(CloseTimeout);
            return reply?.Body is MiniDask.Protocol.Messages.HandshakeReply { Accepted: true };
        }
        catch (Exception e) when (e is IOException or SocketException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Reads until the server closes (true) or <paramref name="window"/> passes (false).</summary>
    private static async Task<bool> DrainAsync(NetworkStream stream, MemoryStream received, TimeSpan window)
    {
        var buffer = new byte[16 * 1024];
        using var timeout = new CancellationTokenSource(window);
        try
        {
            while (true)
            {
                var n = await stream.ReadAsync(buffer, timeout.Token);
                if (n == 0)
                {
                    return true;
                }

                if (received.Length < 64 * 1024)
                {
                    received.Write(buffer, 0, n);
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task KeepRefusalAsync(MemoryStream received, ConcurrentBag<string> refusals)
    {
        received.Position = 0;
        try
        {
            var reply = await FrameCodec.ReadAsync(received, FrameLimits.Handshake);
            if (reply?.Body is MiniDask.Protocol.Messages.HandshakeReply { Accepted: false } refused)
            {
                refusals.Add(refused.Reason);
            }
        }
        catch (ProtocolException)
        {
            // Not a reply frame: nothing to keep.
        }
    }

    private async Task<bool> FuzzStateGoneAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (FuzzLeftovers().Length > 0)
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    private string FuzzLeftovers() => fixture.Cluster.Scheduler.Inspect(s => string.Join(", ",
        s.Clients.Keys.Where(id => id.StartsWith("fuzz", StringComparison.Ordinal))
            .Concat(s.Tasks.Keys.Where(k => k.Name.StartsWith("fuzz", StringComparison.Ordinal)).Select(k => k.ToString()))
            .Take(10)));

    private Dictionary<Key, string[]> Holders(IEnumerable<Future> futures) => fixture.Cluster.Scheduler.Inspect(s =>
        futures.ToDictionary(f => f.Key, f => s.Tasks[f.Key].WhoHas.Select(w => w.Address).ToArray()));

    private static string Describe(IEnumerable<(FuzzCase Case, Outcome Outcome)> outcomes, Outcome outcome) =>
        string.Join("; ", outcomes.Where(r => r.Outcome == outcome).Select(r => r.Case.ToString()).Take(10));

    /// <summary>The most frequent messages, with numbers masked so that one reason counts once.</summary>
    private static IEnumerable<(int Count, string Message)> MostFrequent(IEnumerable<string> messages, int top) =>
        messages.Select(m => Shorten(Regex.Replace(m, "[0-9]+", "N"), 150))
            .GroupBy(m => m)
            .Select(g => (g.Count(), g.Key))
            .OrderByDescending(g => g.Item1)
            .Take(top);

    private static string Shorten(string reason, int length = 90) => reason.Length <= length ? reason : reason[..length] + "...";

    private static byte[] BlockBytes(object? block) => ((NDArray<double>)block!).AsBytes().ToArray();

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    private static TaskGraph Chain(string name, int length)
    {
        var tasks = new Dictionary<Key, DaskTask> { [new Key(name, 0)] = T(Const, L(1L)) };
        for (var i = 1; i < length; i++)
        {
            tasks[new Key(name, i)] = T(Inc, new Key(name, i - 1));
        }

        return TaskGraph.FromTasks(tasks);
    }

}
