using MiniDask.Array.Tests.Conformance;
using MiniDask.Graph;
using MiniDask.Kernels;
using MiniDask.Scheduler;

namespace MiniDask.Array.Tests;

/// <summary>
/// The local scheduler hands released block buffers back to the pool; a buffer that a live
/// result still refers to must never be reused, on the host or with an execution device current
/// (where tasks take host copies of device blocks and nested results are given up to the device).
/// </summary>
public class BlockRecyclingTests
{
    private const int Length = 70_001;

    static BlockRecyclingTests()
    {
        _ = DArray.Zeros<double>([1], [1]);
        OpRegistry.Register("test.recycling.ones", _ => NDArray<double>.Full([Length], 1.0));
        OpRegistry.Register("test.recycling.sevens", _ => NDArray<double>.Full([Length], 7.0));
        OpRegistry.Register("test.recycling.same", args => args[0]);
        OpRegistry.Register("test.recycling.view", args => new NDArray<double>(((NDArray<double>)args[0]!).Data, [1, Length]));
        OpRegistry.Register("test.recycling.pair", args => (args[0], 0));
        OpRegistry.Register("test.recycling.negate", args => -1.0 * (NDArray<double>)args[0]!);
    }

    public static TheoryData<string, string> AliasingOps()
    {
        var data = new TheoryData<string, string>();
        foreach (var mode in ExecutionModes.All)
        {
            foreach (var op in new[] { "test.recycling.same", "test.recycling.view", "test.recycling.pair" })
            {
                data.Add(op, mode);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AliasingOps))]
    public void Get_ResultReferringToReleasedInput_IsNotOverwritten(string op, string mode)
    {
        // a is released once b has run; c then allocates a block of a's length. If a's buffer
        // went back to the pool although b refers to it, c would fill b with sevens. Not
        // optimized, so that a stays a task of its own rather than being fused into b.
        var graph = TaskGraph.FromTasks(new Dictionary<Key, DaskTask>
        {
            [new Key("a", 0)] = new("test.recycling.ones"),
            [new Key("b", 0)] = new(op, TaskArg.Ref(new Key("a", 0))),
            [new Key("c", 0)] = new("test.recycling.sevens", TaskArg.Ref(new Key("b", 0))),
        });

        using var scheduler = ExecutionModes.Open(mode);
        var results = scheduler.Get(graph, [new Key("b", 0), new Key("c", 0)], new ComputeOptions { Optimize = false });

        var b = results[0] switch
        {
            NDArray<double> array => array,
            ValueTuple<object, int> pair => (NDArray<double>)pair.Item1,
            var other => throw new InvalidOperationException($"unexpected {other}"),
        };
        Assert.Equal(Length, b.Data.Length);
        Assert.All(b.Data, v => Assert.Equal(1.0, v));
        Assert.All(((NDArray<double>)results[1]!).Data, v => Assert.Equal(7.0, v));
    }

    [Theory]
    [MemberData(nameof(ExecutionModes.AllData), MemberType = typeof(ExecutionModes))]
    public void Get_FusedAliasingOp_KeepsTheNestedValue(string mode)
    {
        var task = new DaskTask("test.recycling.same", TaskArg.Nested(new DaskTask("test.recycling.ones")));
        var graph = TaskGraph.FromTasks(new Dictionary<Key, DaskTask>
        {
            [new Key("b", 0)] = task,
            [new Key("c", 0)] = new("test.recycling.sevens", TaskArg.Ref(new Key("b", 0))),
        });

        using var scheduler = ExecutionModes.Open(mode);
        var results = scheduler.Get(graph, [new Key("b", 0), new Key("c", 0)]);

        Assert.Equal(Length, ((NDArray<double>)results[0]!).Data.Length);
        Assert.All(((NDArray<double>)results[0]!).Data, v => Assert.Equal(1.0, v));
    }

    [Fact]
    public void Get_ReleasedIntermediate_IsRecycledAndOutputsStayIntact()
    {
        var graph = TaskGraph.FromTasks(new Dictionary<Key, DaskTask>
        {
            [new Key("a", 0)] = new("test.recycling.ones"),
            [new Key("b", 0)] = new("test.recycling.negate", TaskArg.Ref(new Key("a", 0))),
            [new Key("c", 0)] = new("test.recycling.sevens", TaskArg.Ref(new Key("b", 0))),
        });
        var reusedBefore = BlockPool.Reused;

        var results = new LocalScheduler(1).Get(graph, [new Key("b", 0), new Key("c", 0)]);

        Assert.True(BlockPool.Reused > reusedBefore, "a's buffer should have served a later block");
        Assert.Equal(Length, ((NDArray<double>)results[0]!).Data.Length);
        Assert.All(((NDArray<double>)results[0]!).Data, v => Assert.Equal(-1.0, v));
        Assert.All(((NDArray<double>)results[1]!).Data, v => Assert.Equal(7.0, v));
        Assert.False(((NDArray<double>)results[0]!).IsRecyclable);
    }

    [Fact]
    public void Compute_ArrayExpressions_MatchWithPoolingOnAndOff()
    {
        var x = DArray.Random([600, 600], [200, 250], seed: 9);
        var y = ((x + x.T) * 2.0 - x.Mean(axis: 0)).Sum(axis: 1);
        var pooled = y.Compute(new LocalScheduler(2)).Data;

        var saved = BlockPool.Capacity;
        double[] unpooled;
        try
        {
            BlockPool.Capacity = 0;
            unpooled = y.Compute(new LocalScheduler(2)).Data;
        }
        finally
        {
            BlockPool.Capacity = saved;
        }

        Assert.Equal(unpooled, pooled);
    }
}

/// <summary>Random and constant blocks are recomputed by each of their few consumers rather than held.</summary>
public class CheapRootInliningTests
{
    [Fact]
    public void Optimize_DemoExpression_KeepsNoRandomBlockAsAKey()
    {
        var x = DArray.Random([40, 40], [10, 10], seed: 4);
        var y = ((x + x.T) - x.Mean(axis: 0)).Sum();

        var optimized = MiniDask.Graph.Optimization.GraphOptimizer.Optimize(y.Graph, y.OutputKeys);

        Assert.Contains(y.Graph.Values, t => t.Op == "array.random");
        Assert.DoesNotContain(optimized.Values, t => t.Op == "array.random");
        Assert.Equal(y.Compute(new LocalScheduler(2)), y.Compute(new LocalScheduler(2), new ComputeOptions { Optimize = false }));
    }
}
