using MiniDask.Graph.Persistence;

namespace MiniDask.Graph.Tests.Delayed;

/// <summary>Future placeholders that hold their future (a persisted collection's blocks) and finding the future behind a placeholder.</summary>
public sealed class FutureTasksTests
{
    private static readonly SyncScheduler Sync = new();

    [Fact]
    public void Held_ComputedByAnotherScheduler_FetchesTheFutureValue()
    {
        var future = new FixedFuture(new Key("kept", 0), 41.0);
        var graph = TaskGraph.FromTasks([new(future.Key, FutureTasks.Held(future))]);

        var value = Sync.Get(graph, [future.Key])[0];

        Assert.Equal(41.0, value);
        Assert.Equal(1, future.Fetches);
        Assert.True(FutureTasks.IsPlaceholder(graph[future.Key]));
    }

    [Fact]
    public void TryGetFuture_HeldAndHandlePlaceholders_FindTheFutureAndNothingForOtherTasks()
    {
        var future = new FixedFuture(new Key("kept", 1), 1);

        Assert.True(FutureTasks.TryGetFuture(FutureTasks.Held(future), out var held));
        Assert.Same(future, held);
        Assert.True(FutureTasks.TryGetFuture(FutureTasks.Placeholder(future), out var named));
        Assert.Same(future, named);
        Assert.False(FutureTasks.TryGetFuture(new DaskTask(FutureTasks.Op, TaskArg.Literal("nobody#1@0")), out _));
        Assert.False(FutureTasks.TryGetFuture(FutureTasks.Resolved(3), out _));
    }

    [Fact]
    public async Task KeptFutures_CollectionOfHeldPlaceholders_ListsEachFutureOnceAndReleaseDisposesThem()
    {
        var a = new FixedFuture(new Key("kept", 2), 1);
        var b = new FixedFuture(new Key("kept", 3), 2);
        var collection = new Kept(TaskGraph.FromTasks([new(a.Key, FutureTasks.Held(a)), new(b.Key, FutureTasks.Held(b))]), [a.Key, b.Key, a.Key]);

        Assert.Equal([a, b], collection.KeptFutures());
        await collection.ReleaseAsync();
        Assert.True(a.Disposed && b.Disposed);
        Assert.Empty(new Kept(TaskGraph.FromTasks([new(a.Key, FutureTasks.Resolved(1))]), [a.Key]).KeptFutures());
    }

    private sealed record Kept(TaskGraph Graph, IReadOnlyList<Key> OutputKeys) : IDaskCollection;
}
