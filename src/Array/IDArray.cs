using System.Numerics;
using MiniDask.Graph;

namespace MiniDask.Array;

/// <summary>
/// A chunked array seen without its element type: what operations over operands of mixed
/// element types (type promotion, blockwise functions of several arrays) take. Every <see cref="DArray{TElement}"/> is one.
/// </summary>
public interface IDArray : IDaskCollection
{
    /// <summary>The name of the array's keys.</summary>
    string Name { get; }

    /// <summary>The size of each axis.</summary>
    IReadOnlyList<int> Shape { get; }

    /// <summary>The block sizes along each axis.</summary>
    IReadOnlyList<IReadOnlyList<int>> Chunks { get; }

    /// <summary>The number of axes.</summary>
    int Rank { get; }

    /// <summary>The NumPy name of the element type, such as <c>float64</c> or <c>bool</c>.</summary>
    string DType { get; }

    /// <summary>The CLR element type.</summary>
    Type ElementType { get; }

    /// <summary>The array converted to element type <typeparamref name="TOut"/> (NumPy's <c>astype</c>).</summary>
    DArray<TOut> AsType<TOut>()
        where TOut : unmanaged, INumber<TOut>;
}
