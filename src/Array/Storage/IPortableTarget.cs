namespace MiniDask.Array.Storage;

/// <summary>
/// A write target that a task carries to a worker as a smaller value which reopens it there
/// (a Zarr array travels as its path), when the target itself is not a value a task can carry.
/// </summary>
internal interface IPortableTarget
{
    /// <summary>The value the task carries: a record that round-trips through JSON and writes into the same target.</summary>
    IBlockWritable Portable { get; }
}

/// <summary>A Zarr array as a store task carries it: its folder, reopened where the task runs.</summary>
/// <param name="Path">The array's folder, as a full path.</param>
internal sealed record ZarrPathTarget(string Path) : IBlockWritable
{
    /// <inheritdoc/>
    public IReadOnlyList<int> Shape => Open().Shape;

    /// <inheritdoc/>
    public string DType => Open().DType;

    /// <inheritdoc/>
    public IReadOnlyList<int>? ChunkShape => Open().Chunks;

    /// <inheritdoc/>
    public void WriteRegion(MiniDask.Kernels.INDArray block, ReadOnlySpan<int> start) => Open().WriteRegion(block, start);

    private ZarrArray Open() => ZarrArray.Open(Path);
}
