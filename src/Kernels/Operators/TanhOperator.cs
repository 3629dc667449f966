using System.Numerics;
using System.Numerics.Tensors;

namespace MiniDask.Kernels;

/// <summary>Elementwise hyperbolic tangent.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct TanhOperator<T> : IUnaryOperator<T>
    where T : unmanaged, INumber<T>, IHyperbolicFunctions<T>
{
    /// <inheritdoc />
    public static string Name => "tanh";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Tanh(x);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Tanh(x, destination);
}
