using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Protocol.Tests.TestSupport;

/// <summary>Structural equality of graphs and tasks: same keys, ops, argument shapes and literal values of the same types.</summary>
public static class TaskAssert
{
    public static void GraphsEqual(TaskGraph expected, TaskGraph actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, task) in expected)
        {
            TasksEqual(task, actual[key], key.ToString());
        }
    }

    public static void TasksEqual(DaskTask expected, DaskTask actual, string where)
    {
        Assert.True(expected.Op == actual.Op, $"{where}: op {actual.Op} instead of {expected.Op}");
        Assert.True(expected.Args.Count == actual.Args.Count, $"{where}: {actual.Args.Count} args instead of {expected.Args.Count}");
        for (var i = 0; i < expected.Args.Count; i++)
        {
            ArgsEqual(expected.Args[i], actual.Args[i], $"{where} arg {i}");
        }
    }

    private static void ArgsEqual(TaskArg expected, TaskArg actual, string where)
    {
        Assert.True(expected.GetType() == actual.GetType(), $"{where}: {actual.GetType().Name} instead of {expected.GetType().Name}");
        switch (expected)
        {
            case LiteralArg e:
                LiteralsEqual(e.Value, ((LiteralArg)actual).Value, where);
                break;
            case KeyRefArg e:
                Assert.Equal(e.Key, ((KeyRefArg)actual).Key);
                break;
            case ListArg e:
                var items = ((ListArg)actual).Items;
                Assert.Equal(e.Items.Count, items.Count);
                for (var i = 0; i < items.Count; i++)
                {
                    ArgsEqual(e.Items[i], items[i], $"{where}[{i}]");
                }

                break;
            case NestedArg e:
                TasksEqual(e.Task, ((NestedArg)actual).Task, $"{where} nested");
                break;
        }
    }

    private static void LiteralsEqual(object? expected, object? actual, string where)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }

        Assert.NotNull(actual);
        Assert.True(expected.GetType() == actual.GetType(), $"{where}: literal of type {actual.GetType()} instead of {expected.GetType()}");
        if (expected is INDArray block)
        {
            var other = (INDArray)actual;
            Assert.Equal(block.Shape.ToArray(), other.Shape.ToArray());
            Assert.True(block.AsBytes().SequenceEqual(other.AsBytes()), $"{where}: block data differs");
            return;
        }

        Assert.Equal(expected, actual);
    }
}
