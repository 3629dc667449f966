using System.Text.Json.Nodes;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Storage;

/// <summary>complex128 in Zarr and HDF5: stores written by zarr-python and h5py (Storage/Fixtures/make_complex_fixtures.py), and round trips.</summary>
public sealed class ComplexStorageTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("minidask-complex-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>make_complex_fixtures.py's value(): element (i, j) is (i * 100 + j * 0.5 - 7) + (i - j * 0.25)i.</summary>
    private static Complex128[] Values(int rows, int cols) =>
        [.. Enumerable.Range(0, rows * cols).Select(k => (I: k / cols, J: k % cols)).Select(p => new Complex128((p.I * 100) + (p.J * 0.5) - 7, p.I - (p.J * 0.25)))];

    [Fact]
    public void FromZarr_DefaultBloscStoreOfZarrPython_ReadsEveryValue()
    {
        var x = DArray.FromZarr<Complex128>(StorageFixtures.Zarr("default_complex128.zarr"));

        Assert.Equal("complex128", x.DType);
        Assert.Equal([[10, 10, 3], [10, 7]], x.Chunks.Select(c => c.ToArray()));
        Assert.Equal(Values(23, 17), x.ComputeSync().Data);
        Assert.Equal(Values(23, 17), Assert.IsType<DArray<Complex128>>(DArray.FromZarr(StorageFixtures.Zarr("bigendian_complex128.zarr"))).ComputeSync().Data);
    }

    [Fact]
    public void FromZarr_MissingChunks_ReadAsTheComplexFillValue()
    {
        var x = DArray.FromZarr<Complex128>(StorageFixtures.Zarr("missing_complex128.zarr")).ComputeSync();

        var written = Values(5, 5);
        for (var i = 0; i < 12; i++)
        {
            for (var j = 0; j < 9; j++)
            {
                Assert.Equal(i < 5 && j < 5 ? written[(i * 5) + j] : new Complex128(1.5, -2), x.Data[(i * 9) + j]);
            }
        }
    }

    [Fact]
    public void ToZarr_ComplexArray_RoundTripsWithItsFillValue()
    {
        var data = Values(23, 17);
        var x = DArray.FromArray(data, [23, 17], [10, 5]);

        var z = x.ToZarr(Path.Combine(dir, "c.zarr"), ZarrCompressor.Zstd(3), fillValue: new Complex128(double.NaN, 1), scheduler: TestData.Sync);

        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(z.Path, ".zarray")))!;
        Assert.Equal("<c16", metadata["dtype"]!.GetValue<string>());
        Assert.Equal("[\"NaN\",1]", metadata["fill_value"]!.ToJsonString());
        Assert.Equal(data, DArray.FromZarr<Complex128>(z.Path).ComputeSync().Data);
    }

    [Fact]
    public void FromHdf5_H5pyCompoundDatasets_ReadEveryValue()
    {
        var file = Path.Combine(StorageFixtures.Folder, "h5py_complex.h5");

        var chunked = DArray.FromHdf5<Complex128>(file, "chunked");
        var contiguous = Assert.IsType<DArray<Complex128>>(DArray.FromHdf5(file, "contiguous"));

        Assert.Equal(Values(23, 17), chunked.ComputeSync().Data);
        Assert.Equal(Values(5, 7), contiguous.ComputeSync().Data);
    }

    [Fact]
    public void ToHdf5_ComplexArray_RoundTrips()
    {
        var data = Values(23, 17);
        var path = Path.Combine(dir, "c.h5");

        DArray.FromArray(data, [23, 17], [10, 17]).ToHdf5(path, "group/c", deflateLevel: 1, scheduler: TestData.Sync);

        Assert.Equal(data, DArray.FromHdf5<Complex128>(path, "group/c").ComputeSync().Data);
    }
}
