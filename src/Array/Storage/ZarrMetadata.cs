using System.Text.Json;
using System.Text.Json.Nodes;
using MiniDask.Kernels;

namespace MiniDask.Array.Storage;

/// <summary>
/// A Zarr v2 array's <c>.zarray</c>: shape, chunk shape, dtype (with byte order), compressor,
/// fill value (as the bytes of one element), memory order, filters and the separator of chunk keys.
/// </summary>
internal sealed record ZarrMetadata(
    int[] Shape,
    int[] Chunks,
    StoredDType DType,
    bool BigEndian,
    ZarrCompressor Compressor,
    JsonNode? FillValue,
    byte[] FillBytes,
    bool FortranOrder,
    char Separator)
{
    /// <summary>The metadata file's name within the array's folder.</summary>
    public const string FileName = ".zarray";

    /// <summary>The attributes file's name within the array's folder.</summary>
    public const string AttributesFile = ".zattrs";

    /// <summary>The number of chunks along each axis.</summary>
    public int[] ChunkCounts => [.. Shape.Select((n, i) => (n + Chunks[i] - 1) / Chunks[i])];

    /// <summary>The bytes of one whole chunk.</summary>
    public long ChunkBytes => Chunks.Aggregate((long)DType.ItemSize, (n, c) => n * c);

    /// <summary>Parses the <c>.zarray</c> text <paramref name="json"/> of the array at <paramref name="where"/>.</summary>
    /// <exception cref="InvalidDataException">The text is not a Zarr v2 array's metadata; the message names the entry.</exception>
    /// <exception cref="NotSupportedException">The array uses a dtype, compressor or filter that cannot be read.</exception>
    public static ZarrMetadata Parse(string json, string where)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidDataException($"{where}: empty metadata.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{where}: the metadata is not a JSON object: {e.Message}", e);
        }

        var format = Value<int>(Required(root, "zarr_format", where), "zarr_format", where);
        if (format != 2)
        {
            throw new NotSupportedException($"{where}: zarr_format {format} is not supported; Zarr v2 arrays are.");
        }

        var shape = IntArray(Required(root, "shape", where), "shape", where);
        var chunks = IntArray(Required(root, "chunks", where), "chunks", where);
        if (chunks.Length != shape.Length || chunks.Any(c => c <= 0) || shape.Any(n => n < 0))
        {
            throw new InvalidDataException(
                $"{where}: chunks {Shapes.Format(chunks)} do not fit shape {Shapes.Format(shape)}; each axis needs a chunk size of 1 or more.");
        }

        if (root["filters"] is { } notList and not JsonArray)
        {
            throw new InvalidDataException($"{where}: 'filters' is {notList.ToJsonString()}, not null or a list.");
        }

        if (root["filters"] is JsonArray { Count: > 0 } filters)
        {
            throw new NotSupportedException(
                $"{where}: filters [{string.Join(", ", filters.Select(f => f?["id"]?.ToJsonString()))}] are not supported; arrays without filters are.");
        }

        var (dtype, bigEndian) = StoredDType.Parse(Value<string>(Required(root, "dtype", where), "dtype", where), where);
        var order = Entry(root, "order", where, "C");
        if (order is not ("C" or "F"))
        {
            throw new InvalidDataException($"{where}: order '{order}' is neither 'C' nor 'F'.");
        }

        var separator = Entry(root, "dimension_separator", where, ".");
        if (separator is not ("." or "/"))
        {
            throw new InvalidDataException($"{where}: dimension_separator '{separator}' is neither '.' nor '/'.");
        }

        var fill = root["fill_value"]?.DeepClone();
        return new ZarrMetadata(
            shape, chunks, dtype, bigEndian, ZarrCompressor.FromJson(root["compressor"], where), fill, dtype.ParseFill(fill, where), order == "F", separator[0]);
    }

    /// <summary>The metadata as <c>.zarray</c> text (keys sorted and indented by four, as zarr-python writes them).</summary>
    public string ToJson()
    {
        var root = new JsonObject
        {
            ["chunks"] = new JsonArray([.. Chunks.Select(c => (JsonNode)c)]),
            ["compressor"] = Compressor.ToJson(),
            ["dimension_separator"] = Separator.ToString(),
            ["dtype"] = BigEndian == BitConverter.IsLittleEndian ? ">" + DType.TypeString[1..] : DType.TypeString,
            ["fill_value"] = FillValue?.DeepClone(),
            ["filters"] = null,
            ["order"] = FortranOrder ? "F" : "C",
            ["shape"] = new JsonArray([.. Shape.Select(n => (JsonNode)n)]),
            ["zarr_format"] = 2,
        };
        return root.ToJsonString(ZarrStore.Indented);
    }

    /// <summary>The key of chunk <paramref name="index"/>, such as <c>1.0</c> (or <c>1/0</c>); <c>0</c> for a 0-d array.</summary>
    public string ChunkKey(ReadOnlySpan<int> index) => index.IsEmpty ? "0" : string.Join(Separator, index.ToArray());

    /// <summary>
    /// The entry <paramref name="name"/> of <paramref name="json"/> (inside the entry <paramref name="parent"/>
    /// of the file, if given), or <paramref name="fallback"/> where it is absent or null.
    /// </summary>
    /// <exception cref="InvalidDataException">The entry holds another kind of value; the message names the file and entry.</exception>
    internal static T Entry<T>(JsonObject json, string name, string where, T fallback, string? parent = null) =>
        json[name] is { } node ? Value<T>(node, parent is null ? name : $"{parent}.{name}", where) : fallback;

    private static T Value<T>(JsonNode node, string name, string where)
    {
        try
        {
            return node.GetValue<T>();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            var kind = typeof(T) == typeof(string) ? "a string" : typeof(T) == typeof(int) ? "an integer" : typeof(T).Name;
            throw new InvalidDataException($"{where}: '{name}' is {node.ToJsonString()}, not {kind}.", e);
        }
    }

    private static JsonNode Required(JsonObject root, string name, string where) =>
        root[name] ?? throw new InvalidDataException($"{where}: the metadata lacks '{name}'.");

    private static int[] IntArray(JsonNode node, string name, string where)
    {
        try
        {
            return [.. node.AsArray().Select(n => n!.GetValue<int>())];
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new InvalidDataException($"{where}: '{name}' is not a list of integers: {node.ToJsonString()}.", e);
        }
    }
}
