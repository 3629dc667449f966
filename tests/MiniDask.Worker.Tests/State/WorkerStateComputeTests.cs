using MiniDask.Worker;
using static MiniDask.Worker.Tests.State.WorkerHarness;
using static MiniDask.Worker.WorkerTaskState;

namespace MiniDask.Worker.Tests.State;

public sealed class WorkerStateComputeTests
{
    [Fact]
    public void ComputeTask_MoreReadyTasksThanThreads_WaitThenRunMostUrgentFirst()
    {
        var worker = new WorkerHarness(nthreads: 2);
        Assert.Equal(2, worker.Send(Compute(K("busy", 0)), Compute(K("busy", 1))).OfType<Execute>().Count());

        var sent = worker.Send([.. Enumerable.Range(0, 5).Select(i => Compute(K("t", i), priority: 10 - i))]);

        Assert.Empty(sent);
        Assert.Equal(2, worker.State.BusyThreads);
        Assert.Equal([K("t", 4), K("t", 3), K("t", 2), K("t", 1), K("t", 0)], worker.State.ReadyTasks.Select(t => t.Key));
        Assert.Equal(K("t", 4), worker.Send(Done(K("busy", 0))).OfType<Execute>().Single().Key);
    }

    [Fact]
    public void ExecuteSuccess_ThreadFreed_ReportsFinishedAndStartsTheNextReadyTask()
    {
        var worker = new WorkerHarness(nthreads: 1);
        worker.Send(Compute(K("a"), 0), Compute(K("b"), 1));

        var sent = worker.Send(new ExecuteSuccessEvent(K("a"), 123, 5.0, 7.5));

        var finished = Assert.IsType<SendTaskFinished>(sent[0]);
        Assert.Equal((K("a"), 123L, 5.0, 7.5), (finished.Key, finished.NBytes, finished.StartTime, finished.StopTime));
        Assert.Equal(K("b"), Assert.IsType<Execute>(sent[1]).Key);
        Assert.Equal(Memory, worker.State.StateOf(K("a")));
        Assert.Equal(1, worker.State.BusyThreads);
    }

    [Fact]
    public void HandleStimulus_ManyTasksFinishingInTurn_NeverRunsMoreThanNThreads()
    {
        var worker = new WorkerHarness(nthreads: 3);
        var running = worker.Send([.. Enumerable.Range(0, 20).Select(i => Compute(K("t", i), i))]).OfType<Execute>().Select(e => e.Key).ToList();
        var executed = new List<Graph.Key>(running);

        while (running.Count > 0)
        {
            Assert.True(running.Count <= 3);
            var key = running[0];
            running.RemoveAt(0);
            var started = worker.Send(Done(key)).OfType<Execute>().Select(e => e.Key).ToList();
            running.AddRange(started);
            executed.AddRange(started);
            Assert.True(worker.State.BusyThreads <= 3);
        }

        Assert.Equal(20, executed.Distinct().Count());
        Assert.All(executed, k => Assert.Equal(Memory, worker.State.StateOf(k)));
    }

    [Fact]
    public void ExecuteFailure_Task_ReportsErredAndFreesTheThread()
    {
        var worker = new WorkerHarness(nthreads: 1);
        worker.Send(Compute(K("bad"), 0), Compute(K("next"), 1));

        var sent = worker.Send(new ExecuteFailureEvent(K("bad"), "InvalidOperationException: boom", "at Op()", 1, 2));

        var erred = Assert.IsType<SendTaskErred>(sent[0]);
        Assert.Equal((K("bad"), "InvalidOperationException: boom", "at Op()"), (erred.Key, erred.Exception, erred.Traceback));
        Assert.Equal(K("next"), Assert.IsType<Execute>(sent[1]).Key);
        Assert.Equal(Error, worker.State.StateOf(K("bad")));
        Assert.Equal("InvalidOperationException: boom", worker.State.Tasks[K("bad")].Exception);
    }

    [Fact]
    public void ComputeTask_DependencyInLocalMemory_ExecutesWithoutFetching()
    {
        var worker = new WorkerHarness();
        worker.Send(Compute(K("x")));
        worker.Send(Done(K("x")));

        var sent = worker.Send(Compute(K("y"), 0, (K("x"), [Self])));

        Assert.Equal(K("y"), Assert.IsType<Execute>(Assert.Single(sent)).Key);
        Assert.Empty(worker.State.FlightsPerPeer);
    }

    [Fact]
    public void ComputeTask_KeyAlreadyInMemory_ReportsItFinishedInsteadOfRerunning()
    {
        var worker = new WorkerHarness();
        worker.Send(Compute(K("x")));
        worker.Send(new ExecuteSuccessEvent(K("x"), 42, 3, 4));

        var sent = worker.Send(Compute(K("x")));

        var finished = Assert.IsType<SendTaskFinished>(Assert.Single(sent));
        Assert.Equal((42L, 3.0, 4.0), (finished.NBytes, finished.StartTime, finished.StopTime));
    }

    [Fact]
    public void ComputeTask_SameKeyTwice_RunsItOnce()
    {
        var worker = new WorkerHarness();

        var sent = worker.Send(Compute(K("x")), Compute(K("x")));

        Assert.Single(sent.OfType<Execute>());
    }

    [Fact]
    public void ComputeTask_AfterError_RunsTheTaskAgain()
    {
        var worker = new WorkerHarness();
        worker.Send(Compute(K("x")));
        worker.Send(new ExecuteFailureEvent(K("x"), "E", "", 0, 1));

        var sent = worker.Send(Compute(K("x")));

        Assert.Equal(K("x"), Assert.IsType<Execute>(Assert.Single(sent)).Key);
        Assert.Null(worker.State.Tasks[K("x")].Exception);
    }

    [Fact]
    public void Story_ComputedTask_ListsItsTransitionsWithStimulusIds()
    {
        var worker = new WorkerHarness();
        worker.Send(Compute(K("x")) with { StimulusId = "compute" });
        worker.Send(Done(K("x")) with { StimulusId = "done" });

        var story = worker.State.Story(K("x"));

        Assert.Equal(
            [(Released, Waiting, "compute"), (Waiting, Ready, "compute"), (Ready, Executing, "compute"), (Executing, Memory, "done")],
            story.Select(r => (r.Start, r.Finish, r.StimulusId)));
        Assert.Contains("Executing -> Memory [done]", story[^1].ToString());
    }

    [Fact]
    public void HandleStimulus_EventWithoutId_GetsADeterministicOne()
    {
        var worker = new WorkerHarness();

        var sent = worker.Send(Compute(K("x")));

        Assert.Equal("compute-task-1", Assert.Single(sent).StimulusId);
    }

    [Fact]
    public void Constructor_NoThreads_ThrowsNamingTheWorker()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new WorkerState(new WorkerStateOptions("tcp://w", 0)));

        Assert.Contains("tcp://w", error.Message);
        Assert.Equal("NThreads", error.ParamName);
    }

    [Fact]
    public void KnownTransitions_Table_HoldsTheNamedPairsOnly()
    {
        var table = new WorkerHarness().State.KnownTransitions;

        Assert.Contains((Fetch, Flight), table);
        Assert.Contains((Executing, Cancelled), table);
        Assert.DoesNotContain((Memory, Executing), table);
    }
}
