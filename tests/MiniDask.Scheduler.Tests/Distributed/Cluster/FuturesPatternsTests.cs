using MiniDask.Graph;
using MiniDask.Scheduler.Distributed;
using MiniDask.Testing;
using static MiniDask.Scheduler.Tests.Distributed.Cluster.FuturesOps;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>A local cluster of 2 worker processes × 3 threads, so several gated tasks wait at once.</summary>
public sealed class WideClusterFixture : LocalClusterFixture
{
    /// <inheritdoc />
    protected override int ThreadsPerWorker => 3;
}

/// <summary>AsCompleted, Wait, FireAndForget, future status and callbacks, cluster queries, RunAsync and datasets on real worker processes.</summary>
public sealed class FuturesPatternsTests(WideClusterFixture fixture) : IClassFixture<WideClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AsCompleted_GatesReleasedOutOfOrder_YieldsInCompletionOrderWithAddedFutures()
    {
        var gates = Enumerable.Range(0, 4).Select(_ => FileGate.Create()).ToList();
        var futures = new List<Future<int>>();
        for (var i = 0; i < gates.Count; i++)
        {
            futures.Add(await fixture.Client.SubmitAsync(Gated, gates[i].Directory, i));
        }

        Assert.All(gates, g => Assert.True(g.WaitEntered(Patience), "every gated task runs at once on 6 threads"));
        var releaseOrder = new Queue<int>([2, 0, 3, 1]);
        var completed = new List<int>();
        var added = FileGate.Create();
        added.Release();
        var stream = fixture.Client.AsCompleted(futures);
        gates[releaseOrder.Dequeue()].Release();
        await foreach (var future in stream)
        {
            completed.Add(await ((Future<int>)future).ResultAsync());
            if (completed.Count == 1)
            {
                // Added while enumerating, and already free to finish: it comes out before the gated ones.
                var extra = await fixture.Client.SubmitAsync(Gated, added.Directory, 99);
                futures.Add(extra);
                stream.Add(extra);
                continue;
            }

            if (releaseOrder.Count > 0)
            {
                gates[releaseOrder.Dequeue()].Release();
            }
        }

        await fixture.Client.CancelAsync(futures);
        Assert.Equal([2, 99, 0, 3, 1], completed);
    }

    [Fact]
    public async Task AsCompleted_WithResults_GivesEveryFutureWithItsValue()
    {
        var futures = await fixture.Client.MapAsync((long x) => x * 3, [1L, 2L, 3L, 4L]);

        var results = new Dictionary<Key, object?>();
        await foreach (var (future, result) in fixture.Client.AsCompleted(futures).WithResultsAsync())
        {
            results[future.Key] = result;
        }

        await fixture.Client.CancelAsync(futures);
        Assert.Equal(new object?[] { 3L, 6L, 9L, 12L }, futures.Select(f => results[f.Key]));
    }

    [Fact]
    public async Task WaitAsync_FirstCompleted_ReturnsWithTheFinishedOneAndTheOtherStillPending()
    {
        var slow = FileGate.Create();
        var fast = FileGate.Create();
        await using var slowFuture = await fixture.Client.SubmitAsync(Gated, slow.Directory, 1);
        await using var fastFuture = await fixture.Client.SubmitAsync(Gated, fast.Directory, 2);
        fast.Release();

        var first = await fixture.Client.WaitAsync([slowFuture, fastFuture], ReturnWhen.FirstCompleted, Patience);

        Assert.Equal([fastFuture], first.Done);
        Assert.Equal([slowFuture], first.NotDone);
        Assert.Equal(FutureStatus.Pending, slowFuture.Status);
        await Assert.ThrowsAsync<TimeoutException>(() => fixture.Client.WaitAsync([slowFuture, fastFuture], ReturnWhen.AllCompleted, TimeSpan.FromMilliseconds(200)));
        slow.Release();
        var all = await fixture.Client.WaitAsync([slowFuture, fastFuture], ReturnWhen.AllCompleted, Patience);
        Assert.Equal(2, all.Done.Count);
        Assert.Empty(all.NotDone);
    }

    [Fact]
    public async Task Future_FailingTask_HasErrorStatusExceptionAndRunsItsCallback()
    {
        var called = new TaskCompletionSource<Future>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var future = await fixture.Client.SubmitAsync(TestOps.Fail, "callback boom");
        future.AddDoneCallback(f => called.TrySetResult(f));

        var seen = await called.Task.WaitAsync(Patience);

        Assert.Same(future, seen);
        Assert.Equal(FutureStatus.Error, future.Status);
        var error = Assert.IsType<TaskFailedException>(future.Exception);
        Assert.Equal("callback boom", error.InnerException!.Message);
    }

    [Fact]
    public async Task Future_Finished_HasNoExceptionAndCallbackAddedLateStillRuns()
    {
        var future = await fixture.Client.SubmitAsync(Square, 7L);
        Assert.Equal(49L, await future);
        var called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        future.AddDoneCallback(_ => called.TrySetResult());
        await called.Task.WaitAsync(Patience);

        Assert.Equal(FutureStatus.Finished, future.Status);
        Assert.Null(future.Exception);
        await future.DisposeAsync();
        Assert.Equal(FutureStatus.Cancelled, future.Status);
    }

    [Fact]
    public async Task FireAndForget_FutureReleasedBeforeItsTaskRan_TaskStillRuns()
    {
        var gate = FileGate.Create();
        var marker = Path.Combine(gate.Directory, "side-effect");
        var future = await fixture.Client.SubmitAsync(WriteAfterGate, gate.Directory, marker);
        Assert.True(gate.WaitEntered(Patience));

        await fixture.Client.FireAndForgetAsync(future);
        await future.DisposeAsync();
        gate.Release();

        Assert.True(gate.WaitLeft(Patience));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(marker) && clock.Elapsed < Patience)
        {
            await Task.Delay(10);
        }

        Assert.Equal("ran", await File.ReadAllTextAsync(marker));
    }

    [Fact]
    public async Task WhoHasAndHasWhat_AfterATask_AgreeOnWhereItsResultIs()
    {
        await using var future = await fixture.Client.SubmitAsync(Square, 12L);
        Assert.Equal(144L, await future);

        var whoHas = await fixture.Client.WhoHasAsync([future]);
        var hasWhat = await fixture.Client.HasWhatAsync();
        var info = await fixture.Client.SchedulerInfoAsync();

        var holder = Assert.Single(whoHas[future.Key]);
        Assert.Contains(future.Key, hasWhat[holder]);
        Assert.Equal(2, info.Workers.Count);
        Assert.Contains(holder, info.Workers.Keys);
        Assert.All(info.Workers.Values, w => Assert.Equal(3, w.Threads));
        Assert.Equal(fixture.Cluster.SchedulerAddress, info.Address);
    }

    [Fact]
    public async Task RunAsync_StaticFunction_RunsOnceOnEveryWorkerInItsProcess()
    {
        var results = await fixture.Client.RunAsync(() => $"{Environment.ProcessId}|{MiniDask.Scheduler.Distributed.Worker.Current.WorkerAddress}");

        var info = await fixture.Client.SchedulerInfoAsync();
        Assert.Equal(info.Workers.Keys.Order(), results.Keys.Order());
        Assert.All(results, kv => Assert.EndsWith("|" + kv.Key, kv.Value));
        var pids = results.Values.Select(v => int.Parse(v.Split('|')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(fixture.Cluster.WorkerProcesses.Select(p => p.Id).Order(), pids.Order());
    }

    [Fact]
    public async Task Datasets_PublishedByOneClient_AreReadByAnotherUntilUnpublished()
    {
        var name = "squares-" + Guid.NewGuid().ToString("N")[..6];
        var futures = await fixture.Client.MapAsync((long x) => x * x, [2L, 3L]);
        await fixture.Client.PublishDatasetAsync(name, futures);
        await fixture.Client.CancelAsync(futures);

        await using var other = await fixture.Cluster.ConnectAsync();
        Assert.Contains(name, await other.ListDatasetsAsync());
        var got = await other.GetDatasetAsync(name);
        Assert.Equal(new object?[] { 4L, 9L }, await other.GatherAsync(got));
        await Assert.ThrowsAsync<InvalidOperationException>(() => other.PublishDatasetAsync(name, got));

        await other.UnpublishDatasetAsync(name);
        Assert.DoesNotContain(name, await other.ListDatasetsAsync());
        var missing = await Assert.ThrowsAsync<KeyNotFoundException>(() => other.GetDatasetAsync(name));
        Assert.Contains(name, missing.Message);
        await other.CancelAsync(got);
    }
}
