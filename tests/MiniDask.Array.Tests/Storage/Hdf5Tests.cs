using MiniDask.Kernels;
using MiniDask.Scheduler;

namespace MiniDask.Array.Tests.Storage;

/// <summary>HDF5 through PureHDF: the h5py fixture (Storage/Fixtures/make_fixtures.py) read, and files written and read back.</summary>
public sealed class Hdf5Tests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("minidask-h5-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void FromHdf5_H5pyChunkedGzipShuffleDataset_HasItsChunksAsBlocks()
    {
        var x = DArray.FromHdf5<double>(StorageFixtures.Hdf5, "chunked_float64");

        Assert.Equal([[10, 10, 3], [10, 7]], x.Chunks.Select(c => c.ToArray()));
        Assert.Equal(StorageFixtures.Values<double>(23, 17), x.ComputeSync().Data);
    }

    [Fact]
    public void FromHdf5_H5pyDatasetOfEachDType_MatchesTheValuesItWasWritten()
    {
        Assert.Equal(StorageFixtures.Values<int>(5, 7), DArray.FromHdf5<int>(StorageFixtures.Hdf5, "contiguous_int32").ComputeSync().Data);
        Assert.Equal(StorageFixtures.Values<float>(3, 11), DArray.FromHdf5<float>(StorageFixtures.Hdf5, "float32").ComputeSync().Data);
        Assert.Equal(StorageFixtures.Values<long>(6, 3), DArray.FromHdf5<long>(StorageFixtures.Hdf5, "int64").ComputeSync().Data);
        Assert.Equal(StorageFixtures.Values<Bool>(4, 5), DArray.FromHdf5<Bool>(StorageFixtures.Hdf5, "bool").ComputeSync().Data);
        Assert.Equal(StorageFixtures.Values<double>(4, 4), DArray.FromHdf5<double>(StorageFixtures.Hdf5, "grp/inner").ComputeSync().Data);
    }

    [Fact]
    public void FromHdf5_BlocksAcrossChunks_ReadEachRegion()
    {
        var x = DArray.FromHdf5<double>(StorageFixtures.Hdf5, "chunked_float64", new[] { 7, 6 });

        Assert.Equal([7, 7, 7, 2], x.Chunks[0]);
        Assert.Equal(StorageFixtures.Values<double>(23, 17), x.ComputeSync().Data);
    }

    [Fact]
    public void FromHdf5_UnwrittenChunks_ReadAsTheFillValue()
    {
        var x = DArray.FromHdf5<double>(StorageFixtures.Hdf5, "partial").ComputeSync();

        var written = StorageFixtures.Values<double>(5, 5);
        for (var i = 0; i < 12; i++)
        {
            for (var j = 0; j < 9; j++)
            {
                Assert.Equal(i < 5 && j < 5 ? written[(i * 5) + j] : -1.0, x[i, j]);
            }
        }
    }

    [Fact]
    public void FromHdf5_ScalarDataset_IsZeroDimensional()
    {
        var x = DArray.FromHdf5<double>(StorageFixtures.Hdf5, "scalar");

        Assert.Equal(0, x.Rank);
        Assert.Equal([3.5], x.ComputeSync().Data);
    }

    [Fact]
    public void FromHdf5_Untyped_ReturnsTheStoredElementType()
    {
        var x = DArray.FromHdf5(StorageFixtures.Hdf5, "float32");

        Assert.Equal("float32", x.DType);
        Assert.Equal(StorageFixtures.Values<float>(3, 11), ((DArray<float>)x).ComputeSync().Data);
    }

    [Fact]
    public void FromHdf5_NoSuchDataset_ListsTheDatasetsOfTheFile()
    {
        var error = Assert.Throws<ArgumentException>(() => DArray.FromHdf5<double>(StorageFixtures.Hdf5, "nope"));

        Assert.Contains("has no dataset 'nope'", error.Message, StringComparison.Ordinal);
        Assert.Contains("chunked_float64", error.Message, StringComparison.Ordinal);
        Assert.Contains("grp/inner", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHdf5_WrongElementType_NamesTheStoredDType()
    {
        var error = Assert.Throws<ArgumentException>(() => DArray.FromHdf5<int>(StorageFixtures.Hdf5, "float32"));

        Assert.Contains("holds float32, not int32", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    public void ToHdf5_EachDType_RoundTripsThroughPureHdf(int deflateLevel)
    {
        RoundTrip(deflateLevel, i => (i * 0.37) - (i % 7 * 1e6));
        RoundTrip(deflateLevel, i => (float)Math.Sin(i));
        RoundTrip(deflateLevel, i => (long)i * 1_000_000_007L * (i % 2 == 0 ? 1 : -1));
        RoundTrip(deflateLevel, i => (i * 7919) % 1000);
        RoundTrip(deflateLevel, i => (Bool)(i % 3 == 0));
        RoundTrip(deflateLevel, i => (sbyte)(i * 37));
        RoundTrip(deflateLevel, i => (byte)(i * 31));
        RoundTrip(deflateLevel, i => (short)(i * 1009));
        RoundTrip(deflateLevel, i => (ushort)(i * 4099));
        RoundTrip(deflateLevel, i => (uint)i * 2_654_435_761u);
        RoundTrip(deflateLevel, i => (ulong)i * 11_400_714_819_323_198_485UL);
        RoundTrip(deflateLevel, i => (Half)((i * 0.25) - 50));
    }

    [Fact]
    public void ToHdf5_SeveralDatasetsInGroups_WritesEachOnManyThreads()
    {
        var x = DArray.Random([300, 200], [64, 50], seed: 11);
        var path = Path.Combine(dir, "many.h5");

        DArray.ToHdf5(path, new Dictionary<string, IDArray> { ["x"] = x, ["derived/twice"] = x * 2, ["derived/flags"] = x > 0.5 }, scheduler: new LocalScheduler(3));

        var dense = x.ComputeSync().Data;
        Assert.Equal(dense, DArray.FromHdf5<double>(path, "x").ComputeSync().Data);
        Assert.Equal(dense.Select(v => v * 2), DArray.FromHdf5<double>(path, "derived/twice").ComputeSync().Data);
        Assert.Equal(dense.Select(v => (Bool)(v > 0.5)), DArray.FromHdf5<Bool>(path, "derived/flags").ComputeSync().Data);
        Assert.Equal([[64, 64, 64, 64, 44], [50, 50, 50, 50]], DArray.FromHdf5<double>(path, "x").Chunks.Select(c => c.ToArray()));
    }

    [Fact]
    public void ToHdf5_IrregularChunks_AreRefusedNamingTheRechunkAndNoFileIsLeft()
    {
        var x = DArray.FromArray(new double[10], [10], [3]).Rechunk([[3, 4, 3]]);
        var path = Path.Combine(dir, "i.h5");

        var error = Assert.Throws<ArgumentException>(() => x.ToHdf5(path, "x", scheduler: TestData.Sync));

        Assert.Contains("x.Rechunk(new[] { 3 })", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void ToHdf5_ExistingFile_IsKeptUnlessOverwriteIsGiven()
    {
        var path = Path.Combine(dir, "e.h5");
        File.WriteAllText(path, "not hdf5");
        var x = DArray.FromArray(new[] { 1.0, 2.0 }, [2], [1]);

        var error = Assert.Throws<IOException>(() => x.ToHdf5(path, "x", scheduler: TestData.Sync));
        x.ToHdf5(path, "x", overwrite: true, scheduler: TestData.Sync);

        Assert.Contains("pass overwrite: true", error.Message, StringComparison.Ordinal);
        Assert.Equal([1.0, 2.0], DArray.FromHdf5<double>(path, "x").ComputeSync().Data);
    }

    [Fact]
    public void ToHdf5_UnsupportedDeflateLevel_IsRefused()
    {
        var x = DArray.FromArray(new[] { 1.0 }, [1], [1]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => x.ToHdf5(Path.Combine(dir, "d.h5"), "x", deflateLevel: 4, scheduler: TestData.Sync));

        Assert.Contains("1 and 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHdf5_AbsoluteDatasetPath_IsTheSameDataset()
    {
        Assert.Equal(StorageFixtures.Values<double>(4, 4), DArray.FromHdf5<double>(StorageFixtures.Hdf5, "/grp/inner").ComputeSync().Data);
    }

    [Fact]
    public void ToHdf5_ZeroDimensionalArray_RoundTrips()
    {
        var path = Path.Combine(dir, "scalar.h5");

        DArray.FromArray(NDArray.Scalar(2.5), Chunks.Auto).ToHdf5(path, "s", deflateLevel: 9, scheduler: TestData.Sync);

        Assert.Equal([2.5], DArray.FromHdf5<double>(path, "s").ComputeSync().Data);
    }

    private void RoundTrip<T>(int deflateLevel, Func<int, T> value)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        var data = Enumerable.Range(0, 37 * 29).Select(value).ToArray();
        var x = DArray.FromArray(data, [37, 29], [16, 12]);
        var path = Path.Combine(dir, $"{x.DType}-{deflateLevel}.h5");

        x.ToHdf5(path, "data", deflateLevel, scheduler: new LocalScheduler(2));

        var y = DArray.FromHdf5<T>(path, "data");
        Assert.Equal([16, 16, 5], y.Chunks[0]);
        Assert.Equal(data, y.ComputeSync().Data);
    }
}
