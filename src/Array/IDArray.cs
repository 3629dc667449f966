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
    /// <exception cref="UnknownChunkSizesException">A size is known only once the array is computed (<see cref="HasUnknownChunks"/>).</exception>
    IReadOnlyList<int> Shape { get; }

    /// <summary>The block sizes along each axis.</summary>
    /// <exception cref="UnknownChunkSizesException">A block size is known only once the array is computed (<see cref="HasUnknownChunks"/>).</exception>
    IReadOnlyList<IReadOnlyList<int>> Chunks { get; }

    /// <summary>Whether some block sizes are known only once the array is computed, as after a boolean mask (Dask's NaN chunks).</summary>
    bool HasUnknownChunks { get; }

    /// <summary>The size of each axis as far as it is known: null where it is known only once the array is computed.</summary>
    IReadOnlyList<int?> PartialShape { get; }

    /// <summary>The block sizes along each axis as far as they are known: null where a size is known only once the block is computed.</summary>
    IReadOnlyList<IReadOnlyList<int?>> PartialChunks { get; }

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
