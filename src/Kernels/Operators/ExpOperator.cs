using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>Elementwise natural exponential, <c>e^x</c>.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct ExpOperator<T> : IUnaryOperator<T>
    where T : unmanaged, INumber<T>, IExponentialFunctions<T>
{
    /// <inheritdoc />
    public static string Name => "exp";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Exp(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/> for why not a vector approximation).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<ExpOperator<T>, T>(x, destination);
}
