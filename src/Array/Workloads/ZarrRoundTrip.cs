using System.Numerics.Tensors;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array.Workloads;

/// <summary>
/// The <c>zarr-write</c> and <c>zarr-read</c> benchmark workloads: a random array of
/// 16,000 × 8,000 doubles (1.02 GB) in 2,000 × 2,000 blocks written to a Zarr store with Zarr's
/// default compressor (Blosc LZ4, byte shuffle), and that store read back and summed. Both stream
/// through a few 32 MB blocks. The store lives in a folder of the temporary directory (or
/// <c>$MINIDASK_BENCH_DIR</c>) and is deleted when the process exits.
/// <see cref="DirectWrite"/> and <see cref="DirectRead"/> do the same on all cores without the engine.
/// </summary>
public static class ZarrRoundTrip
{
    /// <summary>The array's shape.</summary>
    public static readonly int[] Shape = [16_000, 8_000];

    /// <summary>The block (and chunk) shape.</summary>
    public static readonly int[] Chunks = [2_000, 2_000];

    private const long Seed = 1;

    private static readonly Lazy<string> Folder = new(() =>
    {
        var root = Environment.GetEnvironmentVariable("MINIDASK_BENCH_DIR") is { Length: > 0 } dir ? dir : Path.GetTempPath();
        var folder = Path.Combine(root, $"minidask-bench-zarr-{Environment.ProcessId}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        };
        return folder;
    });

    private static readonly Lazy<string> ReadStore = new(() =>
    {
        var path = Path.Combine(Folder.Value, "read.zarr");
        Source().ToZarr(path, overwrite: true, scheduler: new SyncScheduler());
        return path;
    });

    /// <summary>The random array that <c>zarr-write</c> writes.</summary>
    public static DArray<double> Source() => DArray.Random(Shape, Chunks, Seed);

    /// <summary>The folder <c>zarr-write</c> writes to (replaced at each run).</summary>
    public static string WritePath => Path.Combine(Folder.Value, "write.zarr");

    /// <summary>The store <c>zarr-read</c> reads: the same array, written once per process before the first run.</summary>
    public static string ReadPath => ReadStore.Value;

    /// <summary>Writes <paramref name="source"/> to <see cref="WritePath"/>; returns the bytes of the blocks written.</summary>
    public static long Write(DArray<double> source, IScheduler scheduler)
    {
        var target = ZarrArray.Create<double>(WritePath, Shape, Chunks, overwrite: true);
        return DArray.Store(source, target, scheduler: scheduler);
    }

    /// <summary>The same write without the engine: each block generated and written on all cores.</summary>
    public static long DirectWrite()
    {
        var target = ZarrArray.Create<double>(WritePath, Shape, Chunks, overwrite: true);
        var perRow = Shape[1] / Chunks[1];
        var blocks = Shape[0] / Chunks[0] * perRow;
        Parallel.For(0, blocks, block =>
        {
            var data = NDArray<double>.CreateUninitialized(Chunks);
            BlockRandom.FillUniform(data.Span, Seed, [block / perRow, block % perRow]);
            target.WriteRegion(data, [block / perRow * Chunks[0], block % perRow * Chunks[1]]);
            data.Recycle();
        });
        return (long)Shape[0] * Shape[1] * sizeof(double);
    }

    /// <summary>The same read and sum without the engine: each chunk read and summed on all cores.</summary>
    public static double DirectRead()
    {
        var source = ZarrArray.Open(ReadPath);
        var perRow = Shape[1] / Chunks[1];
        var blocks = Shape[0] / Chunks[0] * perRow;
        var sums = new double[blocks];
        Parallel.For(0, blocks, block =>
        {
            var data = source.Read<double>([block / perRow * Chunks[0], block % perRow * Chunks[1]], Chunks);
            sums[block] = TensorPrimitives.Sum<double>(data.Span);
            data.Recycle();
        });
        return sums.Sum();
    }
}
