namespace MiniDask.Worker.Tests;

public sealed class TaskExecutorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void Secede_TaskWaitingForALaterOneOnTheOnlyThread_LetsItRunThenRejoins()
    {
        using var executor = new TaskExecutor(threads: 1, "test");
        using var laterRan = new ManualResetEventSlim();
        using var firstDone = new ManualResetEventSlim();
        var seceded = false;

        executor.Post(() =>
        {
            seceded = executor.Secede();
            executor.Post(laterRan.Set);
            laterRan.Wait(Patience);
            executor.Rejoin();
            firstDone.Set();
        });

        Assert.True(firstDone.Wait(Patience));
        Assert.True(seceded);
        Assert.True(laterRan.IsSet);
    }

    [Fact]
    public void SecedeAndRejoin_OffTheTaskThreads_DoNothing()
    {
        using var executor = new TaskExecutor(threads: 1, "test");
        using var ran = new ManualResetEventSlim();

        Assert.False(executor.Secede());
        executor.Rejoin();
        executor.Post(ran.Set);

        Assert.True(ran.Wait(Patience), "the slot is still free for tasks");
    }
}
