using System.Numerics;
using MiniDask.Array.Storage;
using MiniDask.Array.Storage.Hdf5;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public static partial class DArray
{
    /// <summary>
    /// A chunked array over dataset <paramref name="dataset"/> of the HDF5 file <paramref name="file"/>
    /// (as Dask's <c>da.from_array(h5py_dataset)</c>), read through PureHDF: the layout is read now;
    /// each block's task opens the file and reads only its region, when it runs, on whichever
    /// worker runs it. By default a chunked dataset's blocks are its chunks, and a contiguous one
    /// is cut as <see cref="Chunks.Auto"/> cuts it. Datasets of h5py's bool (an enumeration over a byte) read as <see cref="Bool"/>.
    /// </summary>
    /// <param name="file">The HDF5 file.</param>
    /// <param name="dataset">The dataset's path in the file, such as <c>temperature</c> or <c>grp/inner</c>.</param>
    /// <param name="chunks">The blocks; null for the dataset's chunks (or automatic ones).</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">The file has no such dataset (the message lists those it has), or it holds another dtype than <typeparamref name="T"/>.</exception>
    /// <exception cref="NotSupportedException">The dataset's element type is not supported.</exception>
    /// <exception cref="InvalidDataException">The file is not HDF5 or is damaged; the message names it (a block whose chunks are damaged fails its task with this error).</exception>
    public static DArray<T> FromHdf5<T>(string file, string dataset, Chunks? chunks = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        ArgumentException.ThrowIfNullOrEmpty(dataset);
        var full = Path.GetFullPath(file);
        var layout = Hdf5Reading.Describe(full, dataset);
        if (layout.DType.ElementType != typeof(T))
        {
            throw new ArgumentException(
                $"{full}:{dataset} holds {layout.DType.Name}, not {DTypes.NameOf<T>()}: use FromHdf5<{layout.DType.ElementType.Name}>, or the untyped FromHdf5 and AsType<{typeof(T).Name}>().");
        }

        var grid = chunks is not null ? chunks.Resolve(layout.Shape, layout.DType.ItemSize)
            : layout.Chunks is { } stored ? ChunkGrid.FromBlockSize(layout.Shape, stored)
            : Chunks.Auto.Resolve(layout.Shape, layout.DType.ItemSize);
        var stamp = File.GetLastWriteTimeUtc(full).Ticks;
        var name = Tokenize.Name("from-hdf5", full, dataset, layout.DType.Name, layout.Shape, grid, stamp);
        return DArray<T>.FromNode(ArrayBlockwise.Create(
            name, layout.Shape, grid, DTypes.NameOf<T>(), StorageOps.Hdf5ReadOp,
            BlockwiseArg.Literal(full), BlockwiseArg.Literal(dataset), ArrayBlockwise.BlockStart(grid), ArrayBlockwise.BlockShape(grid)));
    }

    /// <summary>
    /// A chunked array over an HDF5 dataset, of the element type the dataset holds (see
    /// <see cref="FromHdf5{T}(string, string, Chunks?)"/>).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">The file has no such dataset.</exception>
    /// <exception cref="NotSupportedException">The dataset's element type is not supported.</exception>
    /// <exception cref="InvalidDataException">The file is not HDF5 or is damaged; the message names it (a block whose chunks are damaged fails its task with this error).</exception>
    public static IDArray FromHdf5(string file, string dataset, Chunks? chunks = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        return Hdf5Reading.Describe(Path.GetFullPath(file), dataset).DType.Apply(new FromHdf5Func(file, dataset, chunks));
    }

    /// <summary>
    /// Computes the arrays together and writes each as a chunked dataset of a new HDF5 file
    /// (Dask's <c>da.to_hdf5(filename, {'/x': x, '/y': y})</c>), through PureHDF, readable by h5py:
    /// each dataset's chunks are the array's blocks, written as soon as each block is computed, so
    /// no array is held whole. The blocks must be regular (see <see cref="DArray{TElement}.ToZarr"/>).
    /// PureHDF writes new files only, so the file is created whole; it is written by this process,
    /// so the scheduler must run tasks here (a LocalScheduler): a cluster's workers cannot reach it.
    /// </summary>
    /// <param name="file">The file to create.</param>
    /// <param name="datasets">Each dataset's path in the file (<c>/</c> makes groups) and its array.</param>
    /// <param name="deflateLevel">0 for no compression, or a deflate (gzip) level PureHDF writes: 1 or 9.</param>
    /// <param name="overwrite">Whether to replace an existing file.</param>
    /// <param name="scheduler">The scheduler; null for the ambient default.</param>
    /// <param name="options">Options of the compute.</param>
    /// <param name="cancellationToken">Cancels the compute.</param>
    /// <exception cref="ArgumentException">A name is empty or repeated, or an array has irregular chunks (the message names the Rechunk).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="deflateLevel"/> is not 0, 1 or 9.</exception>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="NotSupportedException">The scheduler runs tasks in other processes.</exception>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op. The partial file is deleted.</exception>
    public static void ToHdf5(
        string file, IReadOnlyDictionary<string, IDArray> datasets, int deflateLevel = 0, bool overwrite = false,
        IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        ArgumentNullException.ThrowIfNull(datasets);
        if (deflateLevel is not (0 or 1 or 9))
        {
            throw new ArgumentOutOfRangeException(nameof(deflateLevel), deflateLevel, "PureHDF writes deflate levels 1 and 9 (0: no compression).");
        }

        var full = Path.GetFullPath(file);
        if (File.Exists(full) && !overwrite)
        {
            throw new IOException($"{full} already exists; pass overwrite: true to replace it.");
        }

        var declared = datasets.Select(d =>
        {
            var node = ArrayNode.Of(d.Value);
            node.RequireKnown("ToHdf5");
            return (d.Key, StoredDType.Of(d.Value.ElementType), node.Shape, RegularChunkShape(d.Value, "ToHdf5", "an HDF5 dataset has one chunk shape"));
        }).ToList();
        var completed = false;
        var writer = Hdf5FileWriter.Create(full, declared, deflateLevel);
        try
        {
            Store([.. datasets.Values], [.. writer.Targets], scheduler: scheduler, options: options, cancellationToken: cancellationToken);
            completed = true;
        }
        finally
        {
            writer.Dispose();
            if (!completed)
            {
                File.Delete(full);
            }
        }
    }
}

/// <summary>FromHdf5 for the element type of the dataset.</summary>
internal readonly struct FromHdf5Func(string file, string dataset, Chunks? chunks) : IElementFunc<IDArray>
{
    /// <inheritdoc/>
    public IDArray Invoke<T>()
        where T : unmanaged, INumber<T> => DArray.FromHdf5<T>(file, dataset, chunks);
}
