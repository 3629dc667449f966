using MiniDask.Graph;

namespace MiniDask.Array;

/// <summary>
/// A chunked array as plain data (key name, shape, chunks, graph and dtype), so that graph
/// construction that does not depend on the element type (unifying chunks, broadcasting,
/// blockwise layers, tree reductions) is written once for every dtype.
/// </summary>
internal sealed record ArrayNode(string Name, int[] Shape, int[][] Chunks, TaskGraph Graph, string DType)
{
    /// <summary>The number of axes.</summary>
    public int Rank => Shape.Length;

    /// <summary>The key of the block at <paramref name="index"/>.</summary>
    public Key BlockKey(int[] index) => new(Name, index);

    /// <summary>Refuses <paramref name="operation"/> when a block size on one of <paramref name="axes"/> (every axis when none are given) is unknown.</summary>
    /// <exception cref="UnknownChunkSizesException">A block size there is unknown; the message names the array and operation.</exception>
    public void RequireKnown(string operation, params int[] axes)
    {
        var unknown = ChunkGrid.UnknownAxes(Chunks).Where(a => axes.Length == 0 || axes.Contains(a)).ToArray();
        if (unknown.Length > 0)
        {
            throw UnknownChunkSizesException.For(Name, Shape, Chunks, operation, unknown);
        }
    }

    /// <summary>The untyped view of any array.</summary>
    /// <exception cref="ArgumentException"><paramref name="array"/> is not one of this library's arrays.</exception>
    public static ArrayNode Of(IDArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        return array is IArrayNode node
            ? node.Node
            : throw new ArgumentException($"{array.GetType().FullName} is not a DArray; only DArray<T> instances can be combined.", nameof(array));
    }

    /// <summary>The registered name of block op <paramref name="op"/> for <paramref name="dtype"/>: <c>array.{op}.{dtype}</c>.</summary>
    public static string Op(string op, string dtype) => $"array.{op}.{dtype}";
}

/// <summary>Implemented by every <see cref="DArray{TElement}"/>: its untyped view.</summary>
internal interface IArrayNode
{
    /// <summary>The array as plain data.</summary>
    ArrayNode Node { get; }
}
