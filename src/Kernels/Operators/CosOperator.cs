using System.Numerics;

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

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/> for why not a vector approximation).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<CosOperator<T>, T>(x, destination);
}
