using System.Text.Json.Nodes;

namespace MiniDask.Array.Tests.Storage;

/// <summary>Malformed or unsupported Zarr stores: each error names the file and what was wrong.</summary>
public sealed class ZarrErrorTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("minidask-zarr-errors-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData("default")]
    [InlineData("zlib")]
    [InlineData("zstd")]
    [InlineData("lz4")]
    [InlineData("none")]
    public void Read_CorruptChunk_NamesTheChunkFile(string compressor)
    {
        var z = Write(compressor);
        var chunk = Path.Combine(z.Path, "1.0");
        var bytes = File.ReadAllBytes(chunk);
        File.WriteAllBytes(chunk, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => z.Read<double>());

        Assert.Contains(chunk, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BloscTwoFrame_SaysOnlyBloscOneIsRead()
    {
        var z = Write("default");
        var chunk = Path.Combine(z.Path, "0.0");
        var bytes = File.ReadAllBytes(chunk);
        bytes[0] = 3;
        File.WriteAllBytes(chunk, bytes);

        var error = Assert.Throws<InvalidDataException>(() => z.Read<double>());

        Assert.Contains("format version 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("not Blosc 2 frames", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BloscSnappyChunk_NamesTheCompressor()
    {
        var z = Write("default");
        var chunk = Path.Combine(z.Path, "0.0");
        var bytes = File.ReadAllBytes(chunk);
        bytes[2] = (byte)((bytes[2] & 0x1F) | (2 << 5));
        File.WriteAllBytes(chunk, bytes);

        var error = Assert.Throws<InvalidDataException>(() => z.Read<double>());

        Assert.Contains("compressed with snappy, which cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("compressor", """{"id": "bz2", "level": 1}""", "compressor 'bz2' is not supported")]
    [InlineData("dtype", "\"<c8\"", "dtype '<c8' is not supported")]
    [InlineData("dtype", "\"|O\"", "dtype '|O' is not supported")]
    [InlineData("zarr_format", "3", "zarr_format 3 is not supported")]
    [InlineData("dimension_separator", "\"-\"", "dimension_separator '-'")]
    [InlineData("fill_value", "\"NaN\"", "fill_value \"NaN\" is not a int32 value")]
    [InlineData("zarr_format", "\"two\"", "'zarr_format' is \"two\", not an integer")]
    [InlineData("dtype", "8", "'dtype' is 8, not a string")]
    [InlineData("shape", "\"4\"", "'shape' is not a list of integers")]
    [InlineData("chunks", "[0]", "chunks (0,) do not fit shape (4,)")]
    [InlineData("order", "\"X\"", "order 'X' is neither 'C' nor 'F'")]
    [InlineData("filters", "\"delta\"", "'filters' is \"delta\", not null or a list")]
    [InlineData("compressor", "\"blosc\"", "'compressor' is \"blosc\", not null or an object")]
    [InlineData("compressor", """{"id": "blosc", "clevel": "high"}""", "'compressor.clevel' is \"high\", not an integer")]
    public void Open_UnsupportedMetadata_NamesTheEntry(string entry, string json, string expected)
    {
        var path = Path.Combine(dir, "m.zarr");
        ZarrArray.Create<int>(path, [4], [2]);
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(path, ".zarray")))!.AsObject();
        metadata[entry] = JsonNode.Parse(json);
        File.WriteAllText(Path.Combine(path, ".zarray"), metadata.ToJsonString());

        var error = Assert.ThrowsAny<Exception>(() => DArray.FromZarr<int>(path));

        Assert.True(error is NotSupportedException or InvalidDataException, error.GetType().Name);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(".zarray", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MetadataLackingAnEntry_NamesIt()
    {
        var path = Path.Combine(dir, "m.zarr");
        ZarrArray.Create<int>(path, [4], [2]);
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(path, ".zarray")))!.AsObject();
        metadata.Remove("shape");
        File.WriteAllText(Path.Combine(path, ".zarray"), metadata.ToJsonString());

        var error = Assert.Throws<InvalidDataException>(() => ZarrArray.Open(path));

        Assert.Contains($"{Path.Combine(path, ".zarray")}: the metadata lacks 'shape'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MetadataThatIsNotJson_NamesTheFile()
    {
        var path = Path.Combine(dir, "m.zarr");
        ZarrArray.Create<int>(path, [4], [2]);
        File.WriteAllText(Path.Combine(path, ".zarray"), "{\"zarr_format\": 2, \"shape\": [4");

        var error = Assert.Throws<InvalidDataException>(() => ZarrArray.Open(path));

        Assert.Contains($"{Path.Combine(path, ".zarray")}: the metadata is not a JSON object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attributes_NotJson_NamesTheFile()
    {
        var path = Path.Combine(dir, "a.zarr");
        var z = ZarrArray.Create<int>(path, [4], [2]);
        File.WriteAllText(Path.Combine(path, ".zattrs"), "[1, 2");

        var error = Assert.Throws<InvalidDataException>(() => z.Attributes);

        Assert.Contains(Path.Combine(path, ".zattrs"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FolderWithoutMetadata_SaysItIsNotAZarrArray()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ZarrArray.Open(dir));

        Assert.Contains("is not a Zarr v2 array: it has no .zarray", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RegionOutsideTheArray_NamesTheShapes()
    {
        var z = Write("none");

        var error = Assert.Throws<ArgumentException>(() => z.Read<double>([8, 0], [4, 4]));

        Assert.Contains("region of shape (4, 4) at [8, 0] of an array of shape (10, 10)", error.Message, StringComparison.Ordinal);
    }

    private ZarrArray Write(string compressor)
    {
        var codec = compressor switch
        {
            "zlib" => ZarrCompressor.Zlib(),
            "zstd" => ZarrCompressor.Zstd(),
            "lz4" => ZarrCompressor.Lz4(),
            "none" => ZarrCompressor.None,
            _ => ZarrCompressor.Default,
        };

        // Smooth values, so that every compressor really compresses the 400-byte chunks.
        var data = Enumerable.Range(0, 100).Select(i => i * 0.25).ToArray();
        return DArray.FromArray(data, [10, 10], [5, 10]).ToZarr(Path.Combine(dir, compressor + ".zarr"), codec, scheduler: TestData.Sync);
    }
}
