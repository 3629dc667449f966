using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

public class GraphTests
{
    [Theory]
    [InlineData("array.random")]
    [InlineData("array.add.float64")]
    [InlineData("array.subtract.float32")]
    [InlineData("array.divide.int32")]
    [InlineData("array.transpose.int64")]
    [InlineData("array.sum-chunk.float64")]
    [InlineData("array.sum-combine.int64")]
    [InlineData("array.mean-aggregate.float32")]
    [InlineData("array.max-aggregate.int32")]
    public void ModuleInitializer_LoadingTheAssembly_RegistersTheOp(string op)
    {
        OpRegistry.EnsureRegistered(typeof(DArray).Assembly);

        Assert.True(OpRegistry.IsRegistered(op), $"{op} is not registered.");
    }

    [Fact]
    public void Graph_SeedExample_HoldsOnlyPlainDataArguments()
    {
        var x = DArray.Random(shape: [20, 20], chunks: [8, 8], seed: 42);
        var y = (x + 1) - x.T * x.Mean(axis: 0, keepDims: true);
        var s = (y + DArray.FromArray(new double[20], [20], [8])).Sum();

        var literals = new List<object?>();
        foreach (var task in s.Graph.Values)
        {
            Collect(task.Args, literals);
        }

        Assert.NotEmpty(literals);
        Assert.All(literals, v => Assert.True(
            v is int[] or long or double or NDArray<double>,
            $"Literal of type {v?.GetType().Name ?? "null"} is not plain data."));
        s.Graph.Validate();
    }

    [Fact]
    public void Graph_Elementwise_ReferencesTheMatchingBlocks()
    {
        var x = DArray.Ones([6, 4], [3, 2]);
        var v = DArray.Ones([4], [2]);

        var y = x * v;

        var task = y.Graph[y.BlockKey(1, 1)];
        Assert.Equal("array.multiply.float64", task.Op);
        Assert.Equal([x.BlockKey(1, 1), v.BlockKey(1)], task.Dependencies);
    }

    private static void Collect(IEnumerable<TaskArg> args, List<object?> into)
    {
        foreach (var arg in args)
        {
            switch (arg)
            {
                case LiteralArg l:
                    into.Add(l.Value);
                    break;
                case ListArg list:
                    Collect(list.Items, into);
                    break;
                case NestedArg n:
                    Collect(n.Task.Args, into);
                    break;
            }
        }
    }
}
