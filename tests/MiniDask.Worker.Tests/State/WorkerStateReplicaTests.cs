using MiniDask.Graph;
using static MiniDask.Worker.Tests.State.WorkerHarness;
using static MiniDask.Worker.WorkerTaskState;

namespace MiniDask.Worker.Tests.State;

public sealed class WorkerStateReplicaTests
{
    [Fact]
    public void ReplicasFetched_NewKeys_AreHeldUntilTheSchedulerFreesThemAndTheAnswerCarriesTheRequestId()
    {
        var worker = new WorkerHarness();

        var sent = worker.Send(new ReplicasFetchedEvent(7, new Dictionary<Key, long> { [K("x")] = 80 }, [K("gone")]));

        var answer = Assert.IsType<SendReplicasAcquired>(Assert.Single(sent));
        Assert.Equal(7UL, answer.RequestId);
        Assert.Equal([K("x")], answer.Keys);
        Assert.Equal([80L], answer.NBytes);
        Assert.Equal([K("gone")], answer.Missing);
        Assert.Equal(Memory, worker.State.StateOf(K("x")));
        Assert.Equal(K("x"), Assert.IsType<ReleaseData>(Assert.Single(worker.Send(new FreeKeysEvent([K("x")])))).Key);
        Assert.Equal(Forgotten, worker.State.StateOf(K("x")));
    }

    [Fact]
    public void ReplicasFetched_KeyAlreadyComingForALocalTask_IsReportedMissingAndLeftToThatTransfer()
    {
        var worker = new WorkerHarness();
        worker.Send(Compute(K("y"), 0, (K("x"), ["tcp://p"])));

        var sent = worker.Send(new ReplicasFetchedEvent(3, new Dictionary<Key, long> { [K("x")] = 8 }, []));

        var answer = Assert.IsType<SendReplicasAcquired>(Assert.Single(sent));
        Assert.Empty(answer.Keys);
        Assert.Equal([K("x")], answer.Missing);
        Assert.Equal(Flight, worker.State.StateOf(K("x")));
    }

    [Fact]
    public void SchedulerReconnected_ResultsAndPendingTasks_ReportsTheResultsAndDropsTheRest()
    {
        var worker = new WorkerHarness(nthreads: 1);
        worker.Send(Compute(K("a"), 0));
        worker.Send(Done(K("a"), nbytes: 16));
        worker.Send(Compute(K("b"), 1), Compute(K("c"), 2));

        var sent = worker.Send(new SchedulerReconnectedEvent());

        var answer = Assert.IsType<SendReplicasAcquired>(Assert.Single(sent));
        Assert.Equal(0UL, answer.RequestId);
        Assert.Equal([K("a")], answer.Keys);
        Assert.Equal([16L], answer.NBytes);
        Assert.Equal(Memory, worker.State.StateOf(K("a")));
        Assert.Equal(Cancelled, worker.State.StateOf(K("b")));
        Assert.Equal(Forgotten, worker.State.StateOf(K("c")));
    }
}
