using MiniDask.Scheduler.Distributed;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster.Coordination;

/// <summary>Actors on a local cluster: stateful objects on workers, called directly, shared by name, passed as arguments, released with their handles.</summary>
public sealed class ActorTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task CallAsync_TenThousandTimesFromEachOfFourClients_CounterReachesExactlyFortyThousand()
    {
        var name = $"counter-{Guid.NewGuid():N}";
        await using var counter = await fixture.Client.SubmitActorAsync<Counter>(new ActorOptions { Name = name });
        var clients = new List<Client>();
        for (var i = 0; i < 4; i++)
        {
            clients.Add(await fixture.Cluster.ConnectAsync());
        }

        try
        {
            var runs = clients.Select(client => Task.Run(async () =>
            {
                await using var handle = await client.GetActorAsync<Counter>(name);
                var seen = new List<int>(10_000);
                for (var i = 0; i < 10_000; i++)
                {
                    seen.Add(await handle.CallAsync(c => c.Increment(1)));
                }

                return seen;
            })).ToList();
            var results = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromMinutes(4));

            Assert.Equal(40_000, await counter.CallAsync(c => c.Value));
            // Each client's calls ran in the order it made them, and no two calls saw the same count.
            Assert.All(results, seen => Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First < p.Second)));
            Assert.Equal(40_000, results.SelectMany(r => r).Distinct().Count());
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task SubmitActorAsync_ConstructorArguments_AndEveryCallShape_Work()
    {
        await using var counter = await fixture.Client.SubmitActorAsync<Counter>(10);

        Assert.Equal(15, await counter.CallAsync(c => c.Increment(5)));
        var by = 7;
        Assert.Equal(22, await counter.CallAsync(c => c.IncrementLaterAsync(by)));
        Assert.Equal(24, await counter.CallAsync(c => c.Increment(by - 5)));
        await counter.CallAsync(c => c.Reset());
        Assert.Equal(0, await counter.CallAsync(c => c.Value));
    }

    [Fact]
    public async Task CallAsync_ActorMethodThrows_RaisesItsExceptionAndTheActorLivesOn()
    {
        await using var counter = await fixture.Client.SubmitActorAsync<Counter>(1);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => counter.CallAsync(c => c.Fail("no such thing")));

        Assert.Equal("no such thing", error.Message);
        Assert.Equal(2, await counter.CallAsync(c => c.Increment(1)));
    }

    [Fact]
    public async Task CallAsync_HandlePassedToAnotherActor_TheOtherActorCallsIt()
    {
        await using var counter = await fixture.Client.SubmitActorAsync<Counter>();
        await using var relay = await fixture.Client.SubmitActorAsync<Relay>();

        var last = await relay.CallAsync(r => r.ForwardAsync(counter, 25));

        Assert.Equal(25, last);
        Assert.Equal(25, await counter.CallAsync(c => c.Value));
        Assert.Equal(25, await relay.CallAsync(r => r.Forwarded));
    }

    [Fact]
    public async Task CallAsync_HandlePassedToATask_TheTaskCallsTheActor()
    {
        await using var counter = await fixture.Client.SubmitActorAsync<Counter>(100);

        await using var future = await fixture.Client.SubmitAsync(
            static (ActorHandle<Counter> c, int by) => c.CallAsync(x => x.Increment(by)).GetAwaiter().GetResult(), counter, 11);

        Assert.Equal(111, await future);
        Assert.Equal(111, await counter.CallAsync(c => c.Value));
    }

    [Fact]
    public async Task CallAsync_NotACallOfTheActor_ThrowsArgumentExceptionBeforeSending()
    {
        await using var counter = await fixture.Client.SubmitActorAsync<Counter>();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => counter.CallAsync(c => c.Value + 1));

        Assert.Contains("must call one public method", error.Message);
    }

    [Fact]
    public async Task SubmitActorAsync_NoMatchingConstructor_ThrowsNamingTheType()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.SubmitActorAsync<Counter>(1, 2, 3));

        Assert.Contains("Counter has no public constructor taking 3 argument(s)", error.Message);
    }

    [Fact]
    public async Task DisposeAsync_LastHandle_ReleasesTheActorAndItsNameOnTheScheduler()
    {
        var name = $"released-{Guid.NewGuid():N}";
        var counter = await fixture.Client.SubmitActorAsync<Counter>(new ActorOptions { Name = name });
        await using (var second = await fixture.Client.GetActorAsync<Counter>(name))
        {
            await counter.DisposeAsync();
            // Another handle still holds it.
            Assert.Equal(1, await second.CallAsync(c => c.Increment(1)));
        }

        await Eventually.Holds(() => !fixture.Cluster.Scheduler.Actors.SelectMany(g => g).Contains(counter.Id), "the actor's release");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.GetActorAsync<Counter>(name));
        Assert.Contains($"No actor named '{name}'", error.Message);
        var disposed = await Assert.ThrowsAsync<ObjectDisposedException>(() => counter.CallAsync(c => c.Value));
        Assert.Contains(name, disposed.Message);
    }

    [Fact]
    public async Task ClientDisconnect_ReleasesTheActorsItHeld()
    {
        var client = await fixture.Cluster.ConnectAsync();
        var counter = await client.SubmitActorAsync<Counter>();
        Assert.Contains(counter.Id, fixture.Cluster.Scheduler.Actors[counter.Worker]);

        await client.DisposeAsync();

        await Eventually.Holds(() => !fixture.Cluster.Scheduler.Actors[counter.Worker].Contains(counter.Id), "the departed client's actor release");
    }
}

/// <summary>An actor whose worker dies: the next call says which actor and which worker.</summary>
public sealed class ActorWorkerLossTests
{
    [Fact]
    public async Task CallAsync_ActorsWorkerKilled_ThrowsActorDiedNamingTheActorAndWorker()
    {
        await using var cluster = await LocalCluster.StartAsync(workers: 1, threadsPerWorker: 1, preload: [ClusterFixture.TestAssemblyPath]);
        await using var client = await cluster.ConnectAsync();
        await using var counter = await client.SubmitActorAsync<Counter>(new ActorOptions { Name = "doomed" });
        Assert.Equal(1, await counter.CallAsync(c => c.Increment(1)));

        cluster.WorkerProcesses[0].Kill();
        await cluster.WorkerProcesses[0].WaitForExitAsync();
        var error = await Assert.ThrowsAsync<ActorDiedException>(() => counter.CallAsync(c => c.Increment(1)));

        Assert.Equal("'doomed' (Counter)", error.Actor);
        Assert.Equal(counter.Worker, error.Worker);
        Assert.Contains("'doomed' (Counter)", error.Message);
        Assert.Contains(counter.Worker, error.Message);
        await Eventually.Holds(() => !cluster.Scheduler.Actors[counter.Worker].Any(), "the scheduler forgetting the dead worker's actor");
    }
}

/// <summary>Actor handles refuse what they cannot send before anything reaches the network.</summary>
public sealed class ActorHandleTests
{
    private readonly ActorHandle<Counter> handle = new() { Id = "Counter-x", Name = "c", Worker = "tcp://127.0.0.1:1" };

    [Fact]
    public async Task CallAsync_ArgumentUsesTheActor_ThrowsArgumentException()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => handle.CallAsync(c => c.Increment(c.Value)));

        Assert.Contains("uses the actor itself", error.Message);
    }

    [Fact]
    public async Task CallAsync_ArgumentThatCannotCrossAProcessBoundary_ThrowsNamingItsType()
    {
        var callback = new Action(() => { });

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => handle.CallAsync(c => c.Describe(callback)));

        Assert.Contains("Action", error.Message);
    }

    [Fact]
    public async Task CallAsync_HandleOfNoClientOutsideAWorker_ThrowsSayingHowToGetOne()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => handle.CallAsync(c => c.Increment(1)));

        Assert.Contains("client.GetActorAsync", error.Message);
    }
}
