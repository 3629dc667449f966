using System.Numerics;
using System.Numerics.Tensors;

namespace MiniDask.Kernels;

/// <summary>Elementwise sine of radians.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct SinOperator<T> : IUnaryOperator<T>
    where T : unmanaged, INumber<T>, ITrigonometricFunctions<T>
{
    /// <inheritdoc />
    public static string Name => "sin";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Sin(x);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Sin(x, destination);
}
