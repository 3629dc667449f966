using System.Text.Json;
using System.Text.Json.Serialization;
using MiniDask.Array.Storage;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>
    /// Computes the array and writes it to one <c>.npy</c> file (version 1.0, C order). The header
    /// is written first and the file sized for the data; then each block's task writes its own
    /// rows at their offsets as soon as it is computed (through <see cref="DArray.Store(IDArray, IBlockWritable, int[], IScheduler, ComputeOptions, CancellationToken)"/>),
    /// so the whole array is never held in memory at once.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="scheduler">The scheduler; null for the ambient default.</param>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown (<see cref="HasUnknownChunks"/>): call <see cref="ComputeChunkSizes"/> first.</exception>
    public void ToNpy(string path, IScheduler? scheduler = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        RequireKnownChunks("ToNpy");
        var full = System.IO.Path.GetFullPath(path);
        NpyFile.Create<TElement>(full, shape);
        if (Size == 0)
        {
            return;
        }

        DArray.Store(this, new NpyTarget(full), scheduler: scheduler);
    }

    /// <summary>
    /// Computes the array and writes it as a folder of <c>.npy</c> files, one per block along
    /// <paramref name="axis"/> (<c>0.npy</c>, <c>1.npy</c>, ...), plus <c>info.json</c> with the
    /// shape, chunks, dtype and axis, like Dask's <c>to_npy_stack</c>. The other axes are
    /// rechunked whole first. Read it back with <see cref="DArray.FromNpyStack{T}"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown (<see cref="HasUnknownChunks"/>): call <see cref="ComputeChunkSizes"/> first.</exception>
    public void ToNpyStack(string directory, int axis = 0, IScheduler? scheduler = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        RequireKnownChunks("ToNpyStack");
        var a = Shapes.NormalizeAxis(axis, Rank);
        var whole = chunks.Select((c, i) => i == a ? c : [Math.Max(1, shape[i])]).ToArray();
        var source = Rechunk(whole.Select((c, i) => shape[i] == 0 ? [0] : c).ToArray());
        var full = System.IO.Path.GetFullPath(directory);
        Directory.CreateDirectory(full);

        // One target file per block along the axis, each filled by the store of that block.
        var sources = new List<IDArray>();
        var targets = new List<IBlockWritable>();
        for (var b = 0; b < source.chunks[a].Length; b++)
        {
            var file = System.IO.Path.Combine(full, $"{b}.npy");
            NpyFile.Create<TElement>(file, source.shape.Select((n, i) => i == a ? source.chunks[a][b] : n).ToArray());
            sources.Add(source.Blocks[[.. Enumerable.Range(0, Rank).Select(i => i == a ? (Slice)(b..(b + 1)) : (Slice)Range.All)]]);
            targets.Add(new NpyTarget(file));
        }

        DArray.Store(sources, targets, scheduler: scheduler);
        var info = new NpyStackInfo(shape, source.chunks, DType, a);
        File.WriteAllText(System.IO.Path.Combine(full, NpyStackInfo.FileName), JsonSerializer.Serialize(info, NpyStackInfo.Json));
    }
}

/// <summary>The <c>info.json</c> of a <c>.npy</c> stack: the array's shape, chunks, dtype and the axis its files split.</summary>
/// <param name="Shape">The whole array's shape.</param>
/// <param name="Chunks">The chunks; along <paramref name="Axis"/> one per file.</param>
/// <param name="DType">The dtype name, such as <c>float64</c>.</param>
/// <param name="Axis">The axis the files are stacked along.</param>
internal sealed record NpyStackInfo(int[] Shape, int[][] Chunks, [property: JsonPropertyName("dtype")] string DType, int Axis)
{
    /// <summary>The info file's name within the folder.</summary>
    public const string FileName = "info.json";

    /// <summary>The JSON settings: camel-case names.</summary>
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
