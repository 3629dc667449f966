using MiniDask.Graph;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>
    /// Computes the array and writes it as dataset <paramref name="dataset"/> of a new HDF5 file
    /// (Dask's <c>x.to_hdf5(filename, datapath)</c>), chunked as its blocks, each written as soon as
    /// it is computed; see <see cref="DArray.ToHdf5(string, IReadOnlyDictionary{string, IDArray}, int, bool, IScheduler?, ComputeOptions?, CancellationToken)"/>.
    /// </summary>
    /// <param name="file">The file to create.</param>
    /// <param name="dataset">The dataset's path in the file (<c>/</c> makes groups).</param>
    /// <param name="deflateLevel">0 for no compression, or a deflate (gzip) level PureHDF writes: 1 or 9.</param>
    /// <param name="overwrite">Whether to replace an existing file.</param>
    /// <param name="scheduler">The scheduler; null for the ambient default. It must run tasks in this process.</param>
    /// <param name="options">Options of the compute.</param>
    /// <param name="cancellationToken">Cancels the compute.</param>
    /// <exception cref="ArgumentException">The blocks are irregular; the message names the Rechunk that fixes it.</exception>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="NotSupportedException">The scheduler runs tasks in other processes.</exception>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op. The partial file is deleted.</exception>
    public void ToHdf5(
        string file, string dataset, int deflateLevel = 0, bool overwrite = false,
        IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataset);
        DArray.ToHdf5(file, new Dictionary<string, IDArray> { [dataset] = this }, deflateLevel, overwrite, scheduler, options, cancellationToken);
    }
}
