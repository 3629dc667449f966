using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// A destination that takes an array one block at a time, as the targets of Dask's
/// <c>da.store</c> take <c>target[region] = block</c>: a <see cref="ZarrArray"/>, an HDF5 dataset
/// being written, a <c>.npy</c> file, or a type of your own. <see cref="DArray.Store(IDArray, IBlockWritable, int[], MiniDask.Graph.IScheduler, MiniDask.Graph.ComputeOptions, CancellationToken)"/> writes each
/// computed block with <see cref="WriteRegion"/> as soon as it exists, so the array is never held whole.
/// </summary>
/// <remarks>
/// A target that a task can carry as a value (a record that round-trips through JSON; a
/// <see cref="ZarrArray"/> travels as its path) is written by whichever worker computed the
/// block. Any other target is written only in the process that calls
/// <see cref="DArray.Store(IDArray, IBlockWritable, int[], MiniDask.Graph.IScheduler, MiniDask.Graph.ComputeOptions, CancellationToken)"/>,
/// so it needs a scheduler that runs tasks in this process. <see cref="WriteRegion"/> may be
/// called from several threads at once for different regions.
/// </remarks>
public interface IBlockWritable
{
    /// <summary>The target's shape.</summary>
    IReadOnlyList<int> Shape { get; }

    /// <summary>The NumPy name of the element type the target holds, such as <c>float64</c>.</summary>
    string DType { get; }

    /// <summary>
    /// The target's chunk shape when a write must cover whole chunks (Zarr and chunked HDF5 store
    /// chunks as units, so two blocks sharing a chunk would overwrite each other's part), or null
    /// when any region may be written.
    /// </summary>
    IReadOnlyList<int>? ChunkShape { get; }

    /// <summary>Writes <paramref name="block"/> at <paramref name="start"/>.</summary>
    /// <exception cref="ArgumentException">The block has another element type, or does not fit at <paramref name="start"/>.</exception>
    void WriteRegion(INDArray block, ReadOnlySpan<int> start);
}
