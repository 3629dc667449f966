using System.Numerics;

namespace MiniDask.Array;

/// <summary>Products beyond matmul and tensordot: NumPy's <c>outer</c>, <c>vdot</c> and <c>kron</c>.</summary>
public static partial class DArray
{
    /// <summary>The outer product of the flattened arrays: <c>result[i, j] = a[i] * b[j]</c> (NumPy's <c>outer</c>).</summary>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown.</exception>
    public static DArray<T> Outer<T>(this DArray<T> a, DArray<T> b)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Ravel()[Slice.All, Slice.NewAxis] * b.Ravel()[Slice.NewAxis, Slice.All];
    }

    /// <summary>The dot product of the flattened arrays, <c>sum(a.ravel() * b.ravel())</c> (NumPy's <c>vdot</c> for real arrays).</summary>
    /// <exception cref="ArgumentException">The arrays hold different numbers of elements.</exception>
    public static DScalar<T> Vdot<T>(this DArray<T> a, DArray<T> b)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Size != b.Size)
        {
            throw new ArgumentException($"Vdot needs arrays of equal size; got shapes {Kernels.Shapes.Format(a.ShapeArray)} and {Kernels.Shapes.Format(b.ShapeArray)}.", nameof(b));
        }

        return (a.Ravel() * b.Ravel()).Sum();
    }

    /// <summary>
    /// The Kronecker product (NumPy's <c>kron</c>): blocks of <paramref name="b"/> scaled by each
    /// element of <paramref name="a"/>, shape <c>a.shape * b.shape</c> axis by axis (the smaller
    /// rank gains leading axes of size 1). Built as a broadcast product with interleaved axes, then reshaped.
    /// </summary>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown.</exception>
    public static DArray<T> Kron<T>(this DArray<T> a, DArray<T> b)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var rank = Math.Max(a.Rank, b.Rank);
        a = WithRank(a, rank);
        b = WithRank(b, rank);
        var spreadA = Enumerable.Range(0, rank).SelectMany(_ => new[] { Slice.All, Slice.NewAxis }).ToArray();
        var spreadB = Enumerable.Range(0, rank).SelectMany(_ => new[] { Slice.NewAxis, Slice.All }).ToArray();
        var product = a[spreadA] * b[spreadB];
        return product.Reshape([.. Enumerable.Range(0, rank).Select(i => a.ShapeArray[i] * b.ShapeArray[i])]);
    }
}
