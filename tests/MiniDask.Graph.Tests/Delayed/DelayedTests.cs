using MiniDask.Graph.Functions;
using MiniDask.Graph.Optimization;
using F = MiniDask.Graph.Tests.Delayed.DelayedFunctions;

namespace MiniDask.Graph.Tests.Delayed;

public class DelayedTests
{
    private static readonly SyncScheduler Sync = new();

    [Fact]
    public void Call_StaticMethodOnPlainValues_ComputesTheResult()
    {
        var sum = MiniDask.Graph.Delayed.Call(F.Add, 1.5, 2.25);

        Assert.Equal(3.75, sum.Compute(Sync));
    }

    [Fact]
    public void Call_DelayedArguments_ChainsCalls()
    {
        var a = MiniDask.Graph.Delayed.Call(F.Add, 1.0, 2.0);
        var b = MiniDask.Graph.Delayed.Call(F.Scale, a, 10.0);
        var c = MiniDask.Graph.Delayed.Call(F.Add, a, b);

        Assert.Equal(33.0, c.Compute(Sync));
        Assert.Equal(3, c.Graph.Count);
    }

    [Fact]
    public void Call_SameCallTwice_HasTheSameKey()
    {
        var first = MiniDask.Graph.Delayed.Call(F.Add, 1.0, 2.0);
        var second = MiniDask.Graph.Delayed.Call(F.Add, 1.0, 2.0);
        var other = MiniDask.Graph.Delayed.Call(F.Add, 2.0, 1.0);

        Assert.Equal(first.Key, second.Key);
        Assert.NotEqual(first.Key, other.Key);
        Assert.StartsWith("Add-", first.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Call_NotPure_GetsAFreshKeyEachTime()
    {
        var first = MiniDask.Graph.Delayed.Call(F.Tick, pure: false);
        var second = MiniDask.Graph.Delayed.Call(F.Tick, pure: false);
        var untyped = MiniDask.Graph.Delayed.CallImpure<long>(F.Tick);

        Assert.NotEqual(first.Key, second.Key);
        Assert.NotEqual(first.Key, untyped.Key);
        Assert.StartsWith("Tick-", first.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Call_SharedArgument_RunsOnceForEveryUser()
    {
        var shared = MiniDask.Graph.Delayed.Call(F.Counted, 4L);
        var left = MiniDask.Graph.Delayed.Call(F.Twice, shared);
        var right = MiniDask.Graph.Delayed.Call(F.Plus, shared, 1L);
        var before = F.CountedCalls;

        var (l, r) = MiniDask.Graph.Delayed.Compute(left, right, Sync);

        Assert.Equal((80L, 41L), (l, r));
        Assert.Equal(1, F.CountedCalls - before);
    }

    [Fact]
    public void Call_ArrayOfDelayedValues_PassesTheirValuesAsAnArray()
    {
        var parts = Enumerable.Range(1, 4).Select(i => MiniDask.Graph.Delayed.Call(F.Scale, (double)i, 2.0)).ToArray();

        var total = MiniDask.Graph.Delayed.Call<double>(F.Total, [parts]);
        var viaSequence = MiniDask.Graph.Delayed.Call<double>(F.SumAll, [parts.ToList()]);

        Assert.Equal(20.0, total.Compute(Sync));
        Assert.Equal(20.0, viaSequence.Compute(Sync));
    }

    [Fact]
    public void Call_ListParameter_GetsAListBuiltFromDelayedItems()
    {
        var items = new[] { "a", "b", "c" }.Select(s => MiniDask.Graph.Delayed.Call(F.Greet, s)).ToList();

        var count = MiniDask.Graph.Delayed.Call<int>(F.CountItems, [items]);

        Assert.Equal(3, count.Compute(Sync));
    }

    [Fact]
    public void Call_PlainArrayArgument_IsPassedAsItIs()
    {
        var total = MiniDask.Graph.Delayed.Call(F.Total, new[] { 1.0, 2.0, 3.5 });

        Assert.Equal(6.5, total.Compute(Sync));
    }

    [Fact]
    public void Call_WrongArgumentCount_ThrowsNamingTheFunction()
    {
        var error = Assert.Throws<ArgumentException>(() => MiniDask.Graph.Delayed.Call<double>(F.Add, 1.0));

        Assert.Contains("DelayedFunctions.Add takes 2 arguments but 1 was given", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Call_DelayedArgumentOfTheWrongType_ThrowsNamingTheParameter()
    {
        var text = MiniDask.Graph.Delayed.Call(F.Greet, "x");

        var error = Assert.Throws<ArgumentException>(() => MiniDask.Graph.Delayed.Call<double>(F.Add, text, 1.0));

        Assert.Contains("Argument 'a' of DelayedFunctions.Add is a Double, but a delayed String was given", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_FunctionThrows_FailsNamingTheKeyWithTheFunctionsException()
    {
        var bad = MiniDask.Graph.Delayed.Call(F.Fail, 2.0);

        var error = Assert.Throws<TaskFailedException>(() => bad.Compute(Sync));

        Assert.Equal(bad.Key, error.Key);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal("cannot take 2", error.InnerException!.Message);
    }

    [Fact]
    public void Value_PlainValue_ComputesToItself()
    {
        var value = MiniDask.Graph.Delayed.Value(new[] { 1.0, 2.0 });
        var named = MiniDask.Graph.Delayed.Value(7L, name: "seven");

        Assert.Equal([1.0, 2.0], value.Compute(Sync));
        Assert.Equal(new Key("seven"), named.Key);
        Assert.Equal(70L, MiniDask.Graph.Delayed.Call(F.Counted, named).Compute(Sync));
    }

    [Fact]
    public void Value_SameValueTwice_HasTheSameKey()
    {
        Assert.Equal(MiniDask.Graph.Delayed.Value("abc").Key, MiniDask.Graph.Delayed.Value("abc").Key);
        Assert.NotEqual(MiniDask.Graph.Delayed.Value("abc").Key, MiniDask.Graph.Delayed.Value("abd").Key);
    }

    [Fact]
    public void Value_OfADelayedValue_ThrowsPointingToFrom()
    {
        var lazy = MiniDask.Graph.Delayed.Call(F.Greet, "x");

        var error = Assert.Throws<ArgumentException>(() => MiniDask.Graph.Delayed.Value<object>(lazy));

        Assert.Contains("Delayed.From", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Function_Decorated_BuildsCallsFromPlainAndDelayedValues()
    {
        var add = MiniDask.Graph.Delayed.Function<double, double, double>(F.Add);

        var partial = add(1.0, 2.0);
        var total = add(partial, 10.0);

        Assert.Equal(13.0, total.Compute(Sync));
        Assert.Equal(MiniDask.Graph.Delayed.Call(F.Add, 1.0, 2.0).Key, partial.Key);
    }

    [Fact]
    public void Deconstruct_TupleResult_GivesOneDelayedValuePerItem()
    {
        var (min, max) = MiniDask.Graph.Delayed.Call(F.MinMax, new[] { 3.0, -1.0, 8.0 });

        var range = MiniDask.Graph.Delayed.Call(F.Add, max, MiniDask.Graph.Delayed.Call(F.Scale, min, -1.0));

        Assert.Equal(-1.0, min.Compute(Sync));
        Assert.Equal(9.0, range.Compute(Sync));
    }

    [Fact]
    public void Unpack_ArrayResult_GivesOneDelayedValuePerItem()
    {
        var words = MiniDask.Graph.Delayed.Call(F.Split, "to be or");

        var parts = words.Unpack(3);

        Assert.Equal(["to", "be", "or"], parts.Select(p => p.Compute(Sync)));
    }

    [Fact]
    public void Item_OutOfRange_FailsWhenComputed()
    {
        var words = MiniDask.Graph.Delayed.Call(F.Split, "one");

        var error = Assert.Throws<TaskFailedException>(() => words.Item<string>(2).Compute(Sync));

        Assert.IsType<IndexOutOfRangeException>(error.InnerException);
    }

    [Fact]
    public void Compute_ManyValues_ReturnsThemInOrder()
    {
        var values = Enumerable.Range(0, 5).Select(i => MiniDask.Graph.Delayed.Call(F.Twice, (long)i)).ToList();

        Assert.Equal([0L, 2L, 4L, 6L, 8L], MiniDask.Graph.Delayed.Compute(values, Sync));
    }

    [Fact]
    public void Persist_OnALocalScheduler_HoldsTheValueAndKeepsTheKey()
    {
        var counted = MiniDask.Graph.Delayed.Call(F.Counted, 7L);
        var before = F.CountedCalls;

        var persisted = counted.Persist(Sync);
        var reused = MiniDask.Graph.Delayed.Call(F.Twice, persisted);

        Assert.Equal(counted.Key, persisted.Key);
        Assert.Equal(140L, reused.Compute(Sync));
        Assert.Equal(70L, persisted.Compute(Sync));
        Assert.Equal(1, F.CountedCalls - before);
        Assert.DoesNotContain(persisted.Graph.Values, t => t.Op.StartsWith("delayed.call:", StringComparison.Ordinal));
    }

    [Fact]
    public void ToDot_ChainOfCalls_DrawsEveryKey()
    {
        var a = MiniDask.Graph.Delayed.Call(F.Add, 1.0, 2.0);
        var b = MiniDask.Graph.Delayed.Call(F.Scale, a, 3.0);

        var dot = b.ToDot();

        Assert.StartsWith("digraph", dot, StringComparison.Ordinal);
        Assert.Contains(a.Name[..10], dot, StringComparison.Ordinal);
        Assert.Contains(b.Name[..10], dot, StringComparison.Ordinal);
    }

    [Fact]
    public void Call_CapturingLambda_RunsLocallyButIsNotDistributable()
    {
        var factor = 3.0;

        var scaled = MiniDask.Graph.Delayed.Call((double x) => x * factor, 2.0);

        Assert.Equal(6.0, scaled.Compute(Sync));
        var error = Assert.Throws<ProcessLocalFunctionException>(() => UserFunctions.EnsureDistributable(scaled.Graph));
        Assert.Contains("factor", error.Reason, StringComparison.Ordinal);
        Assert.Equal(scaled.Key, error.Key);
    }

    [Fact]
    public void Call_NonCapturingLambda_IsDistributable()
    {
        var scaled = MiniDask.Graph.Delayed.Call((double x) => x * 3, 2.0);

        UserFunctions.EnsureDistributable(scaled.Graph);
        Assert.Equal(6.0, scaled.Compute(Sync));
    }

    [Fact]
    public void Call_FutureArgument_FetchesItsValueOnAnotherScheduler()
    {
        var future = new FixedFuture(new Key("held-value", 0), 21L);

        var doubled = MiniDask.Graph.Delayed.Call<long>(F.Twice, future);

        Assert.Equal(42L, doubled.Compute(Sync));
        Assert.Equal(1, future.Fetches);
        Assert.Same(future, Assert.Single(doubled.Futures));
        Assert.True(FutureTasks.IsPlaceholder(doubled.Graph[future.Key]));
    }

    [Fact]
    public void Optimize_FuturePlaceholderWithOneUser_IsNotFusedAway()
    {
        var future = new FixedFuture(new Key("held-chain"), 5L);
        var doubled = MiniDask.Graph.Delayed.Call(F.Twice, MiniDask.Graph.Delayed.FromFuture<long>(future));

        var optimized = GraphOptimizer.Optimize(doubled.Graph, [doubled.Key]);

        Assert.True(optimized.ContainsKey(future.Key));
        Assert.Equal([future.Key], optimized[doubled.Key].Dependencies);
    }
}
