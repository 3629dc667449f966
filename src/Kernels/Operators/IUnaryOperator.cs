using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>
/// An elementwise unary operation as static members, so that the generic driver
/// <see cref="BlockMath.Unary{TOp, T}(NDArray{T})"/> is specialized per operator with no
/// per-element virtual call. The span form runs vectorized (TensorPrimitives).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public interface IUnaryOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <summary>The op's name, as in error messages (<c>exp</c>, <c>abs</c>, ...).</summary>
    static abstract string Name { get; }

    /// <summary>The op on one value.</summary>
    static abstract T Invoke(T x);

    /// <summary>The op on each element of <paramref name="x"/>, written to <paramref name="destination"/> (same length).</summary>
    static abstract void Invoke(ReadOnlySpan<T> x, Span<T> destination);
}
