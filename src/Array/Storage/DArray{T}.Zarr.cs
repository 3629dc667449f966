using System.Text.Json.Nodes;
using MiniDask.Graph;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>
    /// Computes the array and writes it as a Zarr v2 array in folder <paramref name="path"/>
    /// (Dask's <c>to_zarr</c>), readable by zarr-python: one chunk per block, each written by the
    /// task that computed it, so the array is never held whole. The blocks must be regular (all
    /// the same size along an axis but the last, which may be smaller), since a Zarr array has
    /// one chunk shape; otherwise Rechunk first, as the error says.
    /// </summary>
    /// <param name="path">The array's folder.</param>
    /// <param name="compressor">The chunks' compressor; null for Zarr's default (Blosc LZ4, byte shuffle).</param>
    /// <param name="fillValue">The fill value recorded in <c>.zarray</c> (and padding edge chunks).</param>
    /// <param name="dimensionSeparator"><c>.</c> or <c>/</c> between the indices of chunk keys.</param>
    /// <param name="overwrite">Whether to replace a Zarr array or group already at <paramref name="path"/>.</param>
    /// <param name="attributes">User attributes for <c>.zattrs</c>, or null.</param>
    /// <param name="scheduler">The scheduler; null for the ambient default.</param>
    /// <param name="options">Options of the compute.</param>
    /// <param name="cancellationToken">Cancels the compute.</param>
    /// <returns>The written array.</returns>
    /// <exception cref="ArgumentException">The blocks are irregular; the message names the Rechunk that fixes it.</exception>
    /// <exception cref="IOException">The folder already holds a Zarr array and <paramref name="overwrite"/> is false, or holds other files.</exception>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown: call <see cref="ComputeChunkSizes"/> first.</exception>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public ZarrArray ToZarr(
        string path, ZarrCompressor? compressor = null, TElement fillValue = default, string dimensionSeparator = ".", bool overwrite = false,
        JsonObject? attributes = null, IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        RequireKnownChunks("ToZarr");
        var zarrChunks = DArray.RegularChunkShape(this, "ToZarr", "a Zarr array has one chunk shape");
        var target = ZarrArray.Create(path, shape, zarrChunks, compressor, fillValue, dimensionSeparator, overwrite, attributes);
        DArray.Store(this, target, scheduler: scheduler, options: options, cancellationToken: cancellationToken);
        return target;
    }
}
