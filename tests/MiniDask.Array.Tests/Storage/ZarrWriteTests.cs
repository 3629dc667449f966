using System.Text.Json.Nodes;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Storage;

/// <summary>Zarr stores written by ToZarr and Store, read back, and their files as zarr-python expects them.</summary>
public sealed class ZarrWriteTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("minidask-zarr-").FullName;

    public static TheoryData<string> Compressors => [.. Compressor.Keys];

    /// <summary>One compressor of each kind and setting that ToZarr writes, by name.</summary>
    internal static Dictionary<string, ZarrCompressor> Compressor { get; } = new()
    {
        ["default"] = ZarrCompressor.Default,
        ["blosc-zstd"] = ZarrCompressor.Blosc("zstd", 3),
        ["blosc-zlib"] = ZarrCompressor.Blosc("zlib", 5),
        ["blosc-lz4hc"] = ZarrCompressor.Blosc("lz4hc", 9),
        ["blosc-bitshuffle"] = ZarrCompressor.Blosc(shuffle: BloscShuffle.Bit),
        ["blosc-noshuffle"] = ZarrCompressor.Blosc(shuffle: BloscShuffle.None),
        ["blosc-auto-smallblocks"] = ZarrCompressor.Blosc(shuffle: BloscShuffle.Auto, blocksize: 200),
        ["blosc-clevel0"] = ZarrCompressor.Blosc(clevel: 0),
        ["zlib"] = ZarrCompressor.Zlib(5),
        ["gzip"] = ZarrCompressor.Gzip(5),
        ["zstd"] = ZarrCompressor.Zstd(3),
        ["lz4"] = ZarrCompressor.Lz4(),
        ["none"] = ZarrCompressor.None,
    };

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [MemberData(nameof(Compressors))]
    public void ToZarr_EachCompressorAndDType_RoundTripsExactly(string compressor)
    {
        RoundTrip(compressor, i => (i * 0.37) - (i % 7 * 1e6), double.NaN);
        RoundTrip(compressor, i => (float)Math.Sin(i), -1.5f);
        RoundTrip(compressor, i => (long)i * 1_000_000_007L * (i % 2 == 0 ? 1 : -1), long.MinValue);
        RoundTrip(compressor, i => (i * 7919) % 1000, 42);
        RoundTrip(compressor, i => (Bool)(i % 3 == 0), Bool.True);
        RoundTrip(compressor, i => (sbyte)(i * 37), sbyte.MinValue);
        RoundTrip(compressor, i => (byte)(i * 31), byte.MaxValue);
        RoundTrip(compressor, i => (short)(i * 1009), (short)-7);
        RoundTrip(compressor, i => (ushort)(i * 4099), ushort.MaxValue);
        RoundTrip(compressor, i => (uint)i * 2_654_435_761u, uint.MaxValue);
        RoundTrip(compressor, i => (ulong)i * 11_400_714_819_323_198_485UL, ulong.MaxValue);
        RoundTrip(compressor, i => (Half)((i * 0.25) - 50), Half.NaN);
    }

    [Fact]
    public void ToZarr_Metadata_IsWhatZarrPythonWrites()
    {
        var x = DArray.FromArray(StorageFixtures.Values<double>(23, 17), [23, 17], [10, 10]);

        x.ToZarr(Path.Combine(dir, "a.zarr"), fillValue: double.NaN, attributes: new JsonObject { ["units"] = "m" }, scheduler: TestData.Sync);

        var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "a.zarr", ".zarray")))!.AsObject();
        Assert.Equal(2, meta["zarr_format"]!.GetValue<int>());
        Assert.Equal("[23,17]", meta["shape"]!.ToJsonString());
        Assert.Equal("[10,10]", meta["chunks"]!.ToJsonString());
        Assert.Equal("<f8", meta["dtype"]!.GetValue<string>());
        Assert.Equal("NaN", meta["fill_value"]!.GetValue<string>());
        Assert.Equal("C", meta["order"]!.GetValue<string>());
        Assert.Null(meta["filters"]);
        Assert.Equal(".", meta["dimension_separator"]!.GetValue<string>());
        Assert.Equal("""{"blocksize":0,"clevel":5,"cname":"lz4","id":"blosc","shuffle":1}""", meta["compressor"]!.ToJsonString());
        Assert.Equal("m", JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "a.zarr", ".zattrs")))!["units"]!.GetValue<string>());
        Assert.Equal(["0.0", "0.1", "1.0", "1.1", "2.0", "2.1"], ChunkFiles("a.zarr"));
    }

    [Fact]
    public void ToZarr_EdgeChunks_AreStoredWholeAndPaddedWithTheFillValue()
    {
        var x = DArray.FromArray(Enumerable.Range(0, 7).Select(i => (double)i).ToArray(), [7], [4]);

        x.ToZarr(Path.Combine(dir, "e.zarr"), ZarrCompressor.None, fillValue: -2, scheduler: TestData.Sync);

        var edge = File.ReadAllBytes(Path.Combine(dir, "e.zarr", "1"));
        Assert.Equal(new double[] { 4, 5, 6, -2 }, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(edge).ToArray());
    }

    [Fact]
    public void ToZarr_SlashSeparator_NestsTheChunkFiles()
    {
        var x = DArray.FromArray(StorageFixtures.Values<int>(6, 6), [6, 6], [3, 3]);

        var z = x.ToZarr(Path.Combine(dir, "n.zarr"), dimensionSeparator: "/", scheduler: TestData.Sync);

        Assert.True(File.Exists(Path.Combine(dir, "n.zarr", "1", "0")));
        Assert.Equal("/", z.DimensionSeparator);
        Assert.Equal(StorageFixtures.Values<int>(6, 6), DArray.FromZarr<int>(z.Path).ComputeSync().Data);
    }

    [Fact]
    public void ToZarr_ZeroDimensionalAndEmptyArrays_RoundTrip()
    {
        var scalar = DArray.FromArray(NDArray.Scalar(2.5), Chunks.Auto);
        var empty = DArray.Zeros([0, 3], [2, 3]);

        DArray.Store(scalar, ZarrArray.Create<double>(Path.Combine(dir, "s.zarr"), [], []), scheduler: TestData.Sync);
        empty.ToZarr(Path.Combine(dir, "z.zarr"), scheduler: TestData.Sync);

        Assert.Equal([2.5], DArray.FromZarr<double>(Path.Combine(dir, "s.zarr")).ComputeSync().Data);
        Assert.True(File.Exists(Path.Combine(dir, "s.zarr", "0")));
        Assert.Equal([0, 3], DArray.FromZarr<double>(Path.Combine(dir, "z.zarr")).Shape);
        Assert.Empty(ChunkFiles("z.zarr"));
    }

    [Fact]
    public void ToZarr_IrregularChunks_AreRefusedNamingTheRechunk()
    {
        var x = DArray.FromArray(new double[10], [10], [3]).Rechunk([[3, 4, 3]]);

        var error = Assert.Throws<ArgumentException>(() => x.ToZarr(Path.Combine(dir, "i.zarr"), scheduler: TestData.Sync));

        Assert.Contains("((3, 4, 3),)", error.Message, StringComparison.Ordinal);
        Assert.Contains("x.Rechunk(new[] { 3 })", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "i.zarr")));
    }

    [Fact]
    public void ToZarr_ExistingStore_IsKeptUnlessOverwriteIsGiven()
    {
        var path = Path.Combine(dir, "o.zarr");
        DArray.FromArray(new[] { 1.0, 2.0 }, [2], [1]).ToZarr(path, scheduler: TestData.Sync);

        var error = Assert.Throws<IOException>(() => DArray.FromArray(new[] { 3.0 }, [1], [1]).ToZarr(path, scheduler: TestData.Sync));
        DArray.FromArray(new[] { 3.0 }, [1], [1]).ToZarr(path, overwrite: true, scheduler: TestData.Sync);

        Assert.Contains("already holds a Zarr array; pass overwrite: true", error.Message, StringComparison.Ordinal);
        Assert.Equal([3.0], DArray.FromZarr<double>(path).ComputeSync().Data);
        Assert.Equal(["0"], ChunkFiles("o.zarr"));
    }

    [Fact]
    public void ToZarr_FolderWithOtherFiles_IsNeverDeleted()
    {
        var path = Path.Combine(dir, "mine");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "notes.txt"), "keep");

        var error = Assert.Throws<IOException>(() => DArray.FromArray(new[] { 1.0 }, [1], [1]).ToZarr(path, overwrite: true, scheduler: TestData.Sync));

        Assert.Contains("not a Zarr store", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(path, "notes.txt")));
    }

    [Fact]
    public void WriteRegion_PartOfAChunk_KeepsTheRestOfIt()
    {
        var z = ZarrArray.Create<int>(Path.Combine(dir, "p.zarr"), [6, 6], [4, 4], fillValue: -1);
        z.WriteRegion(NDArray.FromArray(Enumerable.Range(0, 36).ToArray(), 6, 6), [0, 0]);

        z.WriteRegion(NDArray.FromArray(new[] { 100, 101, 102, 103 }, 2, 2), [3, 3]);

        var all = z.Read<int>().Data;
        for (var i = 0; i < 6; i++)
        {
            for (var j = 0; j < 6; j++)
            {
                Assert.Equal(i is 3 or 4 && j is 3 or 4 ? 100 + ((i - 3) * 2) + j - 3 : (i * 6) + j, all[(i * 6) + j]);
            }
        }
    }

    [Fact]
    public void WriteRegion_BigEndianStoreOfZarrPython_WritesBigEndianChunks()
    {
        var path = Path.Combine(dir, "be.zarr");
        StorageFixtures.CopyStore(StorageFixtures.Zarr("bigendian_int32.zarr"), path);
        var z = ZarrArray.Open(path);

        z.WriteRegion(NDArray.FromArray(Enumerable.Range(0, 100).ToArray(), 10, 10), [10, 0]);

        var raw = File.ReadAllBytes(Path.Combine(path, "1.0"));
        Assert.Equal(new byte[] { 0, 0, 0, 1 }, raw[4..8]);
        var expected = StorageFixtures.Values<int>(23, 17);
        for (var k = 0; k < 100; k++)
        {
            expected[((10 + (k / 10)) * 17) + (k % 10)] = k;
        }

        Assert.Equal(expected, z.Read<int>().Data);
    }

    [Fact]
    public void WriteRegion_WrongElementType_NamesBoth()
    {
        var z = ZarrArray.Create<double>(Path.Combine(dir, "t.zarr"), [4], [2]);

        var error = Assert.Throws<ArgumentException>(() => z.WriteRegion(NDArray.FromArray(new[] { 1, 2 }, 2), [0]));

        Assert.Contains("holds float64, not int32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZarrCompressor_ArgumentsOutOfRange_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ZarrCompressor.Blosc("blosclz"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ZarrCompressor.Blosc(clevel: 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => ZarrCompressor.Zlib(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ZarrCompressor.Zstd(23));
    }

    private string[] ChunkFiles(string store) =>
        [.. Directory.GetFiles(Path.Combine(dir, store)).Select(Path.GetFileName).Where(f => !f!.StartsWith('.')).Order(StringComparer.Ordinal)!];

    private void RoundTrip<T>(string compressor, Func<int, T> value, T fill)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        // Uneven edges on both axes, chunks big enough for Blosc to compress (at least 128 bytes).
        var data = Enumerable.Range(0, 37 * 29).Select(value).ToArray();
        var x = DArray.FromArray(data, [37, 29], [16, 12]);
        var path = Path.Combine(dir, $"{compressor}-{x.DType}.zarr");

        var z = x.ToZarr(path, Compressor[compressor], fillValue: fill, scheduler: TestData.Sync);

        Assert.Equal(data, DArray.FromZarr<T>(path).ComputeSync().Data);
        Assert.Equal(data, DArray.FromZarr<T>(path, new[] { 10, 7 }).ComputeSync().Data);
        Assert.Equal([16, 12], z.Chunks);
        Assert.Equal(Compressor[compressor].Id, ZarrArray.Open(path).Compressor.Id);

        // The fill value survives the trip through .zarray: a deleted chunk reads as it.
        File.Delete(Path.Combine(path, "0.0"));
        Assert.All(z.Read<T>([0, 0], [16, 12]).Data, v => Assert.Equal(fill, v));
    }
}
