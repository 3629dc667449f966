using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>
/// An associative reduction as static members. The same operator serves every step of a tree
/// reduction: <see cref="Aggregate"/> reduces a block (the chunk step) and the span form of
/// <see cref="Combine(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/> merges partial results
/// elementwise (the combine and aggregate steps).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public interface IReductionOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <summary>The op's name, as in error messages (<c>sum</c>, <c>max</c>, ...).</summary>
    static abstract string Name { get; }

    /// <summary>Reduces all of <paramref name="x"/> to one value.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="x"/> is empty and the op has no identity.</exception>
    static abstract T Aggregate(ReadOnlySpan<T> x);

    /// <summary>Merges two partial results.</summary>
    static abstract T Combine(T x, T y);

    /// <summary>Merges two spans of partial results elementwise into <paramref name="destination"/>.</summary>
    static abstract void Combine(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination);
}
