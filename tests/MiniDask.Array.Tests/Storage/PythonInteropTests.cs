using System.Buffers.Binary;
using System.Numerics;
using System.Text.Json.Nodes;
using MiniDask.Kernels;
using MiniDask.Scheduler;

namespace MiniDask.Array.Tests.Storage;

/// <summary>
/// Stores and files written by MiniDask, read by zarr-python 2 and h5py (Storage/Python/read_stores.py):
/// every element compared exactly, and the dtype, chunks, fill value and compressor as those libraries
/// report them. Each test runs Python once for all its arrays; without the libraries the tests skip, saying why.
/// </summary>
public sealed class PythonInteropTests : IDisposable
{
    private static readonly Dictionary<string, string> TypeStrings = new()
    {
        ["float64"] = "<f8",
        ["float32"] = "<f4",
        ["int64"] = "<i8",
        ["int32"] = "<i4",
        ["bool"] = "|b1",
        ["int8"] = "|i1",
        ["uint8"] = "|u1",
        ["int16"] = "<i2",
        ["uint16"] = "<u2",
        ["uint32"] = "<u4",
        ["uint64"] = "<u8",
        ["float16"] = "<f2",
        ["complex128"] = "<c16",
    };

    private readonly string dir = Directory.CreateTempSubdirectory("minidask-python-").FullName;
    private readonly List<(JsonObject Entry, Action<JsonObject, string> Check)> reads = [];

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [ZarrPythonFact]
    public void ToZarr_EachCompressorAndDType_ZarrPythonReadsEveryValue()
    {
        foreach (var (name, compressor) in ZarrWriteTests.Compressor)
        {
            Zarr(name, compressor, i => (i * 0.37) - (i % 7 * 1e6), double.NaN, "NaN");
            Zarr(name, compressor, i => (float)Math.Sin(i), -1.5f, -1.5);
            Zarr(name, compressor, i => (long)i * 1_000_000_007L * (i % 2 == 0 ? 1 : -1), long.MinValue, long.MinValue);
            Zarr(name, compressor, i => (i * 7919) % 1000, 42, 42);
            Zarr(name, compressor, i => (Bool)(i % 3 == 0), Bool.True, true);
            Zarr(name, compressor, i => (sbyte)(i * 37), sbyte.MinValue, -128);
            Zarr(name, compressor, i => (byte)(i * 31), byte.MaxValue, 255);
            Zarr(name, compressor, i => (short)(i * 1009), (short)-7, -7);
            Zarr(name, compressor, i => (ushort)(i * 4099), ushort.MaxValue, 65535);
            Zarr(name, compressor, i => (uint)i * 2_654_435_761u, uint.MaxValue, uint.MaxValue);
            Zarr(name, compressor, i => (ulong)i * 11_400_714_819_323_198_485UL, ulong.MaxValue, ulong.MaxValue);
            Zarr(name, compressor, i => (Half)((i * 0.25) - 50), Half.NaN, "NaN");
            Zarr(name, compressor, i => new Complex128((i * 0.37) - (i % 7 * 1e6), -i * 0.25), new Complex128(1.5, -2), JsonNode.Parse("[1.5,-2.0]")!);
        }

        ReadAll(PythonReaders.Zarr!);
    }

    [ZarrPythonFact]
    public void ToZarr_ChunksOfSeveralBloscBlocks_ZarrPythonReadsEveryValue()
    {
        // 500,000-byte chunks: Blosc splits them into 131,072-byte blocks and a shorter last one
        // (13,348 items, not a multiple of 8, which bit shuffle leaves partly unshuffled).
        var data = Enumerable.Range(0, 600 * 500).Select(i => Math.Round(Math.Sin(i * 1e-3) * 1000) / 8).ToArray();
        var x = DArray.FromArray(data, [600, 500], [250, 250]);
        string[] names = ["default", "blosc-zstd", "blosc-lz4hc", "blosc-bitshuffle", "zlib", "zstd", "lz4"];
        foreach (var name in names)
        {
            var path = Path.Combine(dir, $"large-{name}.zarr");
            x.ToZarr(path, ZarrWriteTests.Compressor[name], scheduler: new LocalScheduler(2));
            Expect(path, (info, npy) =>
            {
                Assert.Equal("[250,250]", info["chunks"]!.ToJsonString());
                Assert.Equal(data, PythonReaders.Values<double>(npy).Data);
            });
        }

        var header = File.ReadAllBytes(Path.Combine(dir, "large-default.zarr", "0.0"))[..16];
        Assert.Equal(131_072, BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8)));
        ReadAll(PythonReaders.Zarr!);
    }

    [ZarrPythonFact]
    public void Store_RegionsSeparatorsAttributesAndEdgeShapes_ZarrPythonReadsThem()
    {
        // A region stored into a larger array: the chunks never written read as the NaN fill.
        var region = DArray.FromArray(TestData.Matrix(20, 30), [20, 30], [10, 10]);
        var big = ZarrArray.Create<double>(
            Path.Combine(dir, "region.zarr"), [40, 30], [10, 10], fillValue: double.NaN, attributes: new JsonObject { ["units"] = "m", ["scale"] = 2.5 });
        DArray.Store(region, big, offset: [10, 0], scheduler: new LocalScheduler(2));
        Expect(big.Path, (info, npy) =>
        {
            var values = PythonReaders.Values<double>(npy);
            Assert.Equal(6, info["nchunks_initialized"]!.GetValue<int>());
            Assert.True(JsonNode.DeepEquals(new JsonObject { ["units"] = "m", ["scale"] = 2.5 }, info["attrs"]), info["attrs"]!.ToJsonString());
            Assert.Equal("\"NaN\"", info["fill_value"]!.ToJsonString());
            Assert.Equal(TestData.Matrix(20, 30), values.Data.AsSpan(10 * 30, 20 * 30).ToArray());
            Assert.All(values.Data.AsSpan(0, 10 * 30).ToArray().Concat(values.Data[(30 * 30)..]), v => Assert.True(double.IsNaN(v)));
        });

        // "/" chunk keys: chunk (1, 0) is the file 1/0.
        var nested = DArray.FromArray(StorageFixtures.Values<int>(7, 6), [7, 6], [3, 3]).ToZarr(Path.Combine(dir, "nested.zarr"), dimensionSeparator: "/");
        Expect(nested.Path, (_, npy) => Assert.Equal(StorageFixtures.Values<int>(7, 6), PythonReaders.Values<int>(npy).Data));

        var scalar = ZarrArray.Create<double>(Path.Combine(dir, "scalar.zarr"), [], []);
        DArray.Store(DArray.FromArray(NDArray.Scalar(2.5), Chunks.Auto), scalar, scheduler: TestData.Sync);
        Expect(scalar.Path, (info, npy) =>
        {
            Assert.Equal("[]", info["shape"]!.ToJsonString());
            Assert.Equal([2.5], PythonReaders.Values<double>(npy).Data);
        });

        var empty = DArray.Zeros([0, 3], [2, 3]).ToZarr(Path.Combine(dir, "empty.zarr"));
        Expect(empty.Path, (info, npy) =>
        {
            Assert.Equal("[0,3]", info["shape"]!.ToJsonString());
            Assert.Empty(PythonReaders.Values<double>(npy).Data);
        });

        // A big-endian store of zarr-python's, with a region written by MiniDask, stays readable by it.
        var bigEndian = Path.Combine(dir, "bigendian.zarr");
        StorageFixtures.CopyStore(StorageFixtures.Zarr("bigendian_int32.zarr"), bigEndian);
        ZarrArray.Open(bigEndian).WriteRegion(NDArray.FromArray(Enumerable.Range(0, 100).ToArray(), 10, 10), [10, 0]);
        var expected = StorageFixtures.Values<int>(23, 17);
        for (var k = 0; k < 100; k++)
        {
            expected[((10 + (k / 10)) * 17) + (k % 10)] = k;
        }

        Expect(bigEndian, (info, npy) =>
        {
            Assert.Equal(">i4", info["dtype"]!.GetValue<string>());
            Assert.Equal(expected, PythonReaders.Values<int>(npy).Data);
        });

        ReadAll(PythonReaders.Zarr!);
    }

    [H5pyFact]
    public void ToHdf5_EachDTypeAndDeflateLevel_H5pyReadsEveryValue()
    {
        foreach (var level in new[] { 0, 1, 9 })
        {
            Hdf5(level, i => (i * 0.37) - (i % 7 * 1e6));
            Hdf5(level, i => (float)Math.Sin(i));
            Hdf5(level, i => (long)i * 1_000_000_007L * (i % 2 == 0 ? 1 : -1));
            Hdf5(level, i => (i * 7919) % 1000);
            Hdf5(level, i => (Bool)(i % 3 == 0));
            Hdf5(level, i => (sbyte)(i * 37));
            Hdf5(level, i => (byte)(i * 31));
            Hdf5(level, i => (short)(i * 1009));
            Hdf5(level, i => (ushort)(i * 4099));
            Hdf5(level, i => (uint)i * 2_654_435_761u);
            Hdf5(level, i => (ulong)i * 11_400_714_819_323_198_485UL);
            Hdf5(level, i => (Half)((i * 0.25) - 50));
            Hdf5(level, i => new Complex128(Math.Sin(i), (i * 0.37) - (i % 7 * 1e6)));
        }

        ReadAll(PythonReaders.H5py!);
    }

    [H5pyFact]
    public void ToHdf5_DatasetsInGroupsAndAScalar_H5pyReadsEach()
    {
        var x = DArray.Random([300, 200], [64, 50], seed: 11);
        var path = Path.Combine(dir, "many.h5");
        DArray.ToHdf5(path, new Dictionary<string, IDArray> { ["x"] = x, ["derived/twice"] = x * 2, ["derived/flags"] = x > 0.5 }, deflateLevel: 1, scheduler: new LocalScheduler(2));
        var scalarPath = Path.Combine(dir, "scalar.h5");
        DArray.FromArray(NDArray.Scalar(2.5), Chunks.Auto).ToHdf5(scalarPath, "s", scheduler: TestData.Sync);

        var dense = x.ComputeSync().Data;
        Expect(path, "x", (info, npy) =>
        {
            Assert.Equal("[64,50]", info["chunks"]!.ToJsonString());
            Assert.Equal(dense, PythonReaders.Values<double>(npy).Data);
        });
        Expect(path, "derived/twice", (_, npy) => Assert.Equal(dense.Select(v => v * 2), PythonReaders.Values<double>(npy).Data));
        Expect(path, "/derived/flags", (info, npy) =>
        {
            Assert.Equal("|b1", info["dtype"]!.GetValue<string>());
            Assert.Equal(dense.Select(v => (Bool)(v > 0.5)), PythonReaders.Values<Bool>(npy).Data);
        });
        Expect(scalarPath, "s", (info, npy) =>
        {
            Assert.Equal("[]", info["shape"]!.ToJsonString());
            Assert.Equal([2.5], PythonReaders.Values<double>(npy).Data);
        });

        ReadAll(PythonReaders.H5py!);
    }

    private void Zarr<T>(string name, ZarrCompressor compressor, Func<int, T> value, T fill, JsonNode expectedFill)
        where T : unmanaged, INumber<T>
    {
        // Uneven edges on both axes; chunks big enough for Blosc to compress (at least 128 bytes).
        var data = Enumerable.Range(0, 37 * 29).Select(value).ToArray();
        var x = DArray.FromArray(data, [37, 29], [16, 12]);
        var z = x.ToZarr(Path.Combine(dir, $"{name}-{x.DType}.zarr"), compressor, fillValue: fill, scheduler: TestData.Sync);
        Expect(z.Path, (info, npy) =>
        {
            Assert.Equal(TypeStrings[x.DType], info["dtype"]!.GetValue<string>());
            Assert.Equal("[37,29]", info["shape"]!.ToJsonString());
            Assert.Equal("[16,12]", info["chunks"]!.ToJsonString());
            Assert.Equal("C", info["order"]!.GetValue<string>());
            Assert.Equal(expectedFill.ToJsonString(), info["fill_value"]!.ToJsonString());
            Assert.True(
                JsonNode.DeepEquals(JsonNode.Parse(compressor.ToString()), info["compressor"]),
                $"{name}: numcodecs reads the compressor as {info["compressor"]?.ToJsonString() ?? "null"}, not {compressor}");
            Assert.Equal(data, PythonReaders.Values<T>(npy).Data);
        });
    }

    private void Hdf5<T>(int level, Func<int, T> value)
        where T : unmanaged, INumber<T>
    {
        var data = Enumerable.Range(0, 37 * 29).Select(value).ToArray();
        var x = DArray.FromArray(data, [37, 29], [16, 12]);
        var path = Path.Combine(dir, $"{x.DType}-{level}.h5");
        x.ToHdf5(path, "group/data", level, scheduler: new LocalScheduler(2));
        Expect(path, "group/data", (info, npy) =>
        {
            Assert.Equal(TypeStrings[x.DType], info["dtype"]!.GetValue<string>());
            Assert.Equal("[16,12]", info["chunks"]!.ToJsonString());
            Assert.Equal(level == 0 ? "null" : "\"gzip\"", info["compression"]?.ToJsonString() ?? "null");
            Assert.Equal(level == 0 ? "null" : $"{level}", info["compression_opts"]?.ToJsonString() ?? "null");
            Assert.Equal(data, PythonReaders.Values<T>(npy).Data);
        });
    }

    private void Expect(string zarrPath, Action<JsonObject, string> check) =>
        reads.Add((new JsonObject { ["kind"] = "zarr", ["path"] = zarrPath }, check));

    private void Expect(string file, string dataset, Action<JsonObject, string> check) =>
        reads.Add((new JsonObject { ["kind"] = "hdf5", ["path"] = file, ["dataset"] = dataset }, check));

    private void ReadAll(string python)
    {
        var results = PythonReaders.Read(python, dir, [.. reads.Select(r => r.Entry)]);
        for (var i = 0; i < reads.Count; i++)
        {
            reads[i].Check(results[i].Info, results[i].Npy);
        }
    }
}
