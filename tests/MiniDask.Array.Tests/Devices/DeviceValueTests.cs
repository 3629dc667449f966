using MiniDask.Array.Tests.Conformance;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Devices;

/// <summary>
/// Cases where execution devices once gave wrong values or failed while the host was right,
/// minimised, with NumPy's answer; each runs in every execution mode (the host and every device
/// with a few KiB of device memory).
/// </summary>
public class DeviceValueTests
{
    public static TheoryData<string> Modes() => ExecutionModes.AllData();

    [Theory]
    [MemberData(nameof(Modes))]
    public void CumSum_ThreeBlocks_KeepsTheFirstBlock(string mode)
    {
        using var scheduler = ExecutionModes.Open(mode);

        var result = DArray.Arange(0.0, 6.0, 1.0, 3).CumSum(0).Compute(scheduler);

        Assert.Equal([0.0, 1, 3, 6, 10, 15], result.Data);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Concatenate_WithItsReversedView_ReadsBothIntact(string mode)
    {
        var x = DArray.Arange(0.0, 4.0, 1.0, 2);
        using var scheduler = ExecutionModes.Open(mode);

        var result = DArray.Concatenate([x, x[Slice.Of(null, null, -1)]]).Compute(scheduler);

        Assert.Equal([0.0, 1, 2, 3, 3, 2, 1, 0], result.Data);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Concatenate_LargeBlocksWithTheirReversedView_HasNoRecycledValues(string mode)
    {
        // Blocks of 40,000 doubles (over the block pool's minimum), so a recycled buffer would be reused by a later block.
        var x = DArray.Arange(0.0, 120_000.0, 1.0, 40_000);
        using var scheduler = ExecutionModes.Open(mode, deviceMemoryBytes: 1 << 20);

        var result = DArray.Concatenate([x, x[Slice.Of(null, null, -1)], x * 2.0]).Sum().Compute(scheduler);

        Assert.Equal(2 * 119_999.0 * 120_000 / 2 + 119_999.0 * 120_000, result);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Add_TransposeWithOtherChunks_BroadcastsAsNumPy(string mode)
    {
        using var scheduler = ExecutionModes.Open(mode);

        var result = (DArray.Ones([4, 4], [2, 3]) + DArray.Ones([4, 4], [2, 3]).T).Compute(scheduler);

        Assert.Equal([4, 4], result.Shape.ToArray());
        Assert.All(result.Data, v => Assert.Equal(2.0, v));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void SumAndMean_OfAnEmptyArray_AreZeroAndNaN(string mode)
    {
        using var scheduler = ExecutionModes.Open(mode);
        var empty = DArray.Zeros([0], [1]);

        Assert.Equal(0.0, empty.Sum().Compute(scheduler));
        Assert.True(double.IsNaN(empty.Mean().Compute(scheduler)));
        Assert.Equal([0.0, 0.0, 0.0], DArray.Zeros([0, 3], [1, 2]).Sum(axis: 0).Compute(scheduler).Data);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Reductions_OfAMaskThatEmptiesBlocks_SkipTheEmptyBlocks(string mode)
    {
        var y = DArray.Arange(0.0, 10.0, 1.0, 3);
        using var scheduler = ExecutionModes.Open(mode);

        Assert.Equal(17.0, y[y > 7.0].Sum().Compute(scheduler));
        Assert.Equal(8.5, y[y > 7.0].Mean().Compute(scheduler));
        Assert.Equal(9.0, y[y > 7.0].Max().Compute(scheduler));
        Assert.Equal(0.0, y[y > 100.0].Sum().Compute(scheduler));
        Assert.True(double.IsNaN(y[y > 100.0].Mean().Compute(scheduler)));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void MaskedCumSum_WithoutOptimization_EqualsNumPy(string mode)
    {
        var w = DArray.FromArray([.. Enumerable.Range(0, 20).Select(i => (double)i)], [4, 5], [3, 2]);
        var y = DArray.Arange(0.0, 10.0, 1.0, 3);
        var unoptimized = new ComputeOptions { Optimize = false };
        using var scheduler = ExecutionModes.Open(mode);

        var flat = w[w > 7.0].CumSum(0).Compute(scheduler, unoptimized);
        var rows = w.Compress(new[] { true, false, false, true }, 0).CumSum(1).Compute(scheduler, unoptimized);
        var few = y[y > 7.0].CumSum(0).Compute(scheduler, unoptimized);

        Assert.Equal(Enumerable.Range(8, 12).Select(i => (double)Enumerable.Range(8, i - 7).Sum()), flat.Data);
        Assert.Equal([0.0, 1, 3, 6, 10, 15, 31, 48, 66, 85], rows.Data);
        Assert.Equal([8.0, 17], few.Data);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Float32Reductions_OfEmptyAndMaskedBlocks_EqualNumPy(string mode)
    {
        var y = DArray.Arange(0f, 10f, 1f, 4);
        using var scheduler = ExecutionModes.Open(mode);

        Assert.Equal(17f, y[y > 7f].Sum().Compute(scheduler));
        Assert.Equal(0f, DArray.Zeros<float>([0, 2], [1, 1]).Sum().Compute(scheduler));
        Assert.Equal([2f, 2f], DArray.Ones<float>([2, 2], [1, 1]).Sum(axis: 0).Compute(scheduler).Data);
    }
}
