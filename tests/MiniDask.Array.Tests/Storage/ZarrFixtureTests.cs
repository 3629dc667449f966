using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Storage;

/// <summary>Stores written by zarr-python 2.13 (Storage/Fixtures/make_fixtures.py) read by MiniDask.</summary>
public sealed class ZarrFixtureTests
{
    [Fact]
    public void FromZarr_DefaultFloat64Store_ReadsEveryChunkOfTheDefaultBloscLz4()
    {
        var x = DArray.FromZarr<double>(StorageFixtures.Zarr("default_float64.zarr"));

        Assert.Equal([23, 17], x.Shape);
        Assert.Equal([[10, 10, 3], [10, 7]], x.Chunks.Select(c => c.ToArray()));
        Assert.Equal(StorageFixtures.Values<double>(23, 17), x.ComputeSync().Data);
    }

    [Fact]
    public void FromZarr_DefaultStoreOfEachDType_MatchesTheValuesItWasWritten()
    {
        Assert.Equal(StorageFixtures.Values<float>(23, 17), DArray.FromZarr<float>(StorageFixtures.Zarr("default_float32.zarr")).ComputeSync().Data);
        Assert.Equal(StorageFixtures.Values<long>(23, 17), DArray.FromZarr<long>(StorageFixtures.Zarr("default_int64.zarr")).ComputeSync().Data);
        Assert.Equal(StorageFixtures.Values<int>(23, 17), DArray.FromZarr<int>(StorageFixtures.Zarr("default_int32.zarr")).ComputeSync().Data);
        Assert.Equal(StorageFixtures.Values<Bool>(23, 17), DArray.FromZarr<Bool>(StorageFixtures.Zarr("default_bool.zarr")).ComputeSync().Data);
    }

    [Theory]
    [InlineData("zlib")]
    [InlineData("gzip")]
    [InlineData("zstd")]
    [InlineData("lz4")]
    [InlineData("none")]
    [InlineData("blosc_zstd")]
    [InlineData("blosc_zlib")]
    [InlineData("blosc_lz4hc")]
    [InlineData("blosc_bitshuffle")]
    [InlineData("blosc_noshuffle")]
    [InlineData("blosc_blosclz")]
    [InlineData("blosc_smallblocks")]
    [InlineData("blosc_clevel0")]
    public void FromZarr_EachCompressor_ReadsFloat64AndInt32Stores(string codec)
    {
        Assert.Equal(StorageFixtures.Values<double>(23, 17), DArray.FromZarr<double>(StorageFixtures.Zarr($"{codec}_float64.zarr")).ComputeSync().Data);
        Assert.Equal(StorageFixtures.Values<int>(23, 17), DArray.FromZarr<int>(StorageFixtures.Zarr($"{codec}_int32.zarr")).ComputeSync().Data);
    }

    [Fact]
    public void FromZarr_BloscLZSplitIntoStreams_ReadsEachByteStream()
    {
        var x = DArray.FromZarr<double>(StorageFixtures.Zarr("blosc_blosclz_split.zarr"));

        Assert.Equal(Enumerable.Range(0, 2000).Select(i => (i * 0.5) - 7), x.ComputeSync().Data);
    }

    [Fact]
    public void FromZarr_BitShuffledBlocksOfOddLength_KeepsTheUnshuffledTail()
    {
        var x = DArray.FromZarr<float>(StorageFixtures.Zarr("blosc_bitshuffle_odd.zarr"));

        Assert.Equal(Enumerable.Range(0, 101).Select(i => i * 0.25f), x.ComputeSync().Data);
    }

    [Fact]
    public void FromZarr_LargeInt64Values_AreExact()
    {
        var expected = Enumerable.Range(0, 40).Select(i => ((1L << 62) + (i * 1_000_003L)) * (i % 2 == 0 ? 1 : -1));

        Assert.Equal(expected, DArray.FromZarr<long>(StorageFixtures.Zarr("large_int64.zarr")).ComputeSync().Data);
    }

    [Fact]
    public void FromZarr_MissingChunksWithNaNFill_ReadAsNaN()
    {
        var x = DArray.FromZarr<double>(StorageFixtures.Zarr("missing_nan.zarr")).ComputeSync();

        var written = StorageFixtures.Values<double>(5, 5);
        for (var i = 0; i < 12; i++)
        {
            for (var j = 0; j < 9; j++)
            {
                var expected = i < 5 && j < 5 && !(i == 1 && j == 1) ? written[(i * 5) + j] : double.NaN;
                Assert.Equal(expected, x[i, j]);
            }
        }
    }

    [Fact]
    public void FromZarr_MissingChunksWithIntegerFill_ReadAsTheFillAndBlocksSpanningChunks()
    {
        // Blocks of 4 x 4 cross the 5 x 5 chunks, so each block reads parts of up to four chunks.
        var x = DArray.FromZarr<int>(StorageFixtures.Zarr("missing_int32.zarr"), new[] { 4, 4 }).ComputeSync();

        var written = StorageFixtures.Values<int>(5, 4);
        for (var i = 0; i < 12; i++)
        {
            for (var j = 0; j < 9; j++)
            {
                Assert.Equal(i is >= 5 and < 10 && j >= 5 ? written[((i - 5) * 4) + j - 5] : -7, x[i, j]);
            }
        }
    }

    [Fact]
    public void FromZarr_NegativeInfinityFill_ReadsInfinityInTheMissingChunk()
    {
        Assert.Equal([1.5f, 2.5f, float.NegativeInfinity, float.NegativeInfinity], DArray.FromZarr<float>(StorageFixtures.Zarr("fill_infinity.zarr")).ComputeSync().Data);
    }

    [Fact]
    public void FromZarr_SlashSeparatedKeys_ReadsNestedChunkFiles()
    {
        Assert.Equal(StorageFixtures.Values<double>(23, 17), DArray.FromZarr<double>(StorageFixtures.Zarr("nested.zarr")).ComputeSync().Data);
    }

    [Fact]
    public void FromZarr_BigEndianStores_SwapsTheBytes()
    {
        Assert.Equal(StorageFixtures.Values<double>(23, 17), DArray.FromZarr<double>(StorageFixtures.Zarr("bigendian.zarr")).ComputeSync().Data);
        Assert.Equal(StorageFixtures.Values<int>(23, 17), DArray.FromZarr<int>(StorageFixtures.Zarr("bigendian_int32.zarr")).ComputeSync().Data);
    }

    [Fact]
    public void FromZarr_FortranOrderStore_ReturnsTheCOrderValues()
    {
        Assert.Equal(StorageFixtures.Values<double>(23, 17), DArray.FromZarr<double>(StorageFixtures.Zarr("forder.zarr")).ComputeSync().Data);
    }

    [Fact]
    public void FromZarr_ZeroDimensionalArray_ReadsItsOneChunk()
    {
        var x = DArray.FromZarr<double>(StorageFixtures.Zarr("scalar.zarr"));

        Assert.Equal(0, x.Rank);
        Assert.Equal([3.5], x.ComputeSync().Data);
    }

    [Fact]
    public void FromZarr_EmptyArray_HasShapeZeroAndNoValues()
    {
        var x = DArray.FromZarr<double>(StorageFixtures.Zarr("empty.zarr"));

        Assert.Equal([0, 4], x.Shape);
        Assert.Empty(x.ComputeSync().Data);
    }

    [Fact]
    public void FromZarr_ArrayInsideAGroup_ReadsItsFolderAndAttributes()
    {
        var path = Path.Combine(StorageFixtures.Zarr("group.zarr"), "sub", "temperature");

        Assert.Equal(StorageFixtures.Values<float>(6, 4), DArray.FromZarr<float>(path).ComputeSync().Data);
        Assert.Equal("K", ZarrArray.Open(path).Attributes["units"]!.GetValue<string>());
    }

    [Fact]
    public void FromZarr_Group_SaysItIsAGroupAndNamesItsArrays()
    {
        var error = Assert.Throws<FileNotFoundException>(() => DArray.FromZarr<float>(StorageFixtures.Zarr("group.zarr")));

        Assert.Contains("holds a Zarr group, not an array", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("sub", "temperature"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromZarr_Filters_AreRefusedNamingThem()
    {
        var error = Assert.Throws<NotSupportedException>(() => DArray.FromZarr<int>(StorageFixtures.Zarr("filters.zarr")));

        Assert.Contains("\"delta\"", error.Message, StringComparison.Ordinal);
        Assert.Contains(".zarray", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromZarr_WrongElementType_NamesTheStoredDType()
    {
        var error = Assert.Throws<ArgumentException>(() => DArray.FromZarr<float>(StorageFixtures.Zarr("default_float64.zarr")));

        Assert.Contains("holds float64, not float32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromZarr_Untyped_ReturnsTheStoredElementType()
    {
        var x = DArray.FromZarr(StorageFixtures.Zarr("default_int64.zarr"));

        Assert.Equal("int64", x.DType);
        Assert.Equal(StorageFixtures.Values<long>(23, 17), ((DArray<long>)x).ComputeSync().Data);
    }

    [Fact]
    public void ZarrArray_Open_ReportsMetadataAndAttributes()
    {
        var z = ZarrArray.Open(StorageFixtures.Zarr("default_float64.zarr"));

        Assert.Equal([23, 17], z.Shape);
        Assert.Equal([10, 10], z.Chunks);
        Assert.Equal("blosc", z.Compressor.Id);
        Assert.Equal(0.0, z.FillValue!.GetValue<double>());
        Assert.Equal("m", z.Attributes["units"]!.GetValue<string>());
        Assert.Equal(2.5, z.Attributes["scale"]!.GetValue<double>());
    }

    [Fact]
    public void ZarrArray_ReadRegionAcrossChunks_ReadsOnlyThatRegion()
    {
        var z = ZarrArray.Open(StorageFixtures.Zarr("default_int32.zarr"));

        var region = z.Read<int>([8, 9], [4, 3]);

        var all = StorageFixtures.Values<int>(23, 17);
        Assert.Equal([4, 3], region.Shape.ToArray());
        Assert.Equal(Enumerable.Range(0, 12).Select(k => all[((8 + (k / 3)) * 17) + 9 + (k % 3)]), region.Data);
    }
}
