using MiniDask.Worker;
using static MiniDask.Worker.Tests.State.WorkerHarness;
using static MiniDask.Worker.WorkerTaskState;

namespace MiniDask.Worker.Tests.State;

public sealed class WorkerStateMemoryTests
{
    private static WorkerHarness Limited(int nthreads = 1) => new(nthreads, o => o with { MemoryLimit = 1000 });

    [Fact]
    public void MemoryPressure_AboveEightyPercent_PausesNewExecution()
    {
        var worker = Limited();
        worker.Send(Compute(K("a"), 0), Compute(K("b"), 1));

        worker.Send(new MemoryPressureEvent(801));
        var sent = worker.Send(Done(K("a")));

        Assert.True(worker.State.Paused);
        Assert.IsType<SendTaskFinished>(Assert.Single(sent));
        Assert.Equal(Ready, worker.State.StateOf(K("b")));
        Assert.Empty(worker.Send(Compute(K("c"), 2)).OfType<Execute>());
    }

    [Fact]
    public void MemoryPressure_BackAtOrBelowEightyPercent_ResumesReadyTasks()
    {
        var worker = Limited(nthreads: 2);
        worker.Send(new MemoryPressureEvent(900));
        worker.Send(Compute(K("a"), 0), Compute(K("b"), 1), Compute(K("c"), 2));

        var sent = worker.Send(new MemoryPressureEvent(800));

        Assert.False(worker.State.Paused);
        Assert.Equal([K("a"), K("b")], sent.OfType<Execute>().Select(e => e.Key));
        Assert.Equal(800, worker.State.MemoryBytes);
    }

    [Fact]
    public void MemoryPressure_Paused_StartsNoTransferUntilResumed()
    {
        var worker = Limited();
        worker.Send(new MemoryPressureEvent(999));

        Assert.Empty(worker.Send(Compute(K("z"), 0, (K("x"), ["tcp://b"]))));
        Assert.Equal(Fetch, worker.State.StateOf(K("x")));

        Assert.IsType<GatherDep>(Assert.Single(worker.Send(new MemoryPressureEvent(100))));
    }

    [Fact]
    public void MemoryPressure_NoMemoryLimit_NeverPauses()
    {
        var worker = new WorkerHarness();

        worker.Send(new MemoryPressureEvent(long.MaxValue / 2));

        Assert.False(worker.State.Paused);
        Assert.Equal(long.MaxValue, worker.State.PauseThreshold);
    }
}
