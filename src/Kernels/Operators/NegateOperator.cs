using System.Numerics;
using System.Numerics.Tensors;

namespace MiniDask.Kernels;

/// <summary>Elementwise negation: <c>-x</c> (wraps around for the most negative integer, as NumPy does).</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct NegateOperator<T> : IUnaryOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static string Name => "negative";

    /// <inheritdoc />
    public static T Invoke(T x) => -x;

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Negate(x, destination);
}
