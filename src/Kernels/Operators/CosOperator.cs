using System.Numerics;
using System.Numerics.Tensors;

namespace MiniDask.Kernels;

/// <summary>Elementwise cosine of radians.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct CosOperator<T> : IUnaryOperator<T>
    where T : unmanaged, INumber<T>, ITrigonometricFunctions<T>
{
    /// <inheritdoc />
    public static string Name => "cos";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Cos(x);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Cos(x, destination);
}
