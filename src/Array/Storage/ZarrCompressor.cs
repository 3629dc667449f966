using System.Text.Json.Nodes;
using MiniDask.Array.Storage;
using MiniDask.Array.Storage.Codecs;

namespace MiniDask.Array;

/// <summary>How Blosc rearranges the bytes of a chunk before compressing it (numcodecs' <c>shuffle</c>).</summary>
public enum BloscShuffle
{
    /// <summary>Bit shuffle for one-byte items, byte shuffle otherwise (numcodecs' <c>AUTOSHUFFLE</c>, -1).</summary>
    Auto = -1,

    /// <summary>No shuffle (<c>NOSHUFFLE</c>, 0).</summary>
    None = 0,

    /// <summary>Byte shuffle (<c>SHUFFLE</c>, 1), Zarr's default.</summary>
    Byte = 1,

    /// <summary>Bit shuffle (<c>BITSHUFFLE</c>, 2).</summary>
    Bit = 2,
}

/// <summary>
/// The compressor of a Zarr v2 array's chunks, as numcodecs names it in <c>.zarray</c>:
/// <see cref="Blosc"/> (Zarr's default: LZ4 with byte shuffle), <see cref="Zlib"/>,
/// <see cref="Gzip"/>, <see cref="Zstd"/>, <see cref="Lz4"/> or <see cref="None"/>.
/// </summary>
public sealed class ZarrCompressor
{
    private readonly JsonObject? config;

    private ZarrCompressor(JsonObject? config, IChunkCodec codec)
    {
        this.config = config;
        Codec = codec;
    }

    /// <summary>No compression: chunks hold their raw bytes (<c>"compressor": null</c>).</summary>
    public static ZarrCompressor None { get; } = new(null, RawCodec.Instance);

    /// <summary>Zarr 2's default: <c>Blosc(cname='lz4', clevel=5, shuffle=SHUFFLE, blocksize=0)</c>.</summary>
    public static ZarrCompressor Default => Blosc();

    /// <summary>numcodecs' id of the compressor (<c>blosc</c>, <c>zlib</c>, ...), or null for <see cref="None"/>.</summary>
    public string? Id => config?["id"]?.GetValue<string>();

    internal IChunkCodec Codec { get; }

    /// <summary>
    /// Blosc: shuffles each block of a chunk, then compresses it with <paramref name="cname"/>
    /// (<c>lz4</c>, <c>lz4hc</c>, <c>zstd</c> or <c>zlib</c>; <c>blosclz</c> is read but not written).
    /// </summary>
    /// <param name="cname">The compressor inside Blosc.</param>
    /// <param name="clevel">The level, 0 (store) to 9.</param>
    /// <param name="shuffle">The byte rearrangement before compressing.</param>
    /// <param name="blocksize">Bytes per Blosc block; 0 lets Blosc choose.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range, or <paramref name="cname"/> is not one that can be written.</exception>
    public static ZarrCompressor Blosc(string cname = "lz4", int clevel = 5, BloscShuffle shuffle = BloscShuffle.Byte, int blocksize = 0)
    {
        if (cname is not ("lz4" or "lz4hc" or "zstd" or "zlib"))
        {
            throw new ArgumentOutOfRangeException(nameof(cname), cname, "Blosc compressors that can be written: lz4, lz4hc, zstd, zlib.");
        }

        CheckRange(clevel, 0, 9, nameof(clevel));
        CheckRange(blocksize, 0, int.MaxValue, nameof(blocksize));
        var json = new JsonObject { ["blocksize"] = blocksize, ["clevel"] = clevel, ["cname"] = cname, ["id"] = "blosc", ["shuffle"] = (int)shuffle };
        return new(json, new BloscCodec(cname, clevel, shuffle, blocksize));
    }

    /// <summary>zlib (numcodecs' <c>Zlib</c>): a zlib stream per chunk.</summary>
    /// <param name="level">The level, 0 to 9.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside 0 to 9.</exception>
    public static ZarrCompressor Zlib(int level = 1)
    {
        CheckRange(level, 0, 9, nameof(level));
        return new(new JsonObject { ["id"] = "zlib", ["level"] = level }, new DeflateCodec(gzip: false, level));
    }

    /// <summary>gzip (numcodecs' <c>GZip</c>): a gzip member per chunk.</summary>
    /// <param name="level">The level, 0 to 9.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside 0 to 9.</exception>
    public static ZarrCompressor Gzip(int level = 1)
    {
        CheckRange(level, 0, 9, nameof(level));
        return new(new JsonObject { ["id"] = "gzip", ["level"] = level }, new DeflateCodec(gzip: true, level));
    }

    /// <summary>Zstandard (numcodecs' <c>Zstd</c>): a frame per chunk.</summary>
    /// <param name="level">The level, -131072 to 22.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside Zstandard's range.</exception>
    public static ZarrCompressor Zstd(int level = 1)
    {
        CheckRange(level, -(1 << 17), 22, nameof(level));
        return new(new JsonObject { ["id"] = "zstd", ["level"] = level }, new ZstdCodec(level));
    }

    /// <summary>LZ4 (numcodecs' <c>LZ4</c>): the size, then an LZ4 block per chunk.</summary>
    /// <param name="acceleration">numcodecs' acceleration, 1 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="acceleration"/> is less than 1.</exception>
    public static ZarrCompressor Lz4(int acceleration = 1)
    {
        CheckRange(acceleration, 1, int.MaxValue, nameof(acceleration));
        return new(new JsonObject { ["acceleration"] = acceleration, ["id"] = "lz4" }, new Lz4Codec(acceleration));
    }

    /// <summary>The compressor a <c>.zarray</c>'s <c>compressor</c> entry describes; <paramref name="where"/> names the file in errors.</summary>
    /// <exception cref="NotSupportedException">The compressor is one that cannot be read.</exception>
    /// <exception cref="InvalidDataException">The entry is not an object, or one of its settings holds another kind of value.</exception>
    internal static ZarrCompressor FromJson(JsonNode? node, string where)
    {
        if (node is null)
        {
            return None;
        }

        var json = node as JsonObject
            ?? throw new InvalidDataException($"{where}: 'compressor' is {node.ToJsonString()}, not null or an object such as {{\"id\": \"zlib\", \"level\": 1}}.");
        var id = Entry(json, "id", where, (string?)null);
        IChunkCodec codec = id switch
        {
            // Decoding reads everything from each chunk's own header; the settings matter for writing only.
            "blosc" => new BloscCodec(
                Entry(json, "cname", where, "lz4"), Entry(json, "clevel", where, 5), (BloscShuffle)Entry(json, "shuffle", where, 1), Entry(json, "blocksize", where, 0)),
            "zlib" => new DeflateCodec(gzip: false, Entry(json, "level", where, 1)),
            "gzip" => new DeflateCodec(gzip: true, Entry(json, "level", where, 1)),
            "zstd" => new ZstdCodec(Entry(json, "level", where, 1)),
            "lz4" => new Lz4Codec(Entry(json, "acceleration", where, 1)),
            _ => throw new NotSupportedException(
                $"{where}: compressor '{id}' is not supported; blosc (lz4, lz4hc, zstd, zlib, blosclz), zlib, gzip, zstd, lz4 and none are."),
        };
        return new((JsonObject)json.DeepClone(), codec);
    }

    /// <summary>The <c>compressor</c> entry of a <c>.zarray</c>: the numcodecs configuration, or null.</summary>
    internal JsonNode? ToJson() => config?.DeepClone();

    /// <summary>The numcodecs configuration as JSON, or <c>null</c>.</summary>
    public override string ToString() => config?.ToJsonString() ?? "null";

    private static T Entry<T>(JsonObject json, string name, string where, T fallback) => ZarrMetadata.Entry(json, name, where, fallback, "compressor");

    private static void CheckRange(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
        }
    }
}
