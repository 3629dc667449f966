using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>
/// An elementwise binary operation as static members, so that the generic driver
/// <see cref="BlockMath.Binary{TOp, T}(NDArray{T}, NDArray{T})"/> is specialized per operator
/// with no per-element virtual call. Span forms run vectorized (TensorPrimitives).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public interface IBinaryOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <summary>The op on two scalars.</summary>
    static abstract T Invoke(T x, T y);

    /// <summary>The op on two spans of equal length, written to <paramref name="destination"/>.</summary>
    static abstract void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination);

    /// <summary>The op on each element of <paramref name="x"/> and the scalar <paramref name="y"/>.</summary>
    static abstract void Invoke(ReadOnlySpan<T> x, T y, Span<T> destination);

    /// <summary>The op on the scalar <paramref name="x"/> and each element of <paramref name="y"/>.</summary>
    static abstract void Invoke(T x, ReadOnlySpan<T> y, Span<T> destination);
}
