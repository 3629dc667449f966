using MiniDask.Graph;
using MiniDask.Worker;
using static MiniDask.Worker.Tests.State.WorkerHarness;
using static MiniDask.Worker.WorkerTaskState;

namespace MiniDask.Worker.Tests.State;

public sealed class WorkerStateFuturesTests
{
    [Fact]
    public void UpdateData_ScatteredValue_IsInMemoryAndFeedsALocalTaskWithoutAFetch()
    {
        var worker = new WorkerHarness(nthreads: 1);

        worker.Send(new UpdateDataEvent(new Dictionary<Key, long> { [K("data")] = 800 }));
        var sent = worker.Send(Compute(K("use"), 0, (K("data"), [Self])));

        Assert.Equal(Memory, worker.State.StateOf(K("data")));
        Assert.Equal(800, worker.State.Tasks[K("data")].NBytes);
        Assert.Equal(K("use"), Assert.Single(sent.OfType<Execute>()).Key);
        Assert.Empty(sent.OfType<GatherDep>());
    }

    [Fact]
    public void UpdateData_ThenFreeKeys_ReleasesTheValue()
    {
        var worker = new WorkerHarness();
        worker.Send(new UpdateDataEvent(new Dictionary<Key, long> { [K("data")] = 8 }));

        var sent = worker.Send(new FreeKeysEvent([K("data")]));

        Assert.Equal(K("data"), Assert.Single(sent.OfType<ReleaseData>()).Key);
        Assert.Equal(Forgotten, worker.State.StateOf(K("data")));
    }

    [Fact]
    public void Secede_ExecutingTaskOnTheOnlyThread_LetsTheNextReadyTaskStart()
    {
        var worker = new WorkerHarness(nthreads: 1);
        worker.Send(Compute(K("parent"), 0), Compute(K("child"), 1));
        Assert.Equal(1, worker.State.BusyThreads);

        var sent = worker.Send(new SecedeEvent(K("parent")));

        Assert.Equal(K("child"), Assert.Single(sent.OfType<Execute>()).Key);
        Assert.Equal(K("parent"), Assert.Single(sent.OfType<SendLongRunning>()).Key);
        Assert.True(worker.State.Tasks[K("parent")].Seceded);
        Assert.Equal(Executing, worker.State.StateOf(K("parent")));
        Assert.Empty(worker.Send(new SecedeEvent(K("parent"))).OfType<SendLongRunning>());
        worker.Send(Done(K("child")), Done(K("parent")));
        Assert.Equal(Memory, worker.State.StateOf(K("parent")));
        Assert.Equal(0, worker.State.BusyThreads);
    }
}
