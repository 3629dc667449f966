using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MiniDask.Array.Storage;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// A Zarr v2 array in a directory store (a folder with <c>.zarray</c>, <c>.zattrs</c> and one
/// file per chunk), as zarr-python 2 reads and writes it: any region can be read, reading only
/// the chunks it overlaps (a missing chunk reads as the fill value), and written, rewriting only
/// those chunks. Chunks are C order (F-order arrays are read too) of the dtypes in
/// <see cref="DTypes"/>, either byte order, compressed by Blosc, zlib, gzip, Zstandard, LZ4 or nothing.
/// </summary>
/// <remarks>
/// The object is its path: the metadata is read from <c>.zarray</c> when needed (and cached while
/// the file is unchanged), so a store task carries a <see cref="ZarrArray"/> to a worker as its
/// path, as Dask pickles a <c>zarr.Array</c>. Each chunk is written to a temporary file and renamed, so
/// a reader never sees half a chunk. Writing part of a chunk reads, changes and rewrites it: not
/// safe for two writers of one chunk at once, which is why <see cref="DArray.Store(IDArray, IBlockWritable, int[], MiniDask.Graph.IScheduler, MiniDask.Graph.ComputeOptions, CancellationToken)"/> refuses
/// blocks that do not cover whole chunks.
/// </remarks>
public sealed class ZarrArray : IBlockWritable, IPortableTarget
{
    private ZarrArray(string path) => Path = path;

    /// <summary>The array's folder, as a full path.</summary>
    public string Path { get; }

    /// <summary>The array's shape.</summary>
    public IReadOnlyList<int> Shape => Metadata.Shape;

    /// <summary>The shape of one chunk (edge chunks are stored at this shape too, padded with the fill value).</summary>
    public IReadOnlyList<int> Chunks => Metadata.Chunks;

    /// <summary>The NumPy name of the element type, such as <c>float64</c>.</summary>
    public string DType => Metadata.DType.Name;

    /// <summary>The CLR element type, such as <see cref="double"/>.</summary>
    public Type ElementType => Metadata.DType.ElementType;

    /// <summary>The chunks' compressor.</summary>
    public ZarrCompressor Compressor => Metadata.Compressor;

    /// <summary>The fill value as <c>.zarray</c> states it (a number, <c>"NaN"</c>, a boolean, or null).</summary>
    public JsonNode? FillValue => Metadata.FillValue?.DeepClone();

    /// <summary>The separator of the indices in chunk keys: <c>.</c> (<c>1.0</c>) or <c>/</c> (<c>1/0</c>).</summary>
    public string DimensionSeparator => Metadata.Separator.ToString();

    /// <summary>The user attributes of <c>.zattrs</c> (empty when there is none).</summary>
    /// <exception cref="InvalidDataException"><c>.zattrs</c> is not a JSON object; the message names the file.</exception>
    public JsonObject Attributes
    {
        get
        {
            var file = System.IO.Path.Combine(Path, ZarrMetadata.AttributesFile);
            if (!File.Exists(file))
            {
                return [];
            }

            try
            {
                return JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? throw new InvalidDataException($"{file}: the attributes are not a JSON object.");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{file}: the attributes are not valid JSON: {e.Message}", e);
            }
        }
    }

    /// <inheritdoc/>
    IReadOnlyList<int>? IBlockWritable.ChunkShape => Metadata.Chunks;

    /// <inheritdoc/>
    IBlockWritable IPortableTarget.Portable => new ZarrPathTarget(Path);

    internal ZarrMetadata Metadata => ZarrMetadataCache.Get(Path);

    /// <summary>Opens the Zarr v2 array in folder <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The folder has no <c>.zarray</c> (the message says when it holds a group).</exception>
    /// <exception cref="InvalidDataException">The metadata is malformed; the message names the file and entry.</exception>
    /// <exception cref="NotSupportedException">The array uses a dtype, compressor or filter that cannot be read.</exception>
    public static ZarrArray Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var array = new ZarrArray(System.IO.Path.GetFullPath(path));
        _ = array.Metadata;
        return array;
    }

    /// <summary>
    /// Creates an empty Zarr v2 array in folder <paramref name="path"/> (writing <c>.zarray</c> and,
    /// with <paramref name="attributes"/>, <c>.zattrs</c>); its chunks are written later, by
    /// <see cref="WriteRegion"/> or <see cref="DArray.Store(IDArray, IBlockWritable, int[], MiniDask.Graph.IScheduler, MiniDask.Graph.ComputeOptions, CancellationToken)"/>. Unwritten chunks read as <paramref name="fillValue"/>.
    /// </summary>
    /// <param name="path">The array's folder.</param>
    /// <param name="shape">The array's shape.</param>
    /// <param name="chunks">The chunk shape, 1 or more per axis.</param>
    /// <param name="compressor">The chunks' compressor; null for Zarr's default (Blosc LZ4, byte shuffle).</param>
    /// <param name="fillValue">The value of unwritten elements.</param>
    /// <param name="dimensionSeparator"><c>.</c> or <c>/</c> between the indices of chunk keys.</param>
    /// <param name="overwrite">Whether to replace a Zarr array or group already at <paramref name="path"/>.</param>
    /// <param name="attributes">The user attributes to write to <c>.zattrs</c>, or null.</param>
    /// <exception cref="ArgumentException">The shape or chunks are invalid, or the separator is neither <c>.</c> nor <c>/</c>.</exception>
    /// <exception cref="IOException">The folder holds a Zarr array or group and <paramref name="overwrite"/> is false, or holds other files.</exception>
    public static ZarrArray Create<T>(
        string path, IReadOnlyList<int> shape, IReadOnlyList<int> chunks, ZarrCompressor? compressor = null, T fillValue = default,
        string dimensionSeparator = ".", bool overwrite = false, JsonObject? attributes = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(chunks);
        if (chunks.Count != shape.Count || chunks.Any(c => c <= 0) || shape.Any(n => n < 0))
        {
            throw new ArgumentException(
                $"Zarr chunks {Shapes.Format([.. chunks])} do not fit shape {Shapes.Format([.. shape])}: give one chunk size of 1 or more per axis.", nameof(chunks));
        }

        if (dimensionSeparator is not ("." or "/"))
        {
            throw new ArgumentException($"The dimension separator must be \".\" or \"/\", not \"{dimensionSeparator}\".", nameof(dimensionSeparator));
        }

        var full = System.IO.Path.GetFullPath(path);
        ZarrStore.Prepare(full, overwrite);
        var dtype = StoredDType.Of(typeof(T));
        var fill = StoredDType.BytesOf(fillValue);
        var metadata = new ZarrMetadata(
            [.. shape], [.. chunks], dtype, false, compressor ?? ZarrCompressor.Default, dtype.FormatFill(fill), fill, false, dimensionSeparator[0]);
        if (attributes is not null)
        {
            File.WriteAllText(System.IO.Path.Combine(full, ZarrMetadata.AttributesFile), attributes.ToJsonString(ZarrStore.Indented));
        }

        ZarrMetadataCache.Write(full, metadata);
        return new ZarrArray(full);
    }

    /// <summary>Reads the region of <paramref name="shape"/> at <paramref name="start"/>, reading only the chunks it overlaps.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not the array's element type, or the region is outside the array.</exception>
    /// <exception cref="InvalidDataException">A chunk is malformed; the message names its file.</exception>
    public NDArray<T> Read<T>(ReadOnlySpan<int> start, ReadOnlySpan<int> shape)
        where T : unmanaged, INumber<T>
    {
        var metadata = Metadata;
        RequireElementType(metadata, typeof(T));
        return (NDArray<T>)ZarrChunks.ReadRegion(Path, metadata, start, shape);
    }

    /// <summary>Reads the whole array.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not the array's element type.</exception>
    /// <exception cref="InvalidDataException">A chunk is malformed; the message names its file.</exception>
    public NDArray<T> Read<T>()
        where T : unmanaged, INumber<T> => Read<T>(new int[Shape.Count], [.. Shape]);

    /// <summary>Reads the region of <paramref name="shape"/> at <paramref name="start"/> as a block of the array's element type.</summary>
    /// <exception cref="ArgumentException">The region is outside the array.</exception>
    /// <exception cref="InvalidDataException">A chunk is malformed; the message names its file.</exception>
    public INDArray ReadRegion(ReadOnlySpan<int> start, ReadOnlySpan<int> shape) => ZarrChunks.ReadRegion(Path, Metadata, start, shape);

    /// <summary>
    /// Writes <paramref name="block"/> at <paramref name="start"/>: each chunk it covers whole is
    /// encoded from the block alone; a chunk it covers in part is read, changed and rewritten.
    /// </summary>
    /// <exception cref="ArgumentException">The block has another element type, or does not fit at <paramref name="start"/>.</exception>
    /// <exception cref="NotSupportedException">The array is stored in F order.</exception>
    public void WriteRegion(INDArray block, ReadOnlySpan<int> start)
    {
        ArgumentNullException.ThrowIfNull(block);
        var metadata = Metadata;
        RequireElementType(metadata, block.ElementType);
        ZarrChunks.WriteRegion(Path, metadata, block, start);
    }

    /// <summary>Replaces the user attributes in <c>.zattrs</c>.</summary>
    public void WriteAttributes(JsonObject attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        File.WriteAllText(System.IO.Path.Combine(Path, ZarrMetadata.AttributesFile), attributes.ToJsonString(ZarrStore.Indented));
    }

    /// <summary>The array as zarr-python prints it: path, shape, chunks, dtype and compressor.</summary>
    public override string ToString() =>
        $"ZarrArray({Path}, shape={Shapes.Format([.. Shape])}, chunks={Shapes.Format([.. Chunks])}, dtype={DType}, compressor={Compressor})";

    private void RequireElementType(ZarrMetadata metadata, Type type)
    {
        if (metadata.DType.ElementType != type)
        {
            throw new ArgumentException(
                $"{Path} holds {metadata.DType.Name}, not {StoredDType.Of(type).Name}: read it as {metadata.DType.Name} (and convert with AsType), or write blocks of {metadata.DType.Name}.");
        }
    }
}
