using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>Elementwise natural logarithm (NaN below zero, negative infinity at zero, as in NumPy).</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct LogOperator<T> : IUnaryOperator<T>
    where T : unmanaged, INumber<T>, ILogarithmicFunctions<T>
{
    /// <inheritdoc />
    public static string Name => "log";

    /// <inheritdoc />
    public static T Invoke(T x) => T.Log(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/> for why not a vector approximation).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<LogOperator<T>, T>(x, destination);
}
