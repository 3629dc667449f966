using MiniDask.Kernels;

namespace MiniDask.Array.Tests.ElementTypes;

/// <summary>
/// Zarr stores written by zarr-python 2 (its default Blosc compressor) and an HDF5 file written by
/// h5py, one array per small dtype (ElementTypes/Fixtures/make_fixtures.py), read back exactly.
/// </summary>
public class StoredSmallDTypeTests
{
    public static TheoryData<string> SmallDTypes => ["int8", "uint8", "int16", "uint16", "uint32", "uint64", "float16"];

    [Theory]
    [MemberData(nameof(SmallDTypes))]
    public void FromZarr_StoreWrittenByZarrPython_ReadsItsDTypeAndValues(string dtype)
    {
        var x = DArray.FromZarr(DTypeFixtures.PathOf(Path.Combine("stores", $"{dtype}.zarr")));

        Assert.Equal(dtype, x.DType);
        Assert.Equal([[2, 1], [3, 1]], x.Chunks.Select(c => c.ToArray()).ToArray());
        AssertValues(dtype, x.ComputeBlock());
    }

    [Theory]
    [MemberData(nameof(SmallDTypes))]
    public void FromHdf5_DatasetWrittenByH5py_ReadsItsDTypeAndValues(string dtype)
    {
        var x = DArray.FromHdf5(DTypeFixtures.PathOf(Path.Combine("stores", "small_dtypes.h5")), dtype);

        Assert.Equal(dtype, x.DType);
        AssertValues(dtype, x.ComputeBlock());
    }

    private static void AssertValues(string dtype, INDArray actual)
    {
        var expected = NDArray.LoadNpy(DTypeFixtures.PathOf($"x_{dtype}.npy"));
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        Assert.True(expected.AsBytes().SequenceEqual(actual.AsBytes()), $"{dtype} values differ from those zarr-python and h5py were given");
    }
}
