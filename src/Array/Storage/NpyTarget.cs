using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array.Storage;

/// <summary>
/// A <c>.npy</c> file made by <see cref="NpyFile.Create{T}"/> as a store target: each block is
/// written at its offset, touching only its bytes, so any region may be written and blocks can be
/// written in parallel. A task carries it as its path.
/// </summary>
/// <param name="Path">The file's full path.</param>
internal sealed record NpyTarget(string Path) : IBlockWritable
{
    /// <inheritdoc/>
    public IReadOnlyList<int> Shape => NpyFile.Open(Path).Shape;

    /// <inheritdoc/>
    public string DType => NpyFile.Open(Path).DType;

    /// <inheritdoc/>
    public IReadOnlyList<int>? ChunkShape => null;

    /// <inheritdoc/>
    public void WriteRegion(INDArray block, ReadOnlySpan<int> start) =>
        StoredDType.Of(block.ElementType).Apply(new Write(NpyFile.Open(Path), block, start.ToArray()));

    /// <summary>The file, for messages.</summary>
    public override string ToString() => $"the .npy file {Path}";

    private readonly struct Write(NpyFile file, INDArray block, int[] start) : IElementFunc<bool>
    {
        public bool Invoke<T>()
            where T : unmanaged, INumber<T>
        {
            file.WriteRegion((NDArray<T>)block, start);
            return true;
        }
    }
}
