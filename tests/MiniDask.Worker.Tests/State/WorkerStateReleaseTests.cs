using MiniDask.Worker;
using static MiniDask.Worker.Tests.State.WorkerHarness;
using static MiniDask.Worker.WorkerTaskState;

namespace MiniDask.Worker.Tests.State;

public sealed class WorkerStateReleaseTests
{
    [Fact]
    public void FreeKeys_KeyInMemory_ReleasesTheDataAndForgetsIt()
    {
        var worker = new WorkerHarness();
        worker.Send(Compute(K("x")));
        worker.Send(Done(K("x")));

        var sent = worker.Send(new FreeKeysEvent([K("x")]));

        Assert.Equal(K("x"), Assert.IsType<ReleaseData>(Assert.Single(sent)).Key);
        Assert.Empty(worker.State.Tasks);
    }

    [Fact]
    public void FreeKeys_ReadyOrWaiting_ForgetsWithoutRunning()
    {
        var worker = new WorkerHarness(nthreads: 1);
        worker.Send(Compute(K("a"), 0), Compute(K("b"), 1), Compute(K("c"), 2, (K("x"), ["tcp://p"])));

        var sent = worker.Send(new FreeKeysEvent([K("b"), K("c")]));

        Assert.Empty(sent);
        Assert.Equal([K("a")], worker.State.Tasks.Keys.Where(k => k.Name != "x"));
        Assert.Equal(Cancelled, worker.State.StateOf(K("x")));
        Assert.Empty(worker.Send(Done(K("a"))).OfType<Execute>());
    }

    [Fact]
    public void FreeKeys_Executing_KeepsTheThreadUntilItReturnsThenDropsTheResult()
    {
        var worker = new WorkerHarness(nthreads: 1);
        worker.Send(Compute(K("a"), 0), Compute(K("b"), 1));

        Assert.Empty(worker.Send(new FreeKeysEvent([K("a")])));
        Assert.Equal(Cancelled, worker.State.StateOf(K("a")));
        Assert.Equal(1, worker.State.BusyThreads);

        var sent = worker.Send(Done(K("a")));

        Assert.Equal(K("a"), Assert.IsType<ReleaseData>(sent[0]).Key);
        Assert.Equal(K("b"), Assert.IsType<Execute>(sent[1]).Key);
        Assert.DoesNotContain(sent, i => i is SendTaskFinished);
        Assert.Equal(Forgotten, worker.State.StateOf(K("a")));
    }

    [Fact]
    public void ComputeTask_AfterCancelWhileExecuting_ResumesWithoutRunningAgain()
    {
        var worker = new WorkerHarness(nthreads: 1);
        worker.Send(Compute(K("a")));
        worker.Send(new FreeKeysEvent([K("a")]));

        Assert.Empty(worker.Send(Compute(K("a"))));
        Assert.Equal(Executing, worker.State.StateOf(K("a")));

        var sent = worker.Send(Done(K("a")));
        Assert.Equal(K("a"), Assert.IsType<SendTaskFinished>(Assert.Single(sent)).Key);
        Assert.Equal([Ready, Executing, Cancelled, Executing, Memory], worker.State.Story(K("a")).Skip(1).Select(r => r.Finish));
    }

    [Fact]
    public void StealRequest_TaskNotStarted_AcceptedAndDropped()
    {
        var worker = new WorkerHarness(nthreads: 1);
        worker.Send(Compute(K("a"), 0), Compute(K("b"), 1));

        var sent = worker.Send(new StealRequestEvent(K("b")));

        var response = Assert.IsType<SendStealResponse>(Assert.Single(sent));
        Assert.Equal((K("b"), true, (WorkerTaskState?)Ready), (response.Key, response.Accepted, response.State));
        Assert.Equal(Forgotten, worker.State.StateOf(K("b")));
        Assert.Empty(worker.Send(Done(K("a"))).OfType<Execute>());
    }

    [Fact]
    public void StealRequest_TaskExecuting_Refused()
    {
        var worker = new WorkerHarness(nthreads: 1);
        worker.Send(Compute(K("a")));

        var response = Assert.IsType<SendStealResponse>(Assert.Single(worker.Send(new StealRequestEvent(K("a")))));

        Assert.False(response.Accepted);
        Assert.Equal(Executing, response.State);
        Assert.Equal(Executing, worker.State.StateOf(K("a")));
    }

    [Fact]
    public void StealRequest_TaskAlreadyDone_Refused()
    {
        var worker = new WorkerHarness();
        worker.Send(Compute(K("a")));
        worker.Send(Done(K("a")));

        var response = Assert.IsType<SendStealResponse>(Assert.Single(worker.Send(new StealRequestEvent(K("a")))));

        Assert.Equal((false, (WorkerTaskState?)Memory), (response.Accepted, response.State));
    }

    [Fact]
    public void StealRequest_UnknownKey_Accepted()
    {
        var worker = new WorkerHarness();

        var response = Assert.IsType<SendStealResponse>(Assert.Single(worker.Send(new StealRequestEvent(K("ghost")))));

        Assert.True(response.Accepted);
        Assert.Null(response.State);
    }

    [Fact]
    public void StealRequest_WaitingForTransfer_AcceptedAndTheTransferResultDropped()
    {
        var worker = new WorkerHarness();
        worker.Send(Compute(K("z"), 0, (K("x"), ["tcp://b"])));

        var response = Assert.IsType<SendStealResponse>(Assert.Single(worker.Send(new StealRequestEvent(K("z")))));

        Assert.True(response.Accepted);
        Assert.Equal(Waiting, response.State);
        Assert.Equal(Cancelled, worker.State.StateOf(K("x")));
        Assert.IsType<ReleaseData>(Assert.Single(worker.Send(Got("tcp://b", K("x")))));
        Assert.Empty(worker.State.Tasks);
    }
}
