using MiniDask.Array;
using MiniDask.Kernels;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>Zarr and HDF5 reads and writes whose tasks run in the worker processes of a local cluster.</summary>
public sealed class StorageClusterTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("minidask-cluster-storage-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void ToZarrThenFromZarr_OnTheCluster_WorkersWriteAndReadTheChunks()
    {
        var x = DArray.Random([400, 300], [100, 75], seed: 21);
        var path = Path.Combine(dir, "x.zarr");

        x.ToZarr(path, ZarrCompressor.Blosc("zstd"), scheduler: fixture.Client);
        var y = DArray.FromZarr<double>(path);
        var difference = (y - x).Abs().Max().Compute(fixture.Client);
        var sum = y.Sum().Compute(fixture.Client);

        Assert.Equal(16, Directory.GetFiles(path).Count(f => !Path.GetFileName(f).StartsWith('.')));
        Assert.Equal(0.0, difference);
        Assert.Equal(x.Sum().Compute(new LocalScheduler(1)), sum, 9);
    }

    [Fact]
    public void FromHdf5_OnTheCluster_EachWorkerOpensTheFileForItsBlocks()
    {
        var x = DArray.Random([300, 200], [100, 50], seed: 22);
        var path = Path.Combine(dir, "x.h5");
        x.ToHdf5(path, "x", scheduler: new LocalScheduler(2));

        var y = DArray.FromHdf5<double>(path, "x");

        Assert.Equal(x.Compute(new LocalScheduler(1)).Data, y.Compute(fixture.Client).Data);
    }

    [Fact]
    public void ToHdf5_OnTheCluster_IsRefusedBeforeComputingAndLeavesNoFile()
    {
        var x = DArray.Random([30, 20], [10, 10], seed: 23);
        var path = Path.Combine(dir, "refused.h5");

        var error = Assert.Throws<NotSupportedException>(() => x.ToHdf5(path, "x", scheduler: fixture.Client));

        Assert.Contains("can be written only in this process", error.Message, StringComparison.Ordinal);
        Assert.Contains("runs tasks in other processes", error.Message, StringComparison.Ordinal);
        Assert.Contains("ZarrArray", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Store_IntoAnExistingZarrArrayOnTheCluster_WritesTheRegion()
    {
        var target = ZarrArray.Create<int>(Path.Combine(dir, "t.zarr"), [8, 8], [4, 4], fillValue: -1);
        var x = DArray.FromArray(Enumerable.Range(0, 16).ToArray(), [4, 4], [4, 4]);

        DArray.Store(x, target, offset: [4, 0], scheduler: fixture.Client);

        var all = target.Read<int>().Data;
        Assert.Equal(Enumerable.Range(0, 16), Enumerable.Range(4, 4).SelectMany(i => all.Skip(i * 8).Take(4)));
        Assert.All(all.Take(32), v => Assert.Equal(-1, v));
    }
}
