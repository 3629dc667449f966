using MiniDask.Graph;
using MiniDask.Kernels;
using MiniDask.Scheduler;

namespace MiniDask.Array.Tests.Delayed;

public class ArrayDelayedTests
{
    private static readonly LocalScheduler Local = new(threads: 2);

    [Fact]
    public void Call_ArrayArgument_ReceivesTheWholeComputedArray()
    {
        var x = DArray.Random([7, 5], [3, 2], seed: 3);

        var total = MiniDask.Graph.Delayed.Call(BlockFunctions.Total, x);

        Assert.Equal(x.ComputeSync().Data.Sum(), total.Compute(Local), 12);
    }

    [Fact]
    public void Call_ScalarArgument_ReceivesItsValue()
    {
        var mean = DArray.Random([6, 6], [3, 3], seed: 4).Mean();

        var shifted = MiniDask.Graph.Delayed.Call(BlockFunctions.Shift, mean, 10.0);

        Assert.Equal(mean.ComputeSync() + 10.0, shifted.Compute(Local), 12);
    }

    [Fact]
    public void FromDelayed_ThenConcatenate_BuildsAnArrayOfLoadedPieces()
    {
        var pieces = Enumerable.Range(0, 3)
            .Select(i => DArray.FromDelayed(MiniDask.Graph.Delayed.Call(BlockFunctions.Rows, i, 4), shape: [2, 4]))
            .ToList();

        var stacked = DArray.Concatenate(pieces, axis: 0);
        var result = stacked.Compute(Local);

        Assert.Equal([6, 4], stacked.Shape);
        Assert.Equal([6, 4], result.Shape.ToArray());
        Assert.Equal(Enumerable.Range(0, 24).Select(v => (double)v), result.Data);
        Assert.Equal(stacked.Sum().Compute(Local), Enumerable.Range(0, 24).Sum(), 12);
    }

    [Fact]
    public void FromDelayed_ThenStack_AddsAnAxis()
    {
        var pieces = Enumerable.Range(0, 2)
            .Select(i => DArray.FromDelayed(MiniDask.Graph.Delayed.Call(BlockFunctions.Rows, i, 3), shape: [2, 3]))
            .ToList();

        var stacked = DArray.Stack(pieces, axis: 0);

        Assert.Equal([2, 2, 3], stacked.Shape);
        Assert.Equal(Enumerable.Range(0, 12).Select(v => (double)v), stacked.Compute(Local).Data);
    }

    [Fact]
    public void FromDelayed_ValueOfAnotherShape_FailsNamingTheDelayedKeyAndShape()
    {
        var value = MiniDask.Graph.Delayed.Call(BlockFunctions.Rows, 0, 4);
        var wrong = DArray.FromDelayed(value, shape: [3, 4]);

        var error = Assert.Throws<TaskFailedException>(() => wrong.Compute(Local));

        Assert.Contains(value.Key.ToString(), error.InnerException!.Message, StringComparison.Ordinal);
        Assert.Contains("(3, 4)", error.InnerException.Message, StringComparison.Ordinal);
        Assert.Contains("(2, 4)", error.InnerException.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDelayed_UntypedValueOfAnotherType_IsRefusedWhenBuilt()
    {
        var text = MiniDask.Graph.Delayed.Value("not an array");

        var error = Assert.Throws<ArgumentException>(() => DArray.FromDelayed<double>(text, [2]));

        Assert.Contains("delayed String", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDelayed_EveryBlock_ComputesToThatBlock()
    {
        var x = DArray.Random([5, 4], [2, 3], seed: 9);
        var dense = x.ComputeSync();

        var blocks = x.ToDelayed();
        var sums = MiniDask.Graph.Delayed.Compute(blocks.Select(b => MiniDask.Graph.Delayed.Call(BlockFunctions.Total, b)), Local);

        Assert.Equal(6, blocks.Length);
        Assert.Equal(x.OutputKeys, blocks.Select(b => b.Key));
        Assert.Equal([2, 3], blocks[0].Compute(Local).Shape.ToArray());
        Assert.Equal([1, 1], blocks[^1].Compute(Local).Shape.ToArray());
        Assert.Equal(dense.Data.Sum(), sums.Sum(), 12);
    }

    [Fact]
    public void From_Array_ComputesTheDenseArray()
    {
        var x = DArray.Arange(10L, chunks: 3);

        var value = MiniDask.Graph.Delayed.From(x);

        Assert.Equal(Enumerable.Range(0, 10).Select(v => (long)v), value.Compute(Local).Data);
    }

    [Fact]
    public void From_ArrayWithUnknownChunks_AssemblesTheObservedBlocks()
    {
        var x = DArray.Arange(10L, chunks: 4);
        var kept = x[x.Greater(5L)];

        var value = MiniDask.Graph.Delayed.From(kept);

        Assert.Equal([6L, 7L, 8L, 9L], value.Compute(Local).Data);
    }
}

internal static class BlockFunctions
{
    public static double Total(NDArray<double> block) => block.Data.Sum();

    public static double Shift(double value, double by) => value + by;

    public static NDArray<double> Rows(int piece, int columns) =>
        new([.. Enumerable.Range(piece * 2 * columns, 2 * columns).Select(v => (double)v)], [2, columns]);
}
