using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Google.Protobuf;
using MiniDask.Array;
using MiniDask.Graph;
using MiniDask.Graph.Codecs;
using MiniDask.Kernels;
using MiniDask.Protocol;
using MiniDask.Protocol.Messages;
using MiniDask.Scheduler.Distributed;
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

    private enum Target
    {
        Scheduler,
        Worker,
    }

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

        var cases = await FuzzCases.BuildAsync(seed, new FuzzContext(
            fixture.Cluster.ClientComm.Token!, workersBefore[0], persistClient, [.. persisted.Select(f => f.Key)]));
        var fuzzLogStart = fixture.Log.Entries.Count;
        using var fuzzing = new CancellationTokenSource();
        var computations = Task.Run(() => ComputeWhileFuzzingAsync(expressions, fuzzing.Token));
        var outcomes = new ConcurrentBag<(FuzzCase Case, Outcome Outcome)>();
        var refusals = new ConcurrentBag<string>();
        var fuzzClock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (c, _) =>
        {
            var address = CommAddress.Parse(c.Target == Target.Scheduler ? scheduler.Address : workersBefore[0]);
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
            await rogue.SendAsync(GraphCodec.UpdateGraph(tasks, [new Key(name, 0)], client: name, stimulusId: name));
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
            return reply?.Envelope.HandshakeReply is { Accepted: true };
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
            if (reply?.Envelope.HandshakeReply is { Accepted: false } refused)
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

    /// <summary>What the fuzz frames are built from: the cluster's token and real names, so mutations reach the handlers.</summary>
    private sealed record FuzzContext(string Token, string WorkerAddress, string PersistClient, IReadOnlyList<Key> PersistedKeys);

    /// <summary>One fuzz connection: where, the valid handshake sent first (or none), the mutated bytes, and how they were made.</summary>
    private sealed record FuzzCase(int Index, Target Target, byte[]? Handshake, byte[] Frame, string Template, string Mutation)
    {
        public override string ToString() =>
            $"case {Index} -> {Target}: {(Handshake is null ? "no handshake" : "valid handshake")}, {Template}, {Mutation}, {Frame.Length} bytes";
    }

    /// <summary>Builds the cases from one seed: the same seed gives the same templates and mutations.</summary>
    private static class FuzzCases
    {
        public static async Task<List<FuzzCase>> BuildAsync(int seed, FuzzContext context)
        {
            var random = new Random(seed);
            var clientHandshake = await FrameAsync(Hello(context.Token, PeerRole.Client, ProtocolVersion.Current));
            var peerHandshake = await FrameAsync(Hello(context.Token, PeerRole.Worker, ProtocolVersion.Current));
            var cases = new List<FuzzCase>(Cases);
            for (var i = 0; i < Cases; i++)
            {
                var target = i % 2 == 0 ? Target.Scheduler : Target.Worker;
                var beforeHandshake = random.Next(10) < 3;
                var (template, frame) = beforeHandshake
                    ? await OpeningAsync(random, context)
                    : target == Target.Scheduler
                        ? await SchedulerMessageAsync(random, context, i)
                        : await PeerMessageAsync(random, context, i);
                var (mutation, mutated) = Mutate(frame, random);
                var handshake = beforeHandshake ? null : target == Target.Scheduler ? clientHandshake : peerHandshake;
                cases.Add(new FuzzCase(i, target, handshake, mutated, template, mutation));
            }

            return cases;
        }

        /// <summary>What a connection may open with: handshakes right and wrong, other messages, junk.</summary>
        private static async Task<(string, byte[])> OpeningAsync(Random random, FuzzContext context)
        {
            switch (random.Next(8))
            {
                case 0:
                    return ("Handshake", await FrameAsync(Hello(context.Token, PeerRole.Client, ProtocolVersion.Current)));
                case 1:
                    return ("Handshake with a wrong token", await FrameAsync(Hello(context.Token[..^1] + "x", PeerRole.Worker, ProtocolVersion.Current)));
                case 2:
                    return ("Handshake without a token", await FrameAsync(Hello("", PeerRole.Client, ProtocolVersion.Current)));
                case 3:
                    return ("Handshake of version 99", await FrameAsync(Hello(context.Token, PeerRole.Client, 99)));
                case 4:
                    return ("GetDataRequest before any handshake", await FrameAsync(new Message(new Envelope { GetDataRequest = new() { Keys = { GraphCodec.EncodeKey(context.PersistedKeys[0]) } } })));
                case 5:
                    return ("HTTP request", Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
                case 6:
                    return ("Unknown envelope kind", UnknownKind(random));
                default:
                    var junk = new byte[random.Next(1, 4096)];
                    random.NextBytes(junk);
                    return ("random bytes", junk);
            }
        }

        /// <summary>Messages a client or an impostor worker could send the scheduler after a good handshake.</summary>
        private static async Task<(string, byte[])> SchedulerMessageAsync(Random random, FuzzContext context, int index)
        {
            var key = GraphCodec.EncodeKey(context.PersistedKeys[random.Next(context.PersistedKeys.Count)]);
            var envelope = new Envelope { RequestId = (ulong)random.Next(0, 3) };
            switch (random.Next(14))
            {
                case 0:
                    var (shape, graph) = FuzzGraph($"fuzz-{index}", random, context);
                    return ($"UpdateGraph ({shape})", await FrameAsync(graph));
                case 1:
                    return ("UpdateGraph under the persisting client's id", await FrameAsync(FuzzGraph(context.PersistClient, random, context).Graph));
                case 2:
                    envelope.Cancel = new() { Client = context.PersistClient, Keys = { key }, Force = true };
                    return ("Cancel of the persisted keys", await FrameAsync(new Message(envelope)));
                case 3:
                    envelope.RegisterWorker = new() { Address = context.WorkerAddress, Name = "fuzz-impostor", Threads = 1 };
                    return ("RegisterWorker with a live worker's address", await FrameAsync(new Message(envelope)));
                case 4:
                    envelope.Heartbeat = new() { MemoryBytes = 1 << 20, Executing = 1, ExecutingKeys = { key } };
                    return ("Heartbeat from an unregistered peer", await FrameAsync(new Message(envelope)));
                case 5:
                    envelope.TaskFinished = new() { Key = key, Nbytes = 8, TypeTag = "ndarray", StimulusId = "fuzz" };
                    return ("TaskFinished of a persisted key", await FrameAsync(new Message(envelope)));
                case 6:
                    envelope.TaskErred = new() { Key = key, ExceptionType = "System.Exception", Message = "fuzz" };
                    return ("TaskErred of a persisted key", await FrameAsync(new Message(envelope)));
                case 7:
                    envelope.MissingData = new() { Key = key, ErrantWorker = context.WorkerAddress, StimulusId = "fuzz" };
                    return ("MissingData naming a live worker", await FrameAsync(new Message(envelope)));
                case 8:
                    envelope.GatherRequest = new() { Keys = { key } };
                    return ("GatherRequest", await FrameAsync(new Message(envelope)));
                case 9:
                    envelope.Shutdown = new() { Reason = "fuzz" };
                    return ("Shutdown", await FrameAsync(new Message(envelope)));
                case 10:
                    envelope.Close = new() { Reason = "fuzz" };
                    return ("Close", await FrameAsync(new Message(envelope)));
                case 11:
                    envelope.StealResponse = new() { Key = key, Released = true, State = "ready" };
                    return ("StealResponse", await FrameAsync(new Message(envelope)));
                case 12:
                    return ("Envelope without a kind", await FrameAsync(new Message(envelope)));
                default:
                    return ("Unknown envelope kind", UnknownKind(random));
            }
        }

        /// <summary>Messages a peer could send a worker's listener after a good handshake.</summary>
        private static async Task<(string, byte[])> PeerMessageAsync(Random random, FuzzContext context, int index)
        {
            var keys = context.PersistedKeys.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Select(GraphCodec.EncodeKey).ToList();
            var envelope = new Envelope { RequestId = (ulong)random.Next(0, 1000) };
            switch (random.Next(9))
            {
                case 0:
                case 1:
                case 2:
                    envelope.GetDataRequest = new() { Keys = { keys }, Requester = $"fuzz-{index}" };
                    if (random.Next(2) == 0)
                    {
                        envelope.GetDataRequest.Keys.Add(new KeyProto { Name = $"fuzz-missing-{index}", Index = { index } });
                    }

                    return ("GetDataRequest of persisted keys", await FrameAsync(new Message(envelope)));
                case 3:
                    envelope.ReleaseKeys = new() { Keys = { keys }, StimulusId = "fuzz" };
                    return ("ReleaseKeys of persisted keys", await FrameAsync(new Message(envelope)));
                case 4:
                    envelope.ComputeTask = new() { Key = new KeyProto { Name = $"fuzz-task-{index}" }, Task = new TaskProto { Op = Const }, StimulusId = "fuzz" };
                    return ("ComputeTask", await FrameAsync(new Message(envelope)));
                case 5:
                    var builder = new MessageBuilder();
                    var value = builder.AddValue(Enumerable.Range(0, 1000).Select(v => (double)v).ToArray());
                    envelope.GetDataResponse = new() { Data = { new KeyValue { Key = keys[0], Value = value } } };
                    return ("GetDataResponse overwriting a persisted key", await FrameAsync(builder.Build(envelope)));
                case 6:
                    envelope.Shutdown = new() { Reason = "fuzz" };
                    return ("Shutdown", await FrameAsync(new Message(envelope)));
                case 7:
                    envelope.Close = new() { Reason = "fuzz" };
                    return ("Close", await FrameAsync(new Message(envelope)));
                default:
                    return ("Unknown envelope kind", UnknownKind(random));
            }
        }

        /// <summary>One of the ways a frame can go wrong; about one in fourteen stays valid.</summary>
        private static (string, byte[]) Mutate(byte[] frame, Random random)
        {
            var bytes = (byte[])frame.Clone();
            switch (random.Next(14))
            {
                case 0:
                    var flips = random.Next(1, 5);
                    for (var n = flips; n > 0; n--)
                    {
                        bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                    }

                    return ($"{flips} byte(s) flipped", bytes);
                case 1:
                    var cut = random.Next(bytes.Length);
                    return ($"truncated to {cut} bytes", bytes[..cut]);
                case 2:
                    var at = random.Next(Math.Min(bytes.Length, 64));
                    bytes[at] = (byte)random.Next(256);
                    return ($"byte {at} overwritten", bytes);
                case 3:
                    var inserted = new byte[random.Next(1, 32)];
                    random.NextBytes(inserted);
                    var position = random.Next(bytes.Length);
                    return ($"{inserted.Length} bytes inserted at {position}", [.. bytes[..position], .. inserted, .. bytes[position..]]);
                case 4:
                    var field = random.Next(4) * 4;
                    return WithPrefix(bytes, field, $"prefix bytes {field}..{field + 3} randomized", span => BinaryPrimitives.WriteInt32LittleEndian(span, random.Next()));
                case 5:
                    ulong[] totals = [ulong.MaxValue, long.MaxValue, 1UL << 32, (256UL * 1024 * 1024) + 1, (ulong)random.NextInt64(1, 256L * 1024 * 1024)];
                    var total = totals[random.Next(totals.Length)];
                    return WithPrefix(bytes, 0, $"total length {total}", span => BinaryPrimitives.WriteUInt64LittleEndian(span, total));
                case 6:
                    uint[] headers = [uint.MaxValue, (1024 * 1024) + 1, (uint)random.Next(1, 1024 * 1024)];
                    var header = headers[random.Next(headers.Length)];
                    return WithPrefix(bytes, 8, $"header length {header}", span => BinaryPrimitives.WriteUInt32LittleEndian(span, header));
                case 7:
                    uint[] counts = [uint.MaxValue, 1025, (uint)random.Next(1, 1024)];
                    var count = counts[random.Next(counts.Length)];
                    return WithPrefix(bytes, 12, $"payload frame count {count}", span => BinaryPrimitives.WriteUInt32LittleEndian(span, count));
                case 8:
                    var garbage = new byte[random.Next(1, 512)];
                    random.NextBytes(garbage);
                    return ($"{garbage.Length} garbage bytes appended", [.. bytes, .. garbage]);
                case 9:
                    var second = (byte[])frame.Clone();
                    second[random.Next(second.Length)] ^= (byte)random.Next(1, 256);
                    return ("sent twice, the second copy flipped", [.. bytes, .. second]);
                case 10:
                    return ("header replaced by random protobuf", RandomHeader(random));
                case 11:
                    return ("header replaced by an unknown envelope kind", UnknownKind(random));
                case 12:
                    return ("oversized payload frame claim", OversizedPayloadClaim(random));
                default:
                    return ("unchanged", bytes);
            }
        }

        private static (string, byte[]) WithPrefix(byte[] bytes, int offset, string what, PrefixWriter write)
        {
            if (bytes.Length < FrameCodec.PrefixBytes)
            {
                System.Array.Resize(ref bytes, FrameCodec.PrefixBytes);
            }

            write(bytes.AsSpan(offset));
            return (what, bytes);
        }

        private delegate void PrefixWriter(Span<byte> span);

        /// <summary>Keeps the frame's lengths consistent but fills its header with random bytes, so the protobuf parser gets them.</summary>
        private static byte[] RandomHeader(Random random)
        {
            var header = new byte[random.Next(0, 256)];
            random.NextBytes(header);
            return Frame(header);
        }

        /// <summary>A consistent frame whose header claims one payload frame far larger than what follows.</summary>
        private static byte[] OversizedPayloadClaim(Random random)
        {
            var header = new Envelope { Heartbeat = new() }.ToByteArray();
            var length = (ulong)random.NextInt64(1, 64L * 1024 * 1024) & ~7UL;
            var frame = new byte[FrameCodec.PrefixBytes + header.Length + FrameCodec.FramePrefixBytes + 64];
            BinaryPrimitives.WriteUInt64LittleEndian(frame, 8 + (ulong)header.Length + FrameCodec.FramePrefixBytes + length);
            BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(8), (uint)header.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(12), 1);
            header.CopyTo(frame, FrameCodec.PrefixBytes);
            var at = FrameCodec.PrefixBytes + header.Length;
            BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(at), (uint)PayloadElementType.Double);
            BinaryPrimitives.WriteUInt64LittleEndian(frame.AsSpan(at + 4), length);
            random.NextBytes(frame.AsSpan(at + FrameCodec.FramePrefixBytes));
            return frame;
        }

        /// <summary>A frame whose envelope holds only fields this protocol does not define.</summary>
        private static byte[] UnknownKind(Random random)
        {
            var value = new byte[random.Next(0, 40)];
            random.NextBytes(value);
            // Field 99 as a varint, then field 50 length-delimited: neither is a kind of Envelope.
            return Frame([0x98, 0x06, (byte)random.Next(1, 128), 0x92, 0x03, (byte)value.Length, .. value]);
        }

        private static byte[] Frame(byte[] header)
        {
            var frame = new byte[FrameCodec.PrefixBytes + header.Length];
            BinaryPrimitives.WriteUInt64LittleEndian(frame, 8 + (ulong)header.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(8), (uint)header.Length);
            header.CopyTo(frame, FrameCodec.PrefixBytes);
            return frame;
        }

        private static Message Hello(string token, PeerRole role, uint version) =>
            new(new Envelope { Handshake = new Handshake { Version = version, Token = token, Role = role, Name = "fuzz" } });

        /// <summary>
        /// A small graph submitted as <paramref name="client"/>: a valid chain of its own keys, or one a
        /// client should not send (an unknown op, a cycle, a missing dependency, a wanted key it does not
        /// bring, a new definition of a persisted key).
        /// </summary>
        private static (string Shape, Message Graph) FuzzGraph(string client, Random random, FuzzContext context)
        {
            var name = $"fuzz-chain-{random.Next()}";
            Key Own(int i) => new(name, i);
            var persisted = context.PersistedKeys[random.Next(context.PersistedKeys.Count)];
            var tasks = new Dictionary<Key, DaskTask>
            {
                [Own(0)] = T(Const, L((long)random.Next(100))),
                [Own(1)] = T(Inc, Own(0)),
                [Own(2)] = T(Add, Own(1), L(1L)),
                [Own(3)] = T(Const, L(Enumerable.Range(0, 600).Select(v => (double)v).ToArray())),
            };
            List<Key> wanted = [Own(2), Own(3)];
            string shape;
            switch (random.Next(7))
            {
                case 0:
                    shape = "unknown op";
                    tasks[Own(4)] = T("fuzz.no-such-op", Own(2));
                    wanted.Add(Own(4));
                    break;
                case 1:
                    shape = "cycle";
                    tasks[Own(5)] = T(Inc, Own(6));
                    tasks[Own(6)] = T(Inc, Own(5));
                    wanted.Add(Own(5));
                    break;
                case 2:
                    shape = "task depending on itself";
                    tasks[Own(7)] = T(Inc, Own(7));
                    wanted.Add(Own(7));
                    break;
                case 3:
                    shape = "dependency neither sent nor known";
                    tasks[Own(8)] = T(Inc, new Key($"fuzz-absent-{random.Next()}", 0));
                    wanted.Add(Own(8));
                    break;
                case 4:
                    shape = "wants a key it does not bring";
                    wanted.Add(new Key($"fuzz-absent-{random.Next()}", 1));
                    break;
                case 5:
                    shape = "redefines a persisted key and uses it";
                    tasks[persisted] = T(Const, L(Enumerable.Repeat(-1.0, 10).ToArray()));
                    tasks[Own(9)] = T(Const, persisted);
                    wanted.AddRange([persisted, Own(9)]);
                    break;
                default:
                    shape = "chain";
                    break;
            }

            return (shape, GraphCodec.UpdateGraph(tasks, wanted, client: client, stimulusId: "fuzz"));
        }

        private static async Task<byte[]> FrameAsync(Message message)
        {
            using var stream = new MemoryStream();
            await FrameCodec.WriteAsync(stream, message, FrameLimits.Default);
            return stream.ToArray();
        }
    }
}
