using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement> : IDArray, IArrayNode
{
    /// <summary>The CLR element type.</summary>
    public Type ElementType => typeof(TElement);

    ArrayNode IArrayNode.Node => Node;

    internal ArrayNode Node => new(Name, shape, chunks, Graph, DType);

    /// <summary>
    /// The array converted to element type <typeparamref name="TOut"/>, block by block (NumPy's
    /// <c>astype</c>): floats to integers truncate toward zero, numbers to <see cref="Bool"/>
    /// are true where nonzero, <see cref="Bool"/> to numbers gives 0 and 1. Converting to the
    /// same type returns this array.
    /// </summary>
    public DArray<TOut> AsType<TOut>()
        where TOut : unmanaged, INumber<TOut>
    {
        if (typeof(TOut) == typeof(TElement))
        {
            return (DArray<TOut>)(object)this;
        }

        var to = DTypes.NameOf<TOut>();
        var node = ElementwiseLayer.Map($"astype-{to}", ArrayNode.Op($"astype-{to}", DType), to, [Node]);
        return DArray<TOut>.FromNode(node);
    }

    /// <summary>Wraps an untyped node whose blocks are <typeparamref name="TElement"/> blocks.</summary>
    internal static DArray<TElement> FromNode(ArrayNode node)
    {
        var dtype = DTypes.NameOf<TElement>();
        return node.DType == dtype
            ? new DArray<TElement>(node.Name, node.Shape, node.Chunks, node.Graph)
            : throw new InvalidOperationException($"Array {node.Name} holds {node.DType} blocks, not {dtype}.");
    }
}
