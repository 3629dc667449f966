using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// How to cut an array into blocks, as Dask's <c>chunks=</c> argument: <see cref="Auto"/>
/// (blocks of about <see cref="AutoBlockBytes"/>), one block size for every axis or one per axis
/// (<see cref="Of"/>, -1 meaning the whole axis), or explicit block sizes per axis
/// (<see cref="Explicit"/>). An <c>int</c>, <c>int[]</c> or <c>int[][]</c> converts implicitly.
/// </summary>
public sealed class Chunks
{
    /// <summary>The target size of a block cut by <see cref="Auto"/>: 128 MiB, Dask's default <c>array.chunk-size</c>.</summary>
    public const long AutoBlockBytes = 128L << 20;

    private readonly int[]? blockSize;
    private readonly int[][]? sizes;

    private Chunks(int[]? blockSize, int[][]? sizes)
    {
        this.blockSize = blockSize;
        this.sizes = sizes;
    }

    /// <summary>Blocks of about <see cref="AutoBlockBytes"/>, as square as the shape allows; axes smaller than that are not cut.</summary>
    public static Chunks Auto { get; } = new(null, null);

    /// <summary>One block size for every axis (a single value) or one per axis; -1 keeps an axis whole.</summary>
    /// <exception cref="ArgumentException">No size is given, or a size is 0 or below -1.</exception>
    public static Chunks Of(params int[] blockSize)
    {
        ArgumentNullException.ThrowIfNull(blockSize);
        if (blockSize.Length == 0 || blockSize.Any(s => s == 0 || s < -1))
        {
            throw new ArgumentException($"Block sizes {Shapes.Format(blockSize)} must be positive, or -1 for a whole axis.", nameof(blockSize));
        }

        return new((int[])blockSize.Clone(), null);
    }

    /// <summary>Explicit block sizes for each axis, adding up to its size.</summary>
    public static Chunks Explicit(int[][] sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        return new(null, [.. sizes.Select(s => (int[])s.Clone())]);
    }

    /// <summary>One block size for every axis.</summary>
    /// <exception cref="ArgumentException">The size is 0 or below -1.</exception>
    public static implicit operator Chunks(int blockSize) => Of(blockSize);

    /// <summary>One block size per axis.</summary>
    /// <exception cref="ArgumentException">A size is 0 or below -1.</exception>
    public static implicit operator Chunks(int[] blockSize) => Of(blockSize);

    /// <summary>Explicit block sizes per axis.</summary>
    public static implicit operator Chunks(int[][] sizes) => Explicit(sizes);

    /// <summary>The spec as Dask would print it: <c>auto</c>, <c>(1000,)</c> or the explicit chunks.</summary>
    public override string ToString() =>
        sizes is not null ? ChunkGrid.Format(sizes) : blockSize is not null ? Shapes.Format(blockSize) : "auto";

    /// <summary>The per-axis block sizes for an array of <paramref name="shape"/> whose elements take <paramref name="itemSize"/> bytes.</summary>
    /// <exception cref="ArgumentException">The spec does not fit the shape; the message names both.</exception>
    internal int[][] Resolve(ReadOnlySpan<int> shape, int itemSize)
    {
        if (sizes is not null)
        {
            return ChunkGrid.FromExplicit(shape, sizes);
        }

        ChunkGrid.CheckShape(shape);
        var block = blockSize is null ? AutoBlock(shape, itemSize) : Expand(shape, blockSize);
        return ChunkGrid.FromBlockSize(shape, block);
    }

    private static int[] Expand(ReadOnlySpan<int> shape, int[] blockSize)
    {
        if (blockSize.Length != 1 && blockSize.Length != shape.Length)
        {
            throw new ArgumentException(
                $"Chunks {Shapes.Format(blockSize)} give a block size for {blockSize.Length} axes, but shape {Shapes.Format(shape)} has {shape.Length}.");
        }

        var result = new int[shape.Length];
        for (var axis = 0; axis < result.Length; axis++)
        {
            var size = blockSize.Length == 1 ? blockSize[0] : blockSize[axis];
            result[axis] = size == -1 ? Math.Max(1, shape[axis]) : size;
        }

        return result;
    }

    /// <summary>
    /// Dask's automatic chunking, simplified: axes smaller than the ideal edge of a cubic block of
    /// the target size are kept whole, and the rest share the remaining budget equally.
    /// </summary>
    private static int[] AutoBlock(ReadOnlySpan<int> shape, int itemSize)
    {
        var limit = Math.Max(1.0, (double)AutoBlockBytes / itemSize);
        var block = new int[shape.Length];
        var free = new List<int>();
        for (var axis = 0; axis < shape.Length; axis++)
        {
            block[axis] = Math.Max(1, shape[axis]);
            free.Add(axis);
        }

        while (free.Count > 0)
        {
            var fixedSize = Enumerable.Range(0, shape.Length).Where(a => !free.Contains(a)).Aggregate(1.0, (p, a) => p * block[a]);
            var ideal = Math.Pow(limit / fixedSize, 1.0 / free.Count);
            var whole = free.Where(a => block[a] <= ideal).ToList();
            if (whole.Count == 0)
            {
                foreach (var axis in free)
                {
                    block[axis] = Math.Max(1, (int)Math.Floor(ideal));
                }

                break;
            }

            free.RemoveAll(whole.Contains);
        }

        return block;
    }
}
