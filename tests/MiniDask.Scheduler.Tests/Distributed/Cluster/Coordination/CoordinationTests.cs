using MiniDask.Scheduler.Distributed;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster.Coordination;

/// <summary>Queues, variables, locks, semaphores, events and pub/sub held by the scheduler, used from clients and from tasks.</summary>
public sealed class CoordinationTests(CoordinationFixture fixture) : IClassFixture<CoordinationFixture>
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);

    private Client Client => fixture.Client;

    private static string Unique(string what) => $"{what}-{Guid.NewGuid():N}";

    [Fact]
    public async Task Queue_UsedAsAWorkListByEightTasks_EachItemIsProcessedExactlyOnce()
    {
        var (name, start) = (Unique("work"), Unique("start"));
        await using var queue = Client.Queue<int>(name);
        await using var go = Client.Event(start);
        Assert.Equal(500, await queue.PutManyAsync(Enumerable.Range(0, 500)));

        var tasks = new List<Future>();
        for (var t = 0; t < 8; t++)
        {
            // The task number gives each task its own key: the same function and arguments would be one task.
            tasks.Add(await Client.SubmitAsync(static (string q, string s, int task) => TaskCoordination.Drain(q, s), name, start, t));
        }

        await go.SetAsync();
        var taken = (await Client.GatherAsync(tasks).WaitAsync(TimeSpan.FromMinutes(2))).Cast<int[]>().ToList();
        await Client.CancelAsync(tasks);

        Assert.Equal(Enumerable.Range(0, 500), taken.SelectMany(t => t).Order());
        Assert.All(taken, t => Assert.True(t.Zip(t.Skip(1)).All(p => p.First < p.Second), "each task takes items in queue order"));
        Assert.Equal(0, await queue.CountAsync());

        // The tasks disposed their handles, so once this client lets go, nothing holds the queue or the event.
        await queue.DisposeAsync();
        await go.DisposeAsync();
        await Eventually.Holds(
            () => !fixture.Cluster.Scheduler.CoordinationObjects.Any(o => o.Name == name || o.Name == start), "the deletion of the queue and the event");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LockOrOneLeaseSemaphore_EightTasksReadModifyWrite_NoIncrementIsLost(bool semaphore)
    {
        var (guard, counter) = (Unique("guard"), Unique("counter"));
        await using var total = Client.Variable<int>(counter);
        await total.SetAsync(0);

        var tasks = new List<Future>();
        for (var t = 0; t < 8; t++)
        {
            tasks.Add(await Client.SubmitAsync(
                static (string g, string c, bool s, int times) => TaskCoordination.IncrementUnderGuard(g, c, s, times), guard, counter, semaphore, 25 + t));
        }

        var done = (await Client.GatherAsync(tasks).WaitAsync(TimeSpan.FromMinutes(2))).Cast<int>().ToList();
        await Client.CancelAsync(tasks);

        Assert.Equal(done.Sum(), await total.GetAsync(Short));
        Assert.Equal(Enumerable.Range(25, 8).Sum(), done.Sum());
    }

    [Fact]
    public async Task Semaphore_TwoLeases_AThirdAcquireWaitsUntilOneIsReleased()
    {
        var name = Unique("sem");
        await using var first = Client.Semaphore(name, maxLeases: 2);
        await using var second = Client.Semaphore(name, maxLeases: 2);
        await using var third = Client.Semaphore(name, maxLeases: 2);
        await first.AcquireAsync();
        await second.AcquireAsync();

        Assert.False(await third.TryAcquireAsync());
        await Assert.ThrowsAsync<TimeoutException>(() => third.AcquireAsync(Short));
        var waiting = third.AcquireAsync(TimeSpan.FromSeconds(30));
        await first.ReleaseAsync();
        await waiting;

        Assert.False(await first.TryAcquireAsync());
        var wrong = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.Semaphore(name, maxLeases: 3).AcquireAsync(Short));
        Assert.Contains("has 2 lease(s)", wrong.Message);
    }

    [Fact]
    public async Task Lock_HeldByAnotherHandle_TimesOutThenIsHandedOnRelease()
    {
        var name = Unique("lock");
        await using var mine = Client.Lock(name);
        await using var theirs = Client.Lock(name);
        await mine.AcquireAsync();

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => theirs.AcquireAsync(Short));
        Assert.Contains($"lock '{name}'", timeout.Message);
        var notHeld = await Assert.ThrowsAsync<InvalidOperationException>(() => theirs.ReleaseAsync());
        Assert.Contains("not held by this handle", notHeld.Message);
        var waiting = theirs.AcquireAsync(TimeSpan.FromSeconds(30));
        await mine.ReleaseAsync();
        await waiting;

        Assert.True(await mine.IsHeldAsync());
        Assert.False(await mine.TryAcquireAsync());
    }

    [Fact]
    public async Task Lock_HolderClientDisconnects_TheLockIsGivenBack()
    {
        var name = Unique("lock");
        var other = await fixture.Cluster.ConnectAsync();
        await other.Lock(name).AcquireAsync();
        await using var mine = Client.Lock(name);
        Assert.False(await mine.TryAcquireAsync());

        await other.DisposeAsync();

        await mine.AcquireAsync(TimeSpan.FromSeconds(30));
        Assert.True(await mine.IsHeldAsync());
    }

    [Fact]
    public async Task Event_SetByTheClient_WakesATaskWaitingOnIt_AndVariablesCarryValuesBothWays()
    {
        var (ready, input, output) = (Unique("ready"), Unique("in"), Unique("out"));
        await using var go = Client.Event(ready);
        await using var sent = Client.Variable<long>(input);
        await using var received = Client.Variable<long>(output);
        await using var task = await Client.SubmitAsync(
            static (string e, string i, string o) => TaskCoordination.WaitThenDouble(e, i, o), ready, input, output);

        var answer = received.GetAsync(TimeSpan.FromSeconds(60));
        Assert.False(await go.IsSetAsync());
        await sent.SetAsync(21);
        await go.SetAsync();

        Assert.Equal(42, await answer);
        Assert.Equal("woke", await task);
        Assert.True(await go.IsSetAsync());
        await go.ClearAsync();
        await Assert.ThrowsAsync<TimeoutException>(() => go.WaitAsync(Short));
    }

    [Fact]
    public async Task Variable_GetBeforeSet_WaitsAndDeleteUnsets()
    {
        await using var variable = Client.Variable<string>(Unique("var"));

        Assert.Equal((false, null), await variable.TryGetAsync());
        await Assert.ThrowsAsync<TimeoutException>(() => variable.GetAsync(Short));
        var waiting = variable.GetAsync(TimeSpan.FromSeconds(30));
        await variable.SetAsync("hello");
        Assert.Equal("hello", await waiting);
        await variable.DeleteAsync();

        Assert.False((await variable.TryGetAsync()).IsSet);
    }

    [Fact]
    public async Task Queue_GetTimesOutOrIsCancelled_NoLaterItemIsLostToIt()
    {
        await using var queue = Client.Queue<string>(Unique("q"));
        using var cancel = new CancellationTokenSource();

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => queue.GetAsync(Short));
        var cancelled = queue.GetAsync(cancellationToken: cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await queue.PutAsync("kept");

        Assert.Contains("Timed out after 0.2 s waiting for an item of queue", timeout.Message);
        Assert.Equal("kept", await queue.GetAsync(Short));
    }

    [Fact]
    public async Task PubSub_ThousandMessages_EverySubscriberGetsThemInOrder()
    {
        var topic = Unique("topic");
        await using var other = await fixture.Cluster.ConnectAsync();
        await using var here = await Client.SubscribeAsync<int>(topic);
        await using var there = await other.SubscribeAsync<int>(topic);
        await using var publisher = Client.Publisher<int>(topic);

        for (var i = 0; i < 1000; i++)
        {
            await publisher.PublishAsync(i);
        }

        foreach (var subscriber in new[] { here, there })
        {
            var received = new List<int>();
            for (var i = 0; i < 1000; i++)
            {
                received.Add(await subscriber.GetAsync(TimeSpan.FromSeconds(30)));
            }

            Assert.Equal(Enumerable.Range(0, 1000), received);
        }

        await Assert.ThrowsAsync<TimeoutException>(() => here.GetAsync(Short));
    }

    [Fact]
    public async Task PubSub_PublishedFromATask_ReachesTheClientInOrder()
    {
        var topic = Unique("topic");
        await using var subscriber = await Client.SubscribeAsync<int>(topic);

        await using var task = await Client.SubmitAsync(static (string t, int n) => TaskCoordination.PublishRange(t, n), topic, 200);
        Assert.Equal(200, await task);

        var received = new List<int>();
        await foreach (var message in subscriber.ReadAllAsync())
        {
            received.Add(message);
            if (received.Count == 200)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, 200), received);
    }

    [Fact]
    public async Task DisposeAsync_LastHandleOfEveryClient_DeletesTheObjectAndItsItems()
    {
        var name = Unique("short-lived");
        var first = Client.Queue<int>(name);
        var second = Client.Queue<int>(name);
        await first.PutAsync(1);
        Assert.Contains((Protocol.Messages.CoordinationKind.Queue, name), fixture.Cluster.Scheduler.CoordinationObjects);

        await first.DisposeAsync();
        Assert.Equal(1, await second.CountAsync());
        await second.DisposeAsync();

        await Eventually.Holds(() => !fixture.Cluster.Scheduler.CoordinationObjects.Contains((Protocol.Messages.CoordinationKind.Queue, name)), "the queue's deletion");
        await using var again = Client.Queue<int>(name);
        Assert.Equal(0, await again.CountAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => first.PutAsync(2));
    }

    [Fact]
    public void GetClient_OutsideAWorker_ThrowsSayingWhatToDoInstead()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MiniDask.Scheduler.Distributed.Worker.GetClient());

        Assert.Contains("Client.ConnectAsync", error.Message);
    }
}
