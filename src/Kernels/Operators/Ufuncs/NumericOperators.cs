using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>-1, 0 or 1 by the sign of x (NaN stays NaN; NumPy's <c>sign</c>).</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct SignOperator<T> : IUnaryOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static string Name => "sign";

    /// <inheritdoc />
    public static T Invoke(T x) => UfuncMath.Sign(x);

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<SignOperator<T>, T>(x, destination);
}

/// <summary><c>x * x</c>.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct SquareOperator<T> : IUnaryOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public static string Name => "square";

    /// <inheritdoc />
    public static T Invoke(T x) => x * x;

    /// <summary>The scalar function on each element (see <see cref="ScalarLoop"/>).</summary>
    public static void Invoke(ReadOnlySpan<T> x, Span<T> destination) => ScalarLoop.Unary<SquareOperator<T>, T>(x, destination);
}
