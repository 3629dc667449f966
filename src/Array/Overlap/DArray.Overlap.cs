using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

public static partial class DArray
{
    /// <summary>
    /// <paramref name="function"/> applied to the aligned, overlapped blocks of several arrays of
    /// one shape (Dask's <c>map_overlap(func, *arrays)</c>): every array is cut as the first one,
    /// each block grown by <paramref name="depth"/> along every axis (see
    /// <see cref="DArray{TElement}.Overlap(int, Boundary?)"/>), the function called with one block
    /// of each in order, and with <paramref name="trim"/> the margins cut off its result.
    /// Registration rules are those of <see cref="DArray{TElement}.Map{TOut}"/>.
    /// </summary>
    /// <typeparam name="TOut">The output blocks' element type.</typeparam>
    /// <exception cref="ArgumentException">No array is given, the shapes differ, or the depth does not fit.</exception>
    public static DArray<TOut> MapOverlap<TOut>(Func<INDArray[], NDArray<TOut>> function, IReadOnlyList<IDArray> arrays, int depth, Boundary? boundary = null, bool trim = true)
        where TOut : unmanaged, INumber<TOut>
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(arrays);
        if (arrays.Count == 0)
        {
            throw new ArgumentException("MapOverlap needs at least one array.", nameof(arrays));
        }

        var first = ArrayNode.Of(arrays[0]);
        var depths = first.Shape.Select(_ => (depth, depth)).ToArray();
        var edge = boundary ?? Boundary.None;
        var grown = new IDArray[arrays.Count];
        for (var i = 0; i < arrays.Count; i++)
        {
            var node = ArrayNode.Of(arrays[i]);
            if (!node.Shape.SequenceEqual(first.Shape))
            {
                throw new ArgumentException(
                    $"MapOverlap takes arrays of one shape: array {i} ({node.Name}) has shape {Shapes.Format(node.Shape)}, array 0 ({first.Name}) {Shapes.Format(first.Shape)}.",
                    nameof(arrays));
            }

            grown[i] = Wrap(OverlapPlan.Build(UnifyChunks.To(node, first.Chunks), depths, edge));
        }

        var mapped = MapBlocks(function, grown);
        return trim ? DArray<TOut>.FromNode(OverlapLayers.Trim(mapped.Node, depths, edge)) : mapped;
    }

    /// <summary>The typed array over <paramref name="node"/>, whatever its dtype.</summary>
    internal static IDArray Wrap(ArrayNode node) => DTypeLists.Dispatch<Wrapped, IDArray>(node.DType, new Wrapped(node));

    private readonly struct Wrapped(ArrayNode node) : IDTypeFunction<IDArray>
    {
        public IDArray Run<T>()
            where T : unmanaged, INumber<T> => DArray<T>.FromNode(node);
    }
}
