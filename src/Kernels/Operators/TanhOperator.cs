using System.Numerics;

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

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/> for why not a vector approximation).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<TanhOperator<T>, T>(x, destination);
}
