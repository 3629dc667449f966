using System.Reflection;
using MiniDask.Kernels;
using PureHDF;
using PureHDF.Filters;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace MiniDask.Array.Storage.Hdf5;

/// <summary>NumPy's bool as h5py stores it: an enumeration over one byte whose members are FALSE and TRUE.</summary>
internal enum H5Bool : byte
{
    /// <summary>h5py's name for false.</summary>
    FALSE = 0,

    /// <summary>h5py's name for true.</summary>
    TRUE = 1,
}

/// <summary>NumPy's complex128 as h5py stores it: a compound of the float64 members <c>r</c> and <c>i</c>, the bytes of a <see cref="Complex128"/>.</summary>
internal struct H5Complex(double real, double imaginary)
{
    /// <summary>The real part.</summary>
    [H5Name("r")]
    public double Real = real;

    /// <summary>The imaginary part.</summary>
    [H5Name("i")]
    public double Imaginary = imaginary;
}

/// <summary>
/// A new HDF5 file being written through PureHDF's deferred writer: its chunked datasets are
/// declared first, then filled block by block from any thread (one write at a time), each
/// chunk written to the file as soon as the block that covers it is. Disposing finishes the file.
/// </summary>
internal sealed class Hdf5FileWriter : IDisposable
{
    private readonly Lock gate = new();
    private readonly H5NativeWriter writer;

    private Hdf5FileWriter(string path, H5File file, IReadOnlyList<Hdf5DatasetTarget> targets)
    {
        Path = path;
        Targets = targets;
        // PureHDF's writer names compound members after the fields unless told to read H5Name.
        writer = file.BeginWrite(path, new H5WriteOptions(FieldNameMapper: f => f.GetCustomAttribute<H5NameAttribute>()?.Name ?? f.Name));
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>One target per dataset, in the order they were declared.</summary>
    public IReadOnlyList<Hdf5DatasetTarget> Targets { get; }

    /// <summary>
    /// Creates <paramref name="path"/> with one chunked dataset per entry (name, dtype, shape,
    /// chunk shape); names with <c>/</c> make the groups above them.
    /// </summary>
    /// <exception cref="ArgumentException">A name is empty or repeated, or a chunk shape does not fit its shape.</exception>
    public static Hdf5FileWriter Create(string path, IReadOnlyList<(string Name, StoredDType DType, int[] Shape, int[] Chunks)> datasets, int deflateLevel)
    {
        var file = new H5File();
        var declared = new List<(string, StoredDType, int[], int[], H5Dataset, FlushingChunkCache)>();
        foreach (var (name, dtype, shape, chunks) in datasets)
        {
            var parts = name.Trim('/').Split('/');
            if (parts.Any(p => p.Length == 0) || declared.Any(d => d.Item1 == name.Trim('/')))
            {
                throw new ArgumentException($"HDF5 dataset name '{name}' is empty, has an empty group in it, or is given twice.");
            }

            var cache = new FlushingChunkCache();
            // Filters need chunks, and a 0-d dataset has none: its one element is stored as it is.
            var filters = deflateLevel > 0 && shape.Length > 0 ? new List<H5Filter> { new(DeflateFilter.Id, new() { [DeflateFilter.COMPRESSION_LEVEL] = deflateLevel }) } : null;
            var creation = new H5DatasetCreation(ChunkCache: cache, Filters: filters);
            uint[]? chunkDims = shape.Length == 0 ? null : [.. chunks.Select(c => (uint)Math.Max(1, c))];
            var set = NewDataset(dtype, [.. shape.Select(n => (ulong)n)], chunkDims, creation);
            H5Group group = file;
            foreach (var part in parts[..^1])
            {
                if (!group.TryGetValue(part, out var inner))
                {
                    group[part] = inner = new H5Group();
                }

                group = inner as H5Group ?? throw new ArgumentException($"HDF5 dataset name '{name}' puts a dataset inside the dataset '{part}'.");
            }

            group[parts[^1]] = set;
            declared.Add((name.Trim('/'), dtype, shape, chunks, set, cache));
        }

        var targets = new List<Hdf5DatasetTarget>();
        var result = new Hdf5FileWriter(System.IO.Path.GetFullPath(path), file, targets);
        targets.AddRange(declared.Select(d => new Hdf5DatasetTarget(result, d.Item1, d.Item2, d.Item3, d.Item4, d.Item5, d.Item6)));
        return result;
    }

    /// <summary>Finishes the file: chunk index, heap and superblock.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            writer.Dispose();
        }
    }

    /// <summary>Writes the elements of <paramref name="data"/> into the box at <paramref name="start"/>, then the chunks it completed.</summary>
    internal void Write<T>(H5Dataset set, T data, int[] start, int[] shape, FlushingChunkCache cache)
    {
        // A 0-d dataset has one element and no hyperslab.
        var selection = shape.Length == 0 ? null : new HyperslabSelection(shape.Length, [.. start.Select(s => (ulong)s)], [.. shape.Select(n => (ulong)n)]);
        lock (gate)
        {
            writer.Write((H5Dataset<T>)set, data, fileSelection: selection);
            cache.FlushAll();
        }
    }

    private static H5Dataset NewDataset(StoredDType dtype, ulong[] shape, uint[]? chunks, H5DatasetCreation creation) =>
        dtype.Apply(new NewDatasetFunc(shape, chunks, creation));

    /// <summary>Declares a dataset of element type T (h5py's bool enumeration for <see cref="Bool"/>, its compound for <see cref="Complex128"/>).</summary>
    private readonly struct NewDatasetFunc(ulong[] shape, uint[]? chunks, H5DatasetCreation creation) : IElementFunc<H5Dataset>
    {
        public H5Dataset Invoke<T>()
            where T : unmanaged, System.Numerics.INumber<T> =>
            typeof(T) == typeof(Bool) ? new H5Dataset<H5Bool[]>(shape, chunks, creation)
            : typeof(T) == typeof(Complex128) ? new H5Dataset<H5Complex[]>(shape, chunks, creation)
            : new H5Dataset<T[]>(shape, chunks, creation);
    }
}

/// <summary>One dataset of an <see cref="Hdf5FileWriter"/> as a target of <see cref="DArray.Store(IReadOnlyList{IDArray}, IReadOnlyList{IBlockWritable}, IReadOnlyList{int[]}?, MiniDask.Graph.IScheduler?, MiniDask.Graph.ComputeOptions?, CancellationToken)"/>.</summary>
internal sealed class Hdf5DatasetTarget : IBlockWritable
{
    private readonly Hdf5FileWriter file;
    private readonly StoredDType dtype;
    private readonly int[] shape;
    private readonly int[] chunks;
    private readonly H5Dataset set;
    private readonly FlushingChunkCache cache;

    internal Hdf5DatasetTarget(Hdf5FileWriter file, string name, StoredDType dtype, int[] shape, int[] chunks, H5Dataset set, FlushingChunkCache cache)
    {
        this.file = file;
        Name = name;
        this.dtype = dtype;
        this.shape = shape;
        this.chunks = chunks;
        this.set = set;
        this.cache = cache;
    }

    /// <summary>The dataset's path in the file.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public IReadOnlyList<int> Shape => shape;

    /// <inheritdoc/>
    public string DType => dtype.Name;

    /// <inheritdoc/>
    public IReadOnlyList<int>? ChunkShape => chunks;

    /// <inheritdoc/>
    public void WriteRegion(INDArray block, ReadOnlySpan<int> start)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.DType != dtype.Name)
        {
            throw new ArgumentException($"{this} holds {dtype.Name}; a {block.DType} block cannot be written to it.");
        }

        if (block.Length == 0)
        {
            return;
        }

        dtype.Apply(new WriteFunc(file, set, block, [.. start], cache));
    }

    /// <summary>The file and dataset, as <c>file.h5:/name</c>.</summary>
    public override string ToString() => $"the HDF5 dataset {file.Path}:/{Name}";
}

/// <summary>
/// PureHDF's chunk cache for writing, emptied after each block: a block covers its chunks whole
/// (the store checks that), so once it is written they are done and go to the file, and memory
/// holds at most one block's chunks (PureHDF's own cache keeps every chunk until the file closes).
/// </summary>
internal sealed class FlushingChunkCache : IWritingChunkCache
{
    private readonly Dictionary<ulong, Memory<byte>> chunks = [];
    private Action<ulong, Memory<byte>>? writer;

    /// <inheritdoc/>
    public Memory<byte> GetChunk(ulong chunkIndex, Func<Memory<byte>> chunkAllocator, Action<ulong, Memory<byte>> chunkWriter)
    {
        writer = chunkWriter;
        if (!chunks.TryGetValue(chunkIndex, out var chunk))
        {
            chunks[chunkIndex] = chunk = chunkAllocator();
        }

        return chunk;
    }

    /// <inheritdoc/>
    public void Flush(Action<ulong, Memory<byte>> chunkWriter)
    {
        foreach (var (index, chunk) in chunks)
        {
            chunkWriter(index, chunk);
        }

        chunks.Clear();
    }

    /// <summary>Writes out every chunk held, with the writer PureHDF gave last.</summary>
    public void FlushAll()
    {
        if (writer is not null)
        {
            Flush(writer);
        }
    }
}

/// <summary>Writes a block of element type T into its dataset (h5py's bool enumeration for <see cref="Bool"/>, its compound for <see cref="Complex128"/>).</summary>
internal readonly struct WriteFunc(Hdf5FileWriter file, H5Dataset set, INDArray block, int[] start, FlushingChunkCache cache) : IElementFunc<bool>
{
    /// <inheritdoc/>
    public bool Invoke<T>()
        where T : unmanaged, System.Numerics.INumber<T>
    {
        int[] extent = [.. block.Shape];
        if (typeof(T) == typeof(Bool))
        {
            var bytes = block.AsBytes();
            var values = new H5Bool[bytes.Length];
            for (var k = 0; k < bytes.Length; k++)
            {
                values[k] = bytes[k] == 0 ? H5Bool.FALSE : H5Bool.TRUE;
            }

            file.Write(set, values, start, extent, cache);
        }
        else if (typeof(T) == typeof(Complex128))
        {
            var pairs = System.Runtime.InteropServices.MemoryMarshal.Cast<Complex128, H5Complex>(((NDArray<Complex128>)block).Span).ToArray();
            file.Write(set, pairs, start, extent, cache);
        }
        else
        {
            file.Write(set, ((NDArray<T>)block).Data, start, extent, cache);
        }

        return true;
    }
}
