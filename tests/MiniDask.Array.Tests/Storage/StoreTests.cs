using System.Collections.Concurrent;
using MiniDask.Graph.Codecs;
using MiniDask.Kernels;
using MiniDask.Scheduler;

namespace MiniDask.Array.Tests.Storage;

/// <summary>DArray.Store into Zarr arrays and targets of one's own: alignment, offsets, several sources, streaming.</summary>
public sealed class StoreTests : IDisposable
{
    private static int generated;

    private readonly string dir = Directory.CreateTempSubdirectory("minidask-store-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Store_IntoZarrWithFinerChunks_WritesEachBlockAsSeveralChunks()
    {
        var data = StorageFixtures.Values<double>(20, 20);
        var target = ZarrArray.Create<double>(Path.Combine(dir, "f.zarr"), [20, 20], [5, 5]);

        var bytes = DArray.Store(DArray.FromArray(data, [20, 20], [10, 10]), target, scheduler: TestData.Sync);

        Assert.Equal(20 * 20 * 8, bytes);
        Assert.Equal(data, target.Read<double>().Data);
        Assert.Equal(16, Directory.GetFiles(target.Path).Count(f => !Path.GetFileName(f).StartsWith('.')));
    }

    [Fact]
    public void Store_BlocksAcrossTargetChunks_AreRefusedNamingTheRechunk()
    {
        var target = ZarrArray.Create<double>(Path.Combine(dir, "m.zarr"), [20, 20], [5, 5]);
        var x = DArray.FromArray(new double[400], [20, 20], [6, 10]);

        var error = Assert.Throws<ArgumentException>(() => DArray.Store(x, target, scheduler: TestData.Sync));

        Assert.Contains("do not line up with the chunks (5, 5)", error.Message, StringComparison.Ordinal);
        Assert.Contains("x.Rechunk(new[] { 5, 5 })", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(target.Path), f => !Path.GetFileName(f).StartsWith('.'));
    }

    [Fact]
    public void Store_WithAnOffset_WritesTheRegionAndLeavesTheRest()
    {
        var target = ZarrArray.Create<int>(Path.Combine(dir, "o.zarr"), [10, 8], [5, 4], fillValue: -1);
        var x = DArray.FromArray(Enumerable.Range(0, 20).ToArray(), [5, 4], [5, 4]);

        DArray.Store(x, target, offset: [5, 4], scheduler: TestData.Sync);

        var all = target.Read<int>().Data;
        for (var i = 0; i < 10; i++)
        {
            for (var j = 0; j < 8; j++)
            {
                Assert.Equal(i >= 5 && j >= 4 ? ((i - 5) * 4) + j - 4 : -1, all[(i * 8) + j]);
            }
        }
    }

    [Fact]
    public void Store_OffsetBeyondTheTarget_IsRefused()
    {
        var target = ZarrArray.Create<int>(Path.Combine(dir, "b.zarr"), [10], [5]);

        var error = Assert.Throws<ArgumentException>(() => DArray.Store(DArray.FromArray(new int[5], [5], [5]), target, offset: [6], scheduler: TestData.Sync));

        Assert.Contains("does not fit at offset [6]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_SeveralSources_WritesEachIntoItsTarget()
    {
        var x = DArray.Random([12, 9], [4, 3], seed: 3);
        var targets = new[] { "a", "b" }.Select(n => (IBlockWritable)ZarrArray.Create<double>(Path.Combine(dir, n + ".zarr"), [12, 9], [4, 3])).ToList();

        DArray.Store([x, x * 2], targets, scheduler: new LocalScheduler(2));

        var dense = x.ComputeSync().Data;
        Assert.Equal(dense, ((ZarrArray)targets[0]).Read<double>().Data);
        Assert.Equal(dense.Select(v => v * 2), ((ZarrArray)targets[1]).Read<double>().Data);
    }

    [Fact]
    public void Store_TwoSourcesSharingAChunkOfOneTarget_AreRefused()
    {
        var target = ZarrArray.Create<double>(Path.Combine(dir, "s.zarr"), [10], [5]);
        var x = DArray.FromArray(new double[3], [3], [3]);

        var error = Assert.Throws<ArgumentException>(() => DArray.Store([x, x], [target, target], [[0], [3]], scheduler: TestData.Sync));

        Assert.Contains("sources 0 and 1 write overlapping regions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_OtherDType_IsRefusedNamingAsType()
    {
        var target = ZarrArray.Create<float>(Path.Combine(dir, "d.zarr"), [4], [2]);

        var error = Assert.Throws<ArgumentException>(() => DArray.Store(DArray.FromArray(new double[4], [4], [2]), target, scheduler: TestData.Sync));

        Assert.Contains("float64", error.Message, StringComparison.Ordinal);
        Assert.Contains("holds float32: convert it first with AsType", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_TargetOfOneselfThatCannotTravel_IsWrittenInThisProcessOncePerBlock()
    {
        var target = new RecordingTarget([7, 5]);
        var x = DArray.FromArray(StorageFixtures.Values<long>(7, 5), [7, 5], [3, 2]);

        DArray.Store(x, target, scheduler: new LocalScheduler(2));

        Assert.False(ValueCodecs.IsSerializable(typeof(RecordingTarget), out _));
        Assert.Equal(9, target.Writes.Count);
        Assert.Equal(9, target.Writes.Select(w => (w.Start[0], w.Start[1])).Distinct().Count());
        Assert.Equal(StorageFixtures.Values<long>(7, 5), target.Values);
    }

    [Fact]
    public void Store_OnOneThread_WritesTheFirstBlockBeforeTheLastIsComputed()
    {
        // Streaming, not gathering: each block is written as soon as it exists.
        generated = 0;
        var target = new RecordingTarget([40, 5]);
        var x = DArray.FromArray(new long[200], [40, 5], [4, 5]).MapBlocks(Generate);

        DArray.Store(x, target, scheduler: new LocalScheduler(1));

        Assert.Equal(10, target.Writes.Count);
        Assert.True(target.Writes.Min(w => w.GeneratedBefore) < 10, $"the first write came after {target.Writes.Min(w => w.GeneratedBefore)} of 10 blocks were generated");
    }

    private static NDArray<long> Generate(NDArray<long> block)
    {
        Interlocked.Increment(ref generated);
        return block;
    }

    /// <summary>A target that keeps the values and notes each write; it holds state in fields, so it cannot travel.</summary>
    private sealed class RecordingTarget(int[] shape) : IBlockWritable
    {
        private readonly long[] values = new long[shape[0] * shape[1]];

        public ConcurrentBag<(int[] Start, int GeneratedBefore)> Writes { get; } = [];

        public long[] Values => values;

        public IReadOnlyList<int> Shape => shape;

        public string DType => "int64";

        public IReadOnlyList<int>? ChunkShape => null;

        public void WriteRegion(INDArray block, ReadOnlySpan<int> start)
        {
            Writes.Add((start.ToArray(), Volatile.Read(ref generated)));
            var typed = (NDArray<long>)block;
            for (var i = 0; i < typed.Shape[0]; i++)
            {
                typed.Data.AsSpan(i * typed.Shape[1], typed.Shape[1]).CopyTo(values.AsSpan(((start[0] + i) * shape[1]) + start[1]));
            }
        }
    }
}
