using MiniDask.Graph;
using MiniDask.Worker;
using static MiniDask.Worker.Tests.State.WorkerHarness;
using static MiniDask.Worker.WorkerTaskState;

namespace MiniDask.Worker.Tests.State;

public sealed class WorkerStateFetchTests
{
    [Fact]
    public void ComputeTask_DependenciesOnPeers_FetchesThenExecutesThenDropsTheCopies()
    {
        var worker = new WorkerHarness();

        var sent = worker.Send(Compute(K("z"), 0, (K("x"), ["tcp://b"]), (K("y"), ["tcp://c"])));

        Assert.Equal([("tcp://b", K("x")), ("tcp://c", K("y"))], sent.OfType<GatherDep>().Select(g => (g.Peer, g.Keys.Single())));
        Assert.Equal(Flight, worker.State.StateOf(K("x")));
        Assert.Equal(Waiting, worker.State.StateOf(K("z")));
        Assert.Empty(worker.Send(Got("tcp://b", K("x"))));
        var execute = Assert.IsType<Execute>(Assert.Single(worker.Send(Got("tcp://c", K("y")))));
        Assert.Equal(K("z"), execute.Key);
        Assert.Equal([K("x"), K("y")], execute.Inputs.Order());
        Assert.Equal(20, execute.InputBytes);

        sent = worker.Send(Done(K("z")));

        Assert.IsType<SendTaskFinished>(sent[0]);
        Assert.Equal([K("x"), K("y")], sent.OfType<ReleaseData>().Select(r => r.Key).Order());
        Assert.Equal([Released, Released], new[] { "x", "y" }.Select(n => worker.State.StateOf(K(n))));

        // A released dependency is remembered while a local task that read it is; freeing that task forgets both.
        Assert.IsType<ReleaseData>(Assert.Single(worker.Send(new FreeKeysEvent([K("z")]))));
        Assert.Empty(worker.State.Tasks);
        Assert.Equal([(Released, Fetch), (Fetch, Flight), (Flight, Memory), (Memory, Released), (Released, Forgotten)],
            worker.State.TransitionLog.Where(r => r.Key == K("x")).Select(r => (r.Start, r.Finish)));
    }

    [Fact]
    public void EnsureCommunicating_ManyKeysOnOnePeer_BundlesThemUpToTheTargetSize()
    {
        var worker = new WorkerHarness(configure: o => o with { TransferMessageTargetBytes = 25 });
        var deps = Enumerable.Range(0, 5).Select(i => (K("d", i), new[] { "tcp://b" })).ToArray();

        var sent = worker.Send(Compute(K("z"), 0, deps));

        var gather = Assert.Single(sent.OfType<GatherDep>());
        Assert.Equal(2, gather.Keys.Count);
        Assert.Equal(20, gather.TotalNBytes);
        Assert.Equal(1, worker.State.FlightsPerPeer["tcp://b"]);
        var next = worker.Send(Got("tcp://b", [.. gather.Keys]));
        Assert.Equal(2, Assert.Single(next.OfType<GatherDep>()).Keys.Count);
    }

    [Fact]
    public void EnsureCommunicating_PerPeerLimit_NeverMoreTransfersFromOnePeer()
    {
        var worker = new WorkerHarness(configure: o => o with { TransferMessageTargetBytes = 0, MaxFlightsPerPeer = 2 });
        var deps = Enumerable.Range(0, 5).Select(i => (K("d", i), new[] { "tcp://b" })).ToArray();

        var sent = worker.Send(Compute(K("z"), 0, deps));

        var gathers = sent.OfType<GatherDep>().ToList();
        Assert.Equal(2, gathers.Count);
        Assert.All(gathers, g => Assert.Single(g.Keys));
        Assert.Equal(3, worker.State.Tasks.Values.Count(t => t.State == Fetch));
        Assert.Single(worker.Send(Got("tcp://b", gathers[0].Keys[0])).OfType<GatherDep>());
    }

    [Fact]
    public void EnsureCommunicating_TotalLimit_NeverMoreTransfersInFlight()
    {
        var worker = new WorkerHarness(configure: o => o with { MaxConcurrentFlights = 2 });
        var deps = Enumerable.Range(0, 4).Select(i => (K("d", i), new[] { $"tcp://peer{i}" })).ToArray();

        var sent = worker.Send(Compute(K("z"), 0, deps));

        Assert.Equal(2, sent.OfType<GatherDep>().Count());
        Assert.Equal(2, worker.State.FlightCount);
    }

    [Fact]
    public void EnsureCommunicating_BytesInFlightReachTheTransferShareOfTheLimit_StartsNoMoreUntilOneArrives()
    {
        // 3% of a 1,000-byte limit: 30 bytes in flight at most, and each dependency is 10 bytes.
        var worker = new WorkerHarness(configure: o => o with { MemoryLimit = 1000, TransferFraction = 0.03 });
        var deps = Enumerable.Range(0, 5).Select(i => (K("d", i), new[] { $"tcp://peer{i}" })).ToArray();

        var sent = worker.Send(Compute(K("z"), 0, deps));

        var gathers = sent.OfType<GatherDep>().ToList();
        Assert.Equal(3, gathers.Count);
        Assert.Equal(30, worker.State.IncomingTransferBytes);
        var next = worker.Send(Got(gathers[0].Peer, gathers[0].Keys[0]));
        Assert.Single(next.OfType<GatherDep>());
        Assert.Equal(30, worker.State.IncomingTransferBytes);
    }

    [Fact]
    public void EnsureCommunicating_OneValueLargerThanTheTransferShare_StillFetchedAlone()
    {
        var worker = new WorkerHarness(configure: o => o with { MemoryLimit = 100, TransferFraction = 0.01 });

        var sent = worker.Send(Compute(K("z"), 0, (K("x"), ["tcp://b"]), (K("y"), ["tcp://c"])));

        Assert.Equal(K("x"), Assert.Single(Assert.Single(sent.OfType<GatherDep>()).Keys));
        Assert.Equal(K("y"), Assert.Single(Assert.Single(worker.Send(Got("tcp://b", K("x"))).OfType<GatherDep>()).Keys));
        Assert.Equal(10, worker.State.IncomingTransferBytes);
    }

    [Fact]
    public void GatherDepSuccess_PeerLacksTheKey_ReportsItMissingAndAsksAnotherHolder()
    {
        var worker = new WorkerHarness();
        var first = worker.Send(Compute(K("z"), 0, (K("x"), ["tcp://b", "tcp://c"]))).OfType<GatherDep>().Single();
        Assert.Equal("tcp://b", first.Peer);

        var sent = worker.Send(new GatherDepSuccessEvent("tcp://b", [K("x")], new Dictionary<Key, long>()));

        Assert.Equal(("tcp://b", K("x")), Assert.IsType<SendMissingData>(sent[0]) is var m ? (m.Peer, m.Key) : default);
        Assert.Equal("tcp://c", Assert.IsType<GatherDep>(sent[1]).Peer);
        Assert.Equal(["tcp://c"], worker.State.Tasks[K("x")].WhoHas);
    }

    [Fact]
    public void GatherDepFailure_OnlyHolder_MarksMissingUntilTheSchedulerNamesAnother()
    {
        var worker = new WorkerHarness();
        worker.Send(Compute(K("z"), 0, (K("x"), ["tcp://b"])));

        var sent = worker.Send(new GatherDepFailureEvent("tcp://b", [K("x")], "connection refused"));

        Assert.Equal(K("x"), Assert.IsType<SendMissingData>(Assert.Single(sent)).Key);
        Assert.Equal(Missing, worker.State.StateOf(K("x")));
        Assert.Empty(worker.State.FlightsPerPeer);

        var refreshed = worker.Send(new RefreshWhoHasEvent(new Dictionary<Key, IReadOnlyList<string>> { [K("x")] = ["tcp://d"] }));

        Assert.Equal("tcp://d", Assert.IsType<GatherDep>(Assert.Single(refreshed)).Peer);
    }

    [Fact]
    public void GatherDepFailure_Peer_IsForgottenAsAHolderOfEveryKey()
    {
        var worker = new WorkerHarness(configure: o => o with { MaxFlightsPerPeer = 1, TransferMessageTargetBytes = 0 });
        worker.Send(Compute(K("z"), 0, (K("x"), ["tcp://b"]), (K("y"), ["tcp://b", "tcp://c"])));

        worker.Send(new GatherDepFailureEvent("tcp://b", [K("x")], "reset"));

        Assert.DoesNotContain(worker.State.Tasks.Values, t => t.WhoHas.Contains("tcp://b"));
        Assert.Equal(Missing, worker.State.StateOf(K("x")));
        Assert.Equal("tcp://c", worker.State.Tasks[K("y")].ComingFrom);
    }

    [Fact]
    public void GatherDepSuccess_DependentFreedMeanwhile_DropsTheArrivedValue()
    {
        var worker = new WorkerHarness();
        worker.Send(Compute(K("z"), 0, (K("x"), ["tcp://b"])));
        worker.Send(new FreeKeysEvent([K("z")]));
        Assert.Equal(Cancelled, worker.State.StateOf(K("x")));

        var sent = worker.Send(Got("tcp://b", K("x")));

        Assert.Equal(K("x"), Assert.IsType<ReleaseData>(Assert.Single(sent)).Key);
        Assert.Empty(worker.State.Tasks);
    }

    [Fact]
    public void ComputeTask_ForKeyInFlight_TransferServesAsTheResult()
    {
        var worker = new WorkerHarness();
        worker.Send(Compute(K("z"), 0, (K("x"), ["tcp://b"])));

        Assert.Empty(worker.Send(Compute(K("x"))));
        var sent = worker.Send(Got("tcp://b", K("x")));

        Assert.Equal(K("x"), Assert.IsType<SendTaskFinished>(sent[0]).Key);
        Assert.Equal(K("z"), Assert.IsType<Execute>(sent[1]).Key);
        Assert.True(worker.State.Tasks[K("x")].Assigned);
    }

    [Fact]
    public void ComputeTask_ForKeyInFlightWhenTheTransferFails_ComputesIt()
    {
        var worker = new WorkerHarness();
        worker.Send(Compute(K("z"), 0, (K("x"), ["tcp://b"])));
        worker.Send(Compute(K("x")));

        var sent = worker.Send(new GatherDepFailureEvent("tcp://b", [K("x")], "reset"));

        Assert.Contains(sent, i => i is Execute e && e.Key == K("x"));
        Assert.Equal(Executing, worker.State.StateOf(K("x")));
    }
}
