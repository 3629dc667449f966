namespace MiniDask.Array;

/// <summary>
/// An operation needs the block sizes of an array whose sizes are known only once it is
/// computed, such as the result of a boolean mask (Dask's NaN chunks). The message names the
/// array, its shape and chunks (unknown sizes printed as <c>nan</c>) and the operation; call
/// <see cref="DArray{TElement}.ComputeChunkSizes"/> first to get an array with known chunks.
/// </summary>
public sealed class UnknownChunkSizesException : InvalidOperationException
{
    /// <summary>Creates the exception with a message naming the array and the operation.</summary>
    /// <param name="arrayName">The name of the array whose chunk sizes are unknown.</param>
    /// <param name="operation">What needed the sizes, as the message says it.</param>
    /// <param name="message">The full message.</param>
    public UnknownChunkSizesException(string arrayName, string operation, string message)
        : base(message)
    {
        ArrayName = arrayName;
        Operation = operation;
    }

    /// <summary>The name of the array whose chunk sizes are unknown.</summary>
    public string ArrayName { get; }

    /// <summary>What needed the sizes.</summary>
    public string Operation { get; }

    /// <summary>The exception for <paramref name="operation"/> on an array with unknown sizes on <paramref name="axes"/>.</summary>
    internal static UnknownChunkSizesException For(string name, int[] shape, int[][] chunks, string operation, IReadOnlyCollection<int> axes)
    {
        var where = axes.Count == 1 ? $"axis {axes.First()}" : $"axes {string.Join(", ", axes)}";
        return new UnknownChunkSizesException(
            name,
            operation,
            $"{operation} needs the chunk sizes of array {name}, which are unknown on {where} (shape {ChunkGrid.FormatShape(shape)}, chunks {ChunkGrid.Format(chunks)}); " +
            "call ComputeChunkSizes() on it first.");
    }
}
