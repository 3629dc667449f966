namespace MiniDask.Array.Tests.Conformance;

/// <summary>
/// Every case of <see cref="ConformanceCatalog"/> in every mode of <see cref="ExecutionModes"/>
/// (the host's threads and every execution device with a few KiB of device memory), compared with
/// the single-threaded host reference: bit for bit, or for an ILGPU device's reordered float sums
/// within <see cref="ExecutionModes.Tolerance"/>. A mode whose value, dtype, shape or error
/// differs fails, naming the first differing element. Device modes must also leave nothing on the device.
/// </summary>
public class LocalConformanceTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in ConformanceCatalog.All)
        {
            foreach (var mode in ExecutionModes.All)
            {
                data.Add(c.Name, mode);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_InTheMode_EqualsTheHostReferenceBitForBit(string name, string mode)
    {
        var conformance = ConformanceCatalog.Get(name);
        var expected = ConformanceReferences.Of(conformance);
        using var scheduler = ExecutionModes.Open(mode);

        var actual = conformance.Run(scheduler);

        var difference = expected.Difference(actual);
        if (difference is not null && !ExecutionModes.IsBitExact(mode))
        {
            difference = expected.CloseTo(actual, ExecutionModes.Tolerance(expected.DType));
        }

        Assert.True(difference is null, $"{name} in mode {mode}: {difference}");
        if (scheduler.Device is BlockDevice device)
        {
            Assert.Equal(0, device.Blocks.Cache.Count);
        }
    }

    [Theory]
    [MemberData(nameof(ExecutionModes.DeviceData), MemberType = typeof(ExecutionModes))]
    public void Compute_DeviceWithTinyMemory_EvictsBlocksAndStillEqualsTheHost(string mode)
    {
        var x = DArray.Random([48, 40], [8, 10], seed: 11);
        var expected = Outcome.Of(() => (x.MatMul(x.T).Sum(axis: 0) + x.Mean(axis: 1)).Compute(TestData.Sync));
        using var scheduler = ExecutionModes.Open(mode);

        var actual = Outcome.Of(() => (x.MatMul(x.T).Sum(axis: 0) + x.Mean(axis: 1)).Compute(scheduler));

        var device = Assert.IsType<BlockDevice>(scheduler.Device);
        Assert.Null(ExecutionModes.IsBitExact(mode) ? expected.Difference(actual) : expected.CloseTo(actual, ExecutionModes.Tolerance(expected.DType)));
        Assert.True(device.Blocks.Cache.Evictions > 0, $"{ExecutionModes.TinyDeviceMemoryBytes} bytes of device memory should force evictions");
        Assert.True(device.Accelerator.HostToDeviceCopies > x.BlockCount, "evicted blocks are uploaded again");
    }
}
